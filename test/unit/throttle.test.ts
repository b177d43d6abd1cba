// One contract for both throttle implementations (in-process and Redis): reservations are counted before the
// check, a refused attempt costs nothing, success forgets, release gives a reservation back.
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import {
  MemoryAttemptThrottle,
  MemorySprayThrottle,
  type AttemptPolicy,
  type AttemptThrottle,
  type SprayPolicy,
  type SprayThrottle,
} from '../../server/auth/throttle.ts';
import { RedisAttemptThrottle, RedisSprayThrottle } from '../../server/auth/throttle-redis.ts';
import { REDIS_URL, redisAvailable } from '../support/redis.ts';

const policy: AttemptPolicy = { free: 3, baseDelayMs: 1_000, maxDelayMs: 60_000, forgetAfterMs: 3_600_000 };
const spray: SprayPolicy = { accounts: 2, windowMs: 60_000 };

const redisUp = await redisAvailable('throttle contract on Redis');
const redis = redisUp ? new Redis(REDIS_URL) : null;
const run = `${process.pid}-${Date.now().toString(36)}`;
afterAll(async () => {
  if (!redis) return;
  const keys = await redis.keys(`casustafel:test-throttle:${run}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

const impls: { name: string; attempt: (now: () => number) => AttemptThrottle; spray: (now: () => number) => SprayThrottle }[] = [
  { name: 'in-process', attempt: (now) => new MemoryAttemptThrottle(policy, now), spray: (now) => new MemorySprayThrottle(spray, now) },
];
if (redis) {
  let n = 0;
  impls.push({
    name: 'Redis',
    attempt: (now) => new RedisAttemptThrottle(redis, policy, `casustafel:test-throttle:${run}:${++n}:`, now),
    // The spray set's window is Redis's own expiry (real time), so these cases do not move the clock.
    spray: () => new RedisSprayThrottle(redis, spray, `casustafel:test-throttle:${run}:${++n}:`),
  });
}

describe.each(impls)('attempt throttle ($name)', (impl) => {
  it('parallel reservations: exactly `free` are allowed, the rest refused with a wait', async () => {
    const now = 1_000_000;
    const t = impl.attempt(() => now);
    const rs = await Promise.all(Array.from({ length: 50 }, () => t.reserve('k')));
    expect(rs.filter((r) => r.allowed)).toHaveLength(3);
    expect(rs.filter((r) => !r.allowed).every((r) => r.retryAfterSeconds === 1)).toBe(true);
  });

  it('after the wait one more attempt, then a doubled wait; success forgets everything', async () => {
    let now = 1_000_000;
    const t = impl.attempt(() => now);
    for (let i = 0; i < 3; i++) expect((await t.reserve('k')).allowed).toBe(true);
    expect((await t.reserve('k')).allowed).toBe(false);
    now += 1_000;
    const fourth = await t.reserve('k');
    expect(fourth.allowed).toBe(true);
    expect((await t.reserve('k')).retryAfterSeconds).toBe(2);
    await fourth.succeed();
    for (let i = 0; i < 3; i++) expect((await t.reserve('k')).allowed).toBe(true);
  });

  it('release gives the reservation back (an attempt that was never judged)', async () => {
    const now = 1_000_000;
    const t = impl.attempt(() => now);
    const rs = [await t.reserve('k'), await t.reserve('k'), await t.reserve('k')];
    expect((await t.reserve('k')).allowed).toBe(false);
    await rs[2]!.release();
    await rs[2]!.release(); // settled once
    expect((await t.reserve('k')).allowed).toBe(true);
    expect((await t.reserve('k')).allowed).toBe(false);
  });

  it('keys are independent', async () => {
    const now = 1_000_000;
    const t = impl.attempt(() => now);
    for (let i = 0; i < 5; i++) await t.reserve('a');
    expect((await t.reserve('b')).allowed).toBe(true);
  });
});

describe.each(impls)('spray throttle ($name)', (impl) => {
  it('counts distinct accounts per address; a known account is not counted twice; success forgets it', async () => {
    const t = impl.spray(() => 1_000_000);
    expect((await t.reserve('10.0.0.1', 'a')).allowed).toBe(true);
    expect((await t.reserve('10.0.0.1', 'a')).allowed).toBe(true);
    const b = await t.reserve('10.0.0.1', 'b');
    expect(b.allowed).toBe(true);
    const c = await t.reserve('10.0.0.1', 'c');
    expect(c.allowed).toBe(false);
    expect(c.retryAfterSeconds).toBeGreaterThan(0);
    expect((await t.reserve('10.0.0.2', 'c')).allowed).toBe(true);
    await b.succeed();
    expect((await t.reserve('10.0.0.1', 'c')).allowed).toBe(true);
  });

  it('parallel reservations for distinct accounts stop at the limit', async () => {
    const t = impl.spray(() => 1_000_000);
    const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => t.reserve('10.0.0.3', `acc-${i}`)));
    expect(rs.filter((r) => r.allowed)).toHaveLength(2);
  });
});
