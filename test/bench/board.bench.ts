// Claim latency under contention: rounds of 100 concurrent claims (100 sessions of 100 partners) on one
// action; reports median and p95 latency of all claim requests and the winner's. PGlite always;
// PostgreSQL too when TEST_DATABASE_URL is set (in a throwaway database).
import { benchEngines, openScratchDatabase } from '../support/scratch-db.ts';
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import { startServer } from '../../server/server.ts';
import { addParticipant, createHousehold, createOrganization, createUser } from '../support/factories.ts';
import { createActionVia, sessionClient } from '../support/board.ts';

const ROUNDS = Number(process.env.BENCH_CLAIM_ROUNDS ?? 10);
const CLAIMERS = 100;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function benchOn(label: string, database: Database) {
  const config = { ...loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' }) };
  const server = await startServer(config, { database });
  try {
    const db = database.db;
    const regie = await createUser(db, { kind: 'gemeente' });
    const household = await createHousehold(db, { regievoerderId: regie.id });
    const org = await createOrganization(db, 'politie');
    const users = await Promise.all(Array.from({ length: CLAIMERS }, () => createUser(db, { organizationId: org.id })));
    for (const u of users) await addParticipant(db, household.id, u.id, 'partner');
    const regieApi = await sessionClient(server, regie.id);
    const clients = await Promise.all(users.map((u) => sessionClient(server, u.id)));

    const all: number[] = [];
    const winners: number[] = [];
    const rounds: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const action = await createActionVia(regieApi, household.id, { ownerOrganizationId: org.id });
      const started = performance.now();
      const results = await Promise.all(
        clients.map(async (c) => {
          const t0 = performance.now();
          const res = await c.post(`/api/actions/${action.id}/claim`);
          return { status: res.status, ms: performance.now() - t0 };
        }),
      );
      rounds.push(performance.now() - started);
      const ok = results.filter((x) => x.status === 200);
      if (ok.length !== 1 || results.filter((x) => x.status === 409).length !== CLAIMERS - 1) {
        throw new Error(`round ${r}: expected 1 winner and ${CLAIMERS - 1} conflicts, got ${results.map((x) => x.status).join(',')}`);
      }
      winners.push(ok[0]!.ms);
      all.push(...results.map((x) => x.ms));
    }
    console.log(
      `${label}: ${ROUNDS} rounds × ${CLAIMERS} concurrent claims — claim latency median ${ms(pct(all, 0.5))}, p95 ${ms(pct(all, 0.95))}; ` +
        `winner median ${ms(pct(winners, 0.5))}; whole round median ${ms(pct(rounds, 0.5))}`,
    );
  } finally {
    await server.close();
  }
}

export async function run(): Promise<void> {
  for (const engine of benchEngines()) {
    const { database, dispose } = await openScratchDatabase(engine);
    try {
      await benchOn(engine, database);
    } finally {
      await dispose();
    }
  }
}
