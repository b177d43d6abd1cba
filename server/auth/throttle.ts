// Failed-login throttling per key (account, IP): after `free` failures, each further attempt waits
// exponentially longer (capped). LoginThrottle keeps counts in this process; RedisThrottle (with REDIS_URL)
// shares them between processes, so a second server does not give an attacker fresh attempts.
import type { Redis } from 'ioredis';

export interface ThrottleDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

export interface Throttle {
  check(key: string): ThrottleDecision | Promise<ThrottleDecision>;
  fail(key: string): void | Promise<void>;
  succeed(key: string): void | Promise<void>;
}

export interface ThrottlePolicy {
  free: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

export const throttlePolicy = (free: number): ThrottlePolicy => ({ free, baseDelayMs: 2_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 });

const delayAfter = (p: ThrottlePolicy, failures: number) => (failures >= p.free ? Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (failures - p.free)) : 0);

interface Entry {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
}

export class LoginThrottle implements Throttle {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly policy: ThrottlePolicy,
    private readonly now: () => number = Date.now,
  ) {}

  check(key: string): ThrottleDecision {
    const e = this.entries.get(key);
    const now = this.now();
    if (!e) return { allowed: true, retryAfterSeconds: 0 };
    if (now - e.lastFailure > this.policy.forgetAfterMs) {
      this.entries.delete(key);
      return { allowed: true, retryAfterSeconds: 0 };
    }
    if (now < e.blockedUntil) return { allowed: false, retryAfterSeconds: Math.ceil((e.blockedUntil - now) / 1000) };
    return { allowed: true, retryAfterSeconds: 0 };
  }

  fail(key: string): void {
    const now = this.now();
    const e = this.entries.get(key) ?? { failures: 0, blockedUntil: 0, lastFailure: now };
    e.failures += 1;
    e.lastFailure = now;
    const delay = delayAfter(this.policy, e.failures);
    if (delay > 0) e.blockedUntil = now + delay;
    this.entries.set(key, e);
    if (this.entries.size > 50_000) this.prune(now);
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  private prune(now: number) {
    for (const [k, e] of this.entries) if (now - e.lastFailure > this.policy.forgetAfterMs) this.entries.delete(k);
  }
}

/** The same policy with its counts in Redis (one hash per key, forgotten after `forgetAfterMs`). */
export class RedisThrottle implements Throttle {
  constructor(
    private readonly redis: Redis,
    private readonly policy: ThrottlePolicy,
    private readonly prefix = 'casustafel:throttle:',
    private readonly now: () => number = Date.now,
  ) {}

  async check(key: string): Promise<ThrottleDecision> {
    const blockedUntil = Number(await this.redis.hget(this.prefix + key, 'blockedUntil')) || 0;
    const wait = blockedUntil - this.now();
    return wait > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) } : { allowed: true, retryAfterSeconds: 0 };
  }

  async fail(key: string): Promise<void> {
    const k = this.prefix + key;
    const [[, failures]] = (await this.redis.multi().hincrby(k, 'failures', 1).pexpire(k, this.policy.forgetAfterMs).exec()) as [[unknown, number]];
    const delay = delayAfter(this.policy, Number(failures));
    if (delay > 0) await this.redis.hset(k, 'blockedUntil', String(this.now() + delay));
  }

  async succeed(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}
