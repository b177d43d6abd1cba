// The throttles of throttle.ts with their counts in Redis, shared by every server process. Each reservation is
// one Lua script, so it is atomic across processes. Keys and members are hashed: no e-mail address in Redis.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { once, refused, type AttemptPolicy, type AttemptThrottle, type Reservation, type SprayPolicy, type SprayThrottle } from './throttle.ts';

export const THROTTLE_PREFIX = 'casustafel:throttle:';

const hashed = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 32);

// KEYS[1] hash {n, until}; ARGV now, free, base, max, forget → {allowed, waitMs}
const RESERVE_ATTEMPT = `
local k = KEYS[1]
local now, free, base, max, forget = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local v = redis.call('HMGET', k, 'n', 'until')
local n, untilMs = tonumber(v[1]) or 0, tonumber(v[2]) or 0
if now < untilMs then return {0, untilMs - now} end
n = n + 1
local delay = 0
if n >= free then delay = math.min(max, base * 2 ^ (n - free)) end
redis.call('HSET', k, 'n', n, 'until', now + delay)
redis.call('PEXPIRE', k, forget)
return {1, 0}`;

// KEYS[1]; ARGV free → gives one reservation back
const RELEASE_ATTEMPT = `
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0') - 1
if n <= 0 then redis.call('DEL', KEYS[1])
else
  redis.call('HSET', KEYS[1], 'n', n)
  if n < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'until', 0) end
end
return n`;

// KEYS[1] set of accounts; ARGV member, limit, window → {0 refused | 1 already there | 2 added, waitMs}
const RESERVE_SPRAY = `
local k, m, limit, window = KEYS[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
if redis.call('SISMEMBER', k, m) == 1 then return {1, 0} end
if redis.call('SCARD', k) >= limit then
  local ttl = redis.call('PTTL', k)
  if ttl < 0 then ttl = window end
  return {0, ttl}
end
redis.call('SADD', k, m)
redis.call('PEXPIRE', k, window)
return {2, 0}`;

export class RedisAttemptThrottle implements AttemptThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly policy: AttemptPolicy,
    private readonly prefix = THROTTLE_PREFIX + 'attempt:',
    private readonly now: () => number = Date.now,
  ) {}

  /** The Redis key of a throttle key (tests clean up with it). */
  keyOf(key: string) {
    return this.prefix + hashed(key);
  }

  async reserve(key: string): Promise<Reservation> {
    const k = this.keyOf(key);
    const p = this.policy;
    const [allowed, waitMs] = (await this.redis.eval(RESERVE_ATTEMPT, 1, k, this.now(), p.free, p.baseDelayMs, p.maxDelayMs, p.forgetAfterMs)) as [
      number,
      number,
    ];
    if (!allowed) return refused(waitMs);
    return {
      allowed: true,
      retryAfterSeconds: 0,
      succeed: once(async () => void (await this.redis.del(k))),
      release: once(async () => void (await this.redis.eval(RELEASE_ATTEMPT, 1, k, p.free))),
    };
  }
}

export class RedisSprayThrottle implements SprayThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly policy: SprayPolicy,
    private readonly prefix = THROTTLE_PREFIX + 'address:',
  ) {}

  keyOf(address: string) {
    return this.prefix + hashed(address);
  }

  async reserve(address: string, account: string): Promise<Reservation> {
    const k = this.keyOf(address);
    const m = hashed(account);
    const [state, waitMs] = (await this.redis.eval(RESERVE_SPRAY, 1, k, m, this.policy.accounts, this.policy.windowMs)) as [number, number];
    if (state === 0) return refused(waitMs);
    const forget = once(async () => void (await this.redis.srem(k, m)));
    return { allowed: true, retryAfterSeconds: 0, succeed: forget, release: state === 2 ? forget : async () => {} };
  }
}
