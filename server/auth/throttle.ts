// Throttles for slow secret checks (passwords, TOTP codes). An attempt is *reserved* atomically before the
// check and counted as a failure unless it succeeds, so a burst of parallel guesses cannot all pass a check
// made before the slow verify (the hole when "check first, count after"). In-process implementations here;
// the Redis ones (REDIS_URL, shared by every server process) are in throttle-redis.ts.
//
//   const r = await throttle.reserve(`totp:${userId}`);
//   if (!r.allowed) → 429 with Retry-After: r.retryAfterSeconds
//   try { ok = await verify() } catch (e) { await r.release(); throw e }
//   ok ? await r.succeed() : (nothing: the reservation stays as a failure)

export interface Reservation {
  allowed: boolean;
  /** Seconds until an attempt may be made again; 0 when allowed. */
  retryAfterSeconds: number;
  /** The attempt succeeded: this key's failures are forgotten. A no-op for a refused reservation. */
  succeed(): Promise<void>;
  /** The attempt was never judged (e.g. an error before the verify): give the reservation back. */
  release(): Promise<void>;
}

/** Attempts per key (an account, a TOTP secret): `free` attempts, then a growing wait per further attempt. */
export interface AttemptThrottle {
  reserve(key: string): Promise<Reservation>;
}

/**
 * Per client address: how many *distinct* accounts failed from it in a window (password spraying). Repeated
 * failures on one account are the AttemptThrottle's business, so one account under attack does not use up the
 * address's budget and lock out colleagues behind the same address.
 */
export interface SprayThrottle {
  reserve(address: string, account: string): Promise<Reservation>;
}

export interface AttemptPolicy {
  /** Attempts without delay; the `free`-th reservation already blocks the next one for `baseDelayMs`. */
  free: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Counts are forgotten this long after the last attempt. */
  forgetAfterMs: number;
}

export interface SprayPolicy {
  /** Distinct accounts that may fail from one address within the window. */
  accounts: number;
  windowMs: number;
}

export const attemptPolicy = (free: number): AttemptPolicy => ({ free, baseDelayMs: 2_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 });
export const sprayPolicy = (accounts: number): SprayPolicy => ({ accounts, windowMs: 15 * 60_000 });

/** Wait after the n-th attempt (1-based): none before `free`, then base·2^(n−free), capped. */
export const delayAfter = (p: AttemptPolicy, n: number) => (n >= p.free ? Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (n - p.free)) : 0);

const noop = async () => {};
export const refused = (waitMs: number): Reservation => ({
  allowed: false,
  retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  succeed: noop,
  release: noop,
});

/** Runs `fn` at most once (a reservation is settled once, whatever the caller does). */
export function once(fn: () => Promise<void> | void): () => Promise<void> {
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    await fn();
  };
}

interface Attempts {
  n: number;
  blockedUntil: number;
  forgetAt: number;
}

const MAX_ENTRIES = 100_000;

/** In-process counts: a reservation is one synchronous step, so it is atomic within the process. */
export class MemoryAttemptThrottle implements AttemptThrottle {
  private entries = new Map<string, Attempts>();

  constructor(
    private readonly policy: AttemptPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  async reserve(key: string): Promise<Reservation> {
    const now = this.now();
    let e = this.entries.get(key);
    if (e && now >= e.forgetAt) {
      this.entries.delete(key);
      e = undefined;
    }
    if (e && now < e.blockedUntil) return refused(e.blockedUntil - now);
    if (!e) {
      if (this.entries.size >= MAX_ENTRIES) this.prune(now);
      e = { n: 0, blockedUntil: 0, forgetAt: 0 };
      this.entries.set(key, e);
    }
    const entry = e;
    entry.n += 1;
    entry.blockedUntil = now + delayAfter(this.policy, entry.n);
    entry.forgetAt = now + this.policy.forgetAfterMs;
    return {
      allowed: true,
      retryAfterSeconds: 0,
      succeed: once(() => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      }),
      release: once(() => {
        if (this.entries.get(key) !== entry) return;
        entry.n -= 1;
        if (entry.n <= 0) this.entries.delete(key);
        else if (entry.n < this.policy.free) entry.blockedUntil = 0;
      }),
    };
  }

  private prune(now: number) {
    for (const [k, e] of this.entries) if (now >= e.forgetAt) this.entries.delete(k);
    // Still full (a flood of distinct keys): drop the oldest half rather than grow without bound.
    if (this.entries.size >= MAX_ENTRIES) {
      let drop = this.entries.size / 2;
      for (const k of this.entries.keys()) {
        if (drop-- <= 0) break;
        this.entries.delete(k);
      }
    }
  }
}

interface Spray {
  accounts: Set<string>;
  forgetAt: number;
}

export class MemorySprayThrottle implements SprayThrottle {
  private entries = new Map<string, Spray>();

  constructor(
    private readonly policy: SprayPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  async reserve(address: string, account: string): Promise<Reservation> {
    const now = this.now();
    let e = this.entries.get(address);
    if (e && now >= e.forgetAt) {
      this.entries.delete(address);
      e = undefined;
    }
    const forget = () => {
      const cur = this.entries.get(address);
      cur?.accounts.delete(account);
      if (cur && cur.accounts.size === 0) this.entries.delete(address);
    };
    // Another attempt on an account that already failed from here: the account throttle bounds it.
    if (e?.accounts.has(account)) return { allowed: true, retryAfterSeconds: 0, succeed: once(forget), release: noop };
    if (e && e.accounts.size >= this.policy.accounts) return refused(e.forgetAt - now);
    if (!e) {
      if (this.entries.size >= MAX_ENTRIES) for (const [k, s] of this.entries) if (now >= s.forgetAt) this.entries.delete(k);
      e = { accounts: new Set(), forgetAt: 0 };
      this.entries.set(address, e);
    }
    e.accounts.add(account);
    e.forgetAt = now + this.policy.windowMs;
    return { allowed: true, retryAfterSeconds: 0, succeed: once(forget), release: once(forget) };
  }
}
