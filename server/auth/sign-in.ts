// Turns a passed first factor (password, OIDC) into a session or into the next sign-in step: the second
// factor when the user has one, its enrolment when the organisation requires one. Hono adapter (cookies).
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import { audit } from '../audit/log.ts';
import { factorStatus, hasSecondFactor } from './factors.ts';
import { sessionUserById } from './login.ts';
import { createPendingLogin, findPendingLogin, PENDING_LOGIN_MINUTES, type FirstFactor, type PendingLogin } from './pending.ts';
import { generateSessionToken } from './session.ts';
import type { LoginAnswer, SecondFactorMethod } from '../../shared/auth.ts';
import { setSessionCookie } from './middleware.ts';

export const PENDING_COOKIE = 'casustafel_login';

export type { SecondFactorMethod };
/** The shared contract (shared/auth.ts) of every sign-in step's answer. */
export type SignInStep = LoginAnswer;

const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

function setPendingCookie(c: Context, token: string) {
  setCookie(c, PENDING_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c), path: '/api/auth', maxAge: PENDING_LOGIN_MINUTES * 60 });
}

export function clearPendingCookie(c: Context) {
  deleteCookie(c, PENDING_COOKIE, { path: '/api/auth', secure: isHttps(c), httpOnly: true, sameSite: 'Lax' });
}

export async function pendingLoginOf(deps: Deps, c: Context<AppEnv>): Promise<PendingLogin | null> {
  const token = getCookie(c, PENDING_COOKIE);
  return token ? findPendingLogin(deps.db, token) : null;
}

/** The next step for a user who passed `firstFactor`; `strong` when that factor already counts as two (IdP MFA). */
export async function afterFirstFactor(deps: Deps, c: Context<AppEnv>, userId: string, firstFactor: FirstFactor, strong = false): Promise<SignInStep> {
  const status = await factorStatus(deps.db, userId);
  const notice = status.resetAt ? ('second_factor_reset' as const) : undefined;
  if (strong) return finishSignIn(deps, c, userId, `${firstFactor}+mfa`, true);
  if (!hasSecondFactor(status) && !status.required) return finishSignIn(deps, c, userId, firstFactor, false);
  const stage = hasSecondFactor(status) ? 'verify' : 'enrol';
  const { token } = await createPendingLogin(deps.db, { userId, stage, firstFactor, ip: c.get('ip'), userAgent: c.req.header('user-agent') ?? null });
  setPendingCookie(c, token);
  return stage === 'verify' ? { step: 'verify', methods: methodsOf(status), notice } : { step: 'enrol', notice };
}

export function methodsOf(status: { totp: boolean; passkeys: number; recoveryCodesLeft: number }): SecondFactorMethod[] {
  const methods: SecondFactorMethod[] = [];
  if (status.totp) methods.push('totp');
  if (status.passkeys > 0) methods.push('passkey');
  if (status.recoveryCodesLeft > 0) methods.push('recovery');
  return methods;
}

/** Creates the session (cookie), audits the sign-in with how it was authenticated. */
export async function finishSignIn(deps: Deps, c: Context<AppEnv>, userId: string, method: string, secondFactor: boolean): Promise<SignInStep> {
  const user = await sessionUserById(deps.db, userId, secondFactor);
  if (!user) throw new AppError(401, 'INVALID_CREDENTIALS', 'Dit account kan niet inloggen.');
  const token = generateSessionToken();
  const ip = c.get('ip');
  const session = await deps.sessions.createSession(token, userId, { method, secondFactor, ip, userAgent: c.req.header('user-agent') ?? null });
  setSessionCookie(c, token, session.expiresAt);
  clearPendingCookie(c);
  await audit(deps.db, { userId, organizationId: user.organization.id, event: 'login.success', target: user.email, ip, details: { method } });
  const status = await factorStatus(deps.db, userId);
  return { step: 'done', user, notice: status.resetAt ? 'second_factor_reset' : undefined };
}
