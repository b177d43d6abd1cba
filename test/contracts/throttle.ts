// What both implementations of the attempt throttles promise (server/auth/throttle.ts, in-process, and
// server/auth/throttle-redis.ts, shared by every process through Redis): an attempt is reserved atomically
// before the slow check, so a parallel burst gets exactly the free attempts; a refused attempt costs
// nothing; success forgets, release gives the reservation back; counts expire with their window; the
// spray rule counts distinct accounts per address.
import { describe, expect, it } from 'vitest';
import type { AttemptPolicy, AttemptThrottle, SprayPolicy, SprayThrottle } from '../../server/auth/throttle.ts';
import { waitFor } from '../support/collab.ts';

export interface ThrottlesUnderTest {
  name: string;
  /** A fresh attempt throttle (its own keys) on the clock `now`. */
  attempt(policy: AttemptPolicy, now?: () => number): AttemptThrottle;
  /** A fresh spray throttle (its own keys); its window runs on the real clock. */
  spray(policy: SprayPolicy): SprayThrottle;
}

const policy: AttemptPolicy = { free: 3, baseDelayMs: 1_000, maxDelayMs: 60_000, forgetAfterMs: 3_600_000 };
const spray: SprayPolicy = { accounts: 2, windowMs: 60_000 };
/** Short windows for the expiry cases (real time: Redis expires keys by its own clock). */
const WINDOW_MS = 300;

/** Polls until a reservation is allowed (a refused one changes nothing); returns how long that took. */
async function allowedAgain(reserve: () => Promise<{ allowed: boolean }>): Promise<number> {
  const from = Date.now();
  await waitFor(async () => (await reserve()).allowed, 'an allowed attempt after the window', 5_000);
  return Date.now() - from;
}

export function throttleContract(impl: ThrottlesUnderTest) {
  describe(`attempt throttle contract: ${impl.name}`, () => {
    it('a parallel burst: exactly `free` reservations are allowed, the rest refused with a wait', async () => {
      const t = impl.attempt(policy, () => 1_000_000);
      const rs = await Promise.all(Array.from({ length: 50 }, () => t.reserve('k')));
      expect(rs.filter((r) => r.allowed)).toHaveLength(3);
      expect(rs.filter((r) => !r.allowed).every((r) => r.retryAfterSeconds === 1)).toBe(true);
    });

    it('after the wait one more attempt, then a doubled wait; success forgets everything', async () => {
      let now = 1_000_000;
      const t = impl.attempt(policy, () => now);
      for (let i = 0; i < 3; i++) expect((await t.reserve('k')).allowed).toBe(true);
      expect((await t.reserve('k')).allowed).toBe(false);
      now += 1_000;
      const fourth = await t.reserve('k');
      expect(fourth.allowed).toBe(true);
      expect((await t.reserve('k')).retryAfterSeconds).toBe(2);
      await fourth.succeed();
      for (let i = 0; i < 3; i++) expect((await t.reserve('k')).allowed).toBe(true);
    });

    it('release gives the reservation back (an attempt that was never judged), once', async () => {
      const t = impl.attempt(policy, () => 1_000_000);
      const rs = [await t.reserve('k'), await t.reserve('k'), await t.reserve('k')];
      expect((await t.reserve('k')).allowed).toBe(false);
      await rs[2]!.release();
      await rs[2]!.release(); // settled once
      expect((await t.reserve('k')).allowed).toBe(true);
      expect((await t.reserve('k')).allowed).toBe(false);
    });

    it('keys are independent', async () => {
      const t = impl.attempt(policy, () => 1_000_000);
      for (let i = 0; i < 5; i++) await t.reserve('a');
      expect((await t.reserve('b')).allowed).toBe(true);
    });

    it('counts are forgotten `forgetAfterMs` after the last attempt, even while a long wait is running', async () => {
      const t = impl.attempt({ free: 2, baseDelayMs: 60_000, maxDelayMs: 60_000, forgetAfterMs: WINDOW_MS });
      expect((await t.reserve('k')).allowed).toBe(true);
      const startedAt = Date.now();
      expect((await t.reserve('k')).allowed).toBe(true);
      expect((await t.reserve('k')).retryAfterSeconds).toBe(60);
      await allowedAgain(() => t.reserve('k'));
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(WINDOW_MS - 20);
    });
  });

  describe(`spray throttle contract: ${impl.name}`, () => {
    it('counts distinct accounts per address; a known account is not counted twice; success forgets it', async () => {
      const t = impl.spray(spray);
      expect((await t.reserve('10.0.0.1', 'a')).allowed).toBe(true);
      expect((await t.reserve('10.0.0.1', 'a')).allowed).toBe(true);
      const b = await t.reserve('10.0.0.1', 'b');
      expect(b.allowed).toBe(true);
      const c = await t.reserve('10.0.0.1', 'c');
      expect(c.allowed).toBe(false);
      expect(c.retryAfterSeconds).toBeGreaterThan(0);
      // Known accounts still get their attempts (the account throttle bounds those), other addresses are free.
      expect((await t.reserve('10.0.0.1', 'a')).allowed).toBe(true);
      expect((await t.reserve('10.0.0.2', 'c')).allowed).toBe(true);
      await b.succeed();
      expect((await t.reserve('10.0.0.1', 'c')).allowed).toBe(true);
    });

    it('a parallel burst of distinct accounts stops at the limit', async () => {
      const t = impl.spray(spray);
      const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => t.reserve('10.0.0.3', `acc-${i}`)));
      expect(rs.filter((r) => r.allowed)).toHaveLength(2);
    });

    it('a parallel burst on one account counts it once', async () => {
      const t = impl.spray(spray);
      const rs = await Promise.all(Array.from({ length: 20 }, () => t.reserve('10.0.0.4', 'same')));
      expect(rs.every((r) => r.allowed)).toBe(true);
      expect((await t.reserve('10.0.0.4', 'other')).allowed).toBe(true);
      expect((await t.reserve('10.0.0.4', 'third')).allowed).toBe(false);
    });

    it('release gives back an account it added, not one that was already counted', async () => {
      const t = impl.spray(spray);
      const first = await t.reserve('10.0.0.5', 'a');
      const again = await t.reserve('10.0.0.5', 'a');
      await again.release(); // 'a' was already counted: it stays
      const b = await t.reserve('10.0.0.5', 'b');
      expect((await t.reserve('10.0.0.5', 'c')).allowed).toBe(false);
      await b.release();
      expect((await t.reserve('10.0.0.5', 'c')).allowed).toBe(true);
      expect(first.allowed).toBe(true);
    });

    it('the window expires: an address that reached the limit may try new accounts after it', async () => {
      const t = impl.spray({ accounts: 1, windowMs: WINDOW_MS });
      const startedAt = Date.now();
      expect((await t.reserve('10.0.0.6', 'a')).allowed).toBe(true);
      expect((await t.reserve('10.0.0.6', 'b')).allowed).toBe(false);
      await allowedAgain(() => t.reserve('10.0.0.6', 'b'));
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(WINDOW_MS - 20);
    });
  });
}
