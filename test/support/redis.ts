// Whether the test Redis answers. CI names it explicitly (TEST_REDIS_URL): there a missing Redis is a
// failure; elsewhere suites that need it are skipped with a loud notice.
import { connect } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../server/db/client.ts';
import { openTestDatabase, startTestServer, type TestServer } from './server.ts';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function redisAvailable(what: string): Promise<boolean> {
  const u = new URL(REDIS_URL);
  const up = await new Promise<boolean>((resolve) => {
    const s = connect({ host: u.hostname, port: Number(u.port || 6379) });
    s.once('connect', () => {
      s.end();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
  if (!up && process.env.TEST_REDIS_URL) throw new Error(`TEST_REDIS_URL is set but no Redis answers at ${REDIS_URL}`);
  if (!up) console.warn(`!!! SKIPPED: ${what} — no Redis at ${REDIS_URL} (set TEST_REDIS_URL to require it)`);
  return up;
}

/** Two servers sharing one database and one Redis, as two processes of one deployment would. */
export function useRedisServerPair(up: boolean) {
  const env = {} as { database: Database; a: TestServer; b: TestServer };
  beforeAll(async () => {
    if (!up) return;
    env.database = await openTestDatabase();
    env.a = await startTestServer({ database: env.database, config: { redisUrl: REDIS_URL } });
    env.b = await startTestServer({ database: env.database, config: { redisUrl: REDIS_URL } });
  });
  afterAll(async () => {
    await env.a?.close();
    await env.b?.close();
    await env.database?.close();
  });
  return env;
}
