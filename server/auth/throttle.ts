// Failed-login throttling per key (account, IP): after `free` failures, each further attempt waits
// exponentially longer (capped). In-process; with several processes each throttles on its own.
export interface ThrottleDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

interface Entry {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
}

export class LoginThrottle {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly free = 5,
    private readonly baseDelayMs = 2_000,
    private readonly maxDelayMs = 15 * 60_000,
    private readonly forgetAfterMs = 60 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  check(key: string): ThrottleDecision {
    const e = this.entries.get(key);
    const now = this.now();
    if (!e) return { allowed: true, retryAfterSeconds: 0 };
    if (now - e.lastFailure > this.forgetAfterMs) {
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
    if (e.failures >= this.free) {
      const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (e.failures - this.free));
      e.blockedUntil = now + delay;
    }
    this.entries.set(key, e);
    if (this.entries.size > 50_000) this.prune(now);
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  private prune(now: number) {
    for (const [k, e] of this.entries) if (now - e.lastFailure > this.forgetAfterMs) this.entries.delete(k);
  }
}
