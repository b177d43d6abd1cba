// With REDIS_URL, failed-login counts are shared: failing on one server process throttles the account on
// another too. Skipped loudly when Redis is not reachable (and a failure in CI, see support/redis.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { ApiClient } from '../support/client.ts';
import { createUser } from '../support/factories.ts';
import { REDIS_URL, redisAvailable, useRedisServerPair } from '../support/redis.ts';
import { RedisAttemptThrottle, RedisSprayThrottle } from '../../server/auth/throttle-redis.ts';
import { attemptPolicy, sprayPolicy } from '../../server/auth/throttle.ts';

const redisUp = await redisAvailable('login throttling over Redis');

const env = useRedisServerPair(redisUp);
let email: string | undefined;
afterAll(async () => {
  // The failures this test made from 127.0.0.1 would otherwise count against later runs for an hour.
  if (redisUp) {
    const redis = new Redis(REDIS_URL);
    const keys = [new RedisSprayThrottle(redis, sprayPolicy(1)).keyOf('127.0.0.1')];
    if (email) keys.push(new RedisAttemptThrottle(redis, attemptPolicy(1)).keyOf(`account:${email}`));
    await redis.del(...keys);
    redis.disconnect();
  }
});

describe.skipIf(!redisUp)('login throttling across processes (Redis)', () => {
  it('five failures on server A throttle the account on server B (429 with Retry-After)', async () => {
    const user = await createUser(env.database.db);
    email = user.email;
    const onA = new ApiClient(env.a.url);
    for (let i = 0; i < 5; i++) expect((await onA.post('/api/auth/login', { email: user.email, password: 'fout-wachtwoord' })).status).toBe(401);
    const onB = await new ApiClient(env.b.url).post('/api/auth/login', { email: user.email, password: 'test-password-123' });
    expect(onB.status).toBe(429);
    expect(Number(onB.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
