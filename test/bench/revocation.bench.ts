// How fast a revocation reaches every live channel: for logout, session expiry, a disabled account and a
// removed participation, the time until the partner's document socket closes and their event stream ends,
// and whether the stream still delivered a board event made after the revocation. Waits are capped
// (CAP_MS): "> cap" means the channel was still open then. PGlite always; PostgreSQL with TEST_DATABASE_URL.
import { eq } from 'drizzle-orm';
import WebSocket from 'ws';
import { benchEngines, openScratchDatabase } from '../support/scratch-db.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import { documents, sessions, users } from '../../server/db/schema.ts';
import { startServer } from '../../server/server.ts';
import { householdWithCast } from '../support/factories.ts';
import { createActionVia } from '../support/board.ts';
import { openSse } from '../support/sse.ts';

const CAP_MS = Number(process.env.BENCH_REVOCATION_CAP_MS ?? 20_000);

type Scenario = 'logout' | 'expiry' | 'disabled' | 'disabled-db' | 'removed';

function socketClosed(url: string, cookie: string, documentId: string) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/collab/${documentId}`, { headers: { cookie } });
  const joined = new Promise<void>((resolve) => ws.once('message', () => resolve()));
  const closed = new Promise<number>((resolve) => ws.once('close', () => resolve(performance.now())));
  return { ws, joined, closed };
}

const capped = (p: Promise<number>) => Promise.race([p, new Promise<null>((r) => setTimeout(() => r(null), CAP_MS))]);
const fmt = (t: number | null, from: number) => (t === null ? `> ${CAP_MS} ms` : `${Math.max(0, t - from).toFixed(0)} ms`);

async function scenario(database: Database, name: Scenario): Promise<string> {
  // Expiry: sessions of 6 s, so the lifetime runs out while the channels are open (no request slides it).
  const overrides: Partial<Config> = name === 'expiry' ? { sessionDays: 6 / 86_400 } : {};
  const server = await startServer({ ...loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' }), ...overrides }, { database });
  try {
    const db = database.db;
    const cast = await householdWithCast(db, server.url);
    const [plan] = await db.select().from(documents).where(eq(documents.householdId, cast.household.id));
    const socket = socketClosed(server.url, cast.api.partner.cookie!, plan!.id);
    await socket.joined;
    const sse = await openSse(`${server.url}/api/households/${cast.household.id}/events`, { cookie: cast.api.partner.cookie! });
    await sse.next((m) => m.event === 'ready');
    const streamEnded = sse.ended.then(() => performance.now());

    let from: number;
    if (name === 'logout') {
      await cast.api.partner.post('/api/auth/logout');
      from = performance.now();
    } else if (name === 'expiry') {
      const [s] = await db.select().from(sessions).where(eq(sessions.userId, cast.users.partner.id));
      await new Promise((r) => setTimeout(r, Math.max(0, s!.expiresAt.getTime() - Date.now())));
      from = performance.now();
    } else if (name === 'disabled') {
      // Through the beheerder's route where it exists; before it did, only the database flag could be set.
      const res = await cast.api.admin.patch(`/api/users/${cast.users.partner.id}`, { disabled: true });
      if (res.status === 404) await db.update(users).set({ disabled: true }).where(eq(users.id, cast.users.partner.id));
      from = performance.now();
    } else if (name === 'disabled-db') {
      // The flag set behind the application's back: only a periodic re-check can notice.
      await db.update(users).set({ disabled: true }).where(eq(users.id, cast.users.partner.id));
      from = performance.now();
    } else {
      await cast.api.regie.delete(`/api/households/${cast.household.id}/participants/${cast.users.partner.id}`);
      from = performance.now();
    }
    // A board change right after the revocation: the revoked stream must not deliver it.
    if (name === 'expiry') {
      // Every session of this server is short: the regievoerder signs in again.
      cast.api.regie.cookie = null;
      await cast.api.regie.login(cast.users.regie.email);
    }
    await createActionVia(cast.api.regie, cast.household.id);
    const delivered = sse
      .next((m) => m.event === 'action.created', CAP_MS)
      .then(
        () => true,
        () => false,
      );
    const [socketAt, streamAt] = await Promise.all([capped(socket.closed), capped(streamEnded)]);
    const leaked = await Promise.race([delivered, new Promise<boolean>((r) => setTimeout(() => r(false), 50))]);
    socket.ws.terminate();
    sse.close();
    return `${name.padEnd(11)} socket closed after ${fmt(socketAt, from).padEnd(10)} stream ended after ${fmt(streamAt, from).padEnd(10)} event delivered after revocation: ${leaked ? 'YES' : 'no'}`;
  } finally {
    await server.close();
  }
}

export async function run(): Promise<void> {
  for (const engine of benchEngines()) {
    const { database, dispose } = await openScratchDatabase(engine);
    try {
      for (const name of ['logout', 'expiry', 'disabled', 'disabled-db', 'removed'] as Scenario[]) console.log(`${engine}: ${await scenario(database, name)}`);
    } finally {
      await dispose();
    }
  }
}
