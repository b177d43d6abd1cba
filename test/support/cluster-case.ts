// The setting of the multi-process fault tests: a household with its plan and N logged-in users in a
// PostgreSQL database of its own, served by two production processes (sharing Redis) behind the round-robin
// proxy of cluster.ts. PostgreSQL and Redis only: processes cannot share an embedded PGlite.
import { spawnSync } from 'node:child_process';
import { and, eq } from 'drizzle-orm';
import { expect, inject } from 'vitest';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { documents } from '../../server/db/schema.ts';
import { generateSessionToken, SessionStore } from '../../server/auth/session.ts';
import { SESSION_COOKIE } from '../../server/auth/middleware.ts';
import { ApiClient } from './client.ts';
import type { CollabClient } from './collab.ts';
import { addParticipant, createHousehold, createUser } from './factories.ts';
import { REDIS_URL, redisAvailable } from './redis.ts';
import { freePort, ready, startProcess, tcpProxy, type Cleanups, type Proc } from './cluster.ts';

const root = new URL('../../', import.meta.url).pathname;

export interface ClusterCase {
  database: Database;
  householdId: string;
  planId: string;
  userIds: string[];
  /** One logged-in API client per user, through the proxy. */
  apis: ApiClient[];
  base: string;
  ports: number[];
  procs: Proc[];
  proxy: Awaited<ReturnType<typeof tcpProxy>>;
  /** Starts process `i` again (on its port) and waits until it is ready. */
  restart(i: number): Promise<void>;
}

/** Null (with a line saying why) outside the PostgreSQL run or without Redis. */
export async function startClusterCase(what: string, users: number, cleanups: Cleanups): Promise<ClusterCase | null> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (inject('databaseUrl') === null || !adminUrl) {
    console.log(`${what}: runs in the PostgreSQL run only (processes cannot share an embedded PGlite)`);
    return null;
  }
  if (!(await redisAvailable(what))) return null;
  const built = spawnSync('node', ['scripts/build-server.mjs'], { cwd: root, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);

  // A database of its own, so the processes' start (migrations) and the checks see only this test's data.
  const { createPostgresDatabase } = await import('./scratch-db.ts');
  const scratch = await createPostgresDatabase(adminUrl, 'casustafel_cluster');
  cleanups.push(scratch.drop);
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '' });
  cleanups.push(() => database.close());
  const db = database.db;

  const regie = await createUser(db, { kind: 'gemeente' });
  const household = await createHousehold(db, { regievoerderId: regie.id });
  const members = [regie];
  for (let i = 1; i < users; i++) {
    const u = await createUser(db, { kind: 'politie' });
    await addParticipant(db, household.id, u.id, 'partner');
    members.push(u);
  }
  const sessions = new SessionStore(db, 14);
  const cookies: string[] = [];
  for (const u of members) {
    const token = generateSessionToken();
    await sessions.createSession(token, u.id);
    cookies.push(`${SESSION_COOKIE}=${token}`);
  }
  const [plan] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.householdId, household.id), eq(documents.kind, 'plan')));

  const ports = [await freePort(), await freePort()];
  const env = { DATABASE_URL: scratch.url, REDIS_URL, SECRET_KEY: 'cluster-test-secret-key-0123456789', SHUTDOWN_DRAIN_MS: '1000' };
  const procs = ports.map((p) => startProcess(p, env, cleanups));
  for (let i = 0; i < 2; i++) await ready(ports[i]!, procs[i]!);
  const proxy = await tcpProxy(ports, cleanups);
  const base = `http://127.0.0.1:${proxy.port}`;
  return {
    database,
    householdId: household.id,
    planId: plan!.id,
    userIds: members.map((u) => u.id),
    apis: cookies.map((cookie) => Object.assign(new ApiClient(base), { cookie })),
    base,
    ports,
    procs,
    proxy,
    restart: async (i) => {
      procs[i] = startProcess(ports[i]!, env, cleanups);
      await ready(ports[i]!, procs[i]!);
    },
  };
}

/** Tracks one client's connection: every gap between losing and regaining the socket (with a trace for failures). */
export function trackGaps(c: CollabClient, i: number, trace: string[], t0: number) {
  const gaps: number[] = [];
  let lostAt: number | null = null;
  c.provider.on('connection-close', (e) => trace.push(`${Date.now() - t0} c${i} close ${e?.code}`));
  c.provider.on('connection-error', () => trace.push(`${Date.now() - t0} c${i} error`));
  c.provider.on('status', ({ status }: { status: string }) => {
    trace.push(`${Date.now() - t0} c${i} ${status}`);
    if (status === 'disconnected' && lostAt === null) lostAt = Date.now();
    if (status === 'connected' && lostAt !== null) {
      gaps.push(Date.now() - lostAt);
      lostAt = null;
    }
  });
  return { gaps, down: () => lostAt !== null };
}
