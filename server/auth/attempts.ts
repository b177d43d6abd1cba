// Throttling of guessable secrets (second-factor codes, recovery codes, current password) with the same
// throttles as the password sign-in: per account and per address. One function, so the throttle's API lives here only.
import type { Deps } from '../context.ts';
import { AppError } from '../errors.ts';

export function tooManyAttempts(retryAfterSeconds: number) {
  return new AppError(
    429,
    'TOO_MANY_ATTEMPTS',
    `Te veel mislukte pogingen. Probeer het over ${retryAfterSeconds} seconden opnieuw.`,
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

/**
 * Runs `attempt` (a check of a guessable secret) under the same atomic reservation as the password sign-in:
 * the attempt is reserved per account and per address before the check and counts as a failure unless it
 * succeeds, so a parallel burst of guesses gets no more tries than a sequential one.
 * `scope` separates kinds of secrets (`totp`, `password-change`) from password failures of the same account.
 */
export async function throttledAttempt(deps: Deps, scope: string, userId: string, ip: string | null, attempt: () => Promise<boolean>): Promise<boolean> {
  const key = `${scope}:${userId}`;
  const account = await deps.throttle.reserve(key);
  if (!account.allowed) throw tooManyAttempts(account.retryAfterSeconds);
  const address = await deps.ipThrottle.reserve(ip ?? 'unknown', key);
  if (!address.allowed) {
    await account.release();
    throw tooManyAttempts(address.retryAfterSeconds);
  }
  let ok: boolean;
  try {
    ok = await attempt();
  } catch (err) {
    await Promise.all([account.release(), address.release()]);
    throw err;
  }
  if (ok) await Promise.all([account.succeed(), address.succeed()]);
  return ok;
}
