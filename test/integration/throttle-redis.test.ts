// With REDIS_URL, failed-login counts are shared: failing on one server process throttles the account on
// another too. Skipped loudly when Redis is not reachable (and a failure in CI, see support/redis.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { ApiClient } from '../support/client.ts';
import { createUser } from '../support/factories.ts';
import { openTestDatabase, startTestServer, type TestServer } from '../support/server.ts';
import type { Database } from '../../server/db/client.ts';
import { REDIS_URL, redisAvailable } from '../support/redis.ts';

const redisUp = await redisAvailable('login throttling over Redis');

let database: Database;
let email: string | undefined;
let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  if (!redisUp) return;
  database = await openTestDatabase();
  a = await startTestServer({ database, config: { redisUrl: REDIS_URL } });
  b = await startTestServer({ database, config: { redisUrl: REDIS_URL } });
});
afterAll(async () => {
  // The failures this test made from 127.0.0.1 would otherwise count against later runs for an hour.
  if (redisUp) {
    const redis = new Redis(REDIS_URL);
    const keys = [...(await redis.keys('casustafel:throttle:ip:*')), ...(email ? [`casustafel:throttle:account:${email}`] : [])];
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
  await a?.close();
  await b?.close();
  await database?.close();
});

describe.skipIf(!redisUp)('login throttling across processes (Redis)', () => {
  it('five failures on server A throttle the account on server B (429 with Retry-After)', async () => {
    const user = await createUser(database.db);
    email = user.email;
    const onA = new ApiClient(a.url);
    for (let i = 0; i < 5; i++) expect((await onA.post('/api/auth/login', { email: user.email, password: 'fout-wachtwoord' })).status).toBe(401);
    const onB = await new ApiClient(b.url).post('/api/auth/login', { email: user.email, password: 'test-password-123' });
    expect(onB.status).toBe(429);
    expect(Number(onB.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
