// The throttle contract (test/contracts/throttle.ts) against the in-process throttles and the Redis ones.
// The Redis part is skipped loudly without Redis (a failure in CI); its keys are removed afterwards.
import { afterAll } from 'vitest';
import { Redis } from 'ioredis';
import { MemoryAttemptThrottle, MemorySprayThrottle } from '../../server/auth/throttle.ts';
import { RedisAttemptThrottle, RedisSprayThrottle } from '../../server/auth/throttle-redis.ts';
import { throttleContract } from '../contracts/throttle.ts';
import { REDIS_URL, redisAvailable } from '../support/redis.ts';

throttleContract({
  name: 'in-process',
  attempt: (policy, now) => new MemoryAttemptThrottle(policy, now),
  spray: (policy) => new MemorySprayThrottle(policy),
});

if (await redisAvailable('throttle contract on Redis')) {
  const redis = new Redis(REDIS_URL);
  const run = `casustafel:test-throttle:${process.pid}-${Date.now().toString(36)}`;
  afterAll(async () => {
    const keys = await redis.keys(`${run}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });
  let n = 0;
  throttleContract({
    name: 'Redis',
    attempt: (policy, now) => new RedisAttemptThrottle(redis, policy, `${run}:${++n}:`, now),
    spray: (policy) => new RedisSprayThrottle(redis, policy, `${run}:${++n}:`),
  });
}
