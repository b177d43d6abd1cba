// Whether the test Redis answers. CI names it explicitly (TEST_REDIS_URL): there a missing Redis is a
// failure; elsewhere suites that need it are skipped with a loud notice.
import { connect } from 'node:net';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function redisAvailable(what: string): Promise<boolean> {
  const u = new URL(REDIS_URL);
  const up = await new Promise<boolean>((resolve) => {
    const s = connect({ host: u.hostname, port: Number(u.port || 6379) });
    s.once('connect', () => (s.end(), resolve(true)));
    s.once('error', () => resolve(false));
  });
  if (!up && process.env.TEST_REDIS_URL) throw new Error(`TEST_REDIS_URL is set but no Redis answers at ${REDIS_URL}`);
  if (!up) console.warn(`!!! SKIPPED: ${what} — no Redis at ${REDIS_URL} (set TEST_REDIS_URL to require it)`);
  return up;
}
