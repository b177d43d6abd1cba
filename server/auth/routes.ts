// Sign-in and sign-out: /api/auth/login (password, then the second-factor steps under /api/auth/login/*),
// /api/auth/passkey (passkey alone, where the organisation allows it), /api/auth/logout, /api/me.
import { Hono } from 'hono';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { AppEnv, Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import { parseBody } from '../http.ts';
import { audit } from '../audit/log.ts';
import { LoginInput } from '../../shared/schemas.ts';
import { WebAuthnResponseInput } from '../../shared/auth.ts';
import { clearSessionCookie, requireUser } from './middleware.ts';
import { checkCredentials, sessionUserById } from './login.ts';
import { tooManyAttempts } from './attempts.ts';
import { factorStatus, hasSecondFactor, resetNoticePending } from './factors.ts';
import { factorRoutes, relyingParty } from './factor-routes.ts';
import { consumePendingLogin } from './pending.ts';
import { afterFirstFactor, clearPendingCookie, finishSignIn, methodsOf, pendingLoginOf } from './sign-in.ts';
import { authenticationOptions, verifyPasskey } from './webauthn.ts';
import { passkeyLoginAllowed } from './organization-security.ts';
import { announceSessionsEnded } from './revocation.ts';
import type { MeResponse } from '../../shared/api.ts';

const invalidCredentials = () => new AppError(401, 'INVALID_CREDENTIALS', 'E-mailadres of wachtwoord klopt niet.');
const noPendingLogin = () => new AppError(401, 'LOGIN_EXPIRED', 'Je inlogpoging is verlopen. Log opnieuw in met je e-mailadres en wachtwoord.');

export function authRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  // The attempt is reserved before the slow argon2 verify and counts as a failure unless it succeeds, so a
  // burst of parallel guesses gets at most the account's free attempts, and a correct password arriving
  // after them is refused like any other attempt (429 + Retry-After).
  app.post('/auth/login', async (c) => {
    const input = await parseBody(c, LoginInput);
    const ip = c.get('ip') ?? 'unknown';
    const account = await deps.throttle.reserve(`account:${input.email}`);
    if (!account.allowed) {
      deps.metrics.loginThrottled.inc();
      throw tooManyAttempts(account.retryAfterSeconds);
    }
    const address = await deps.ipThrottle.reserve(ip, input.email);
    if (!address.allowed) {
      await account.release();
      deps.metrics.loginThrottled.inc();
      throw tooManyAttempts(address.retryAfterSeconds);
    }
    let result;
    try {
      result = await checkCredentials(db, input.email, input.password, deps.verifyPassword);
    } catch (err) {
      await Promise.all([account.release(), address.release()]);
      throw err;
    }
    if (!result.ok) {
      deps.metrics.loginFailures.inc();
      await audit(db, { userId: result.userId, organizationId: result.organizationId, event: 'login.failure', target: input.email, ip });
      throw invalidCredentials();
    }
    await Promise.all([account.succeed(), address.succeed()]);
    return c.json(await afterFirstFactor(deps, c, result.user.id, 'password'));
  });

  // The second-factor steps of a sign-in that passed its first factor.
  app.get('/auth/login/pending', async (c) => {
    const pending = await pendingLoginOf(deps, c);
    if (!pending) throw noPendingLogin();
    const status = await factorStatus(db, pending.userId);
    const notice = status.resetAt ? 'second_factor_reset' : undefined;
    return c.json(pending.stage === 'verify' ? { step: 'verify', methods: methodsOf(status), notice } : { step: 'enrol', notice });
  });

  app.post('/auth/login/cancel', async (c) => {
    const pending = await pendingLoginOf(deps, c);
    if (pending) await consumePendingLogin(db, pending.id);
    clearPendingCookie(c);
    return c.body(null, 204);
  });

  app.route(
    '/auth/login',
    factorRoutes(deps, {
      async actor(c) {
        const pending = await pendingLoginOf(deps, c);
        if (!pending) throw noPendingLogin();
        const user = await sessionUserById(db, pending.userId, false);
        if (!user) throw noPendingLogin();
        // Stage 'enrol' is only ever given to a user without a factor; re-check, since one may have been added meanwhile.
        const has = hasSecondFactor(await factorStatus(db, pending.userId));
        return {
          userId: user.id,
          email: user.email,
          name: user.name,
          organizationId: user.organization.id,
          mayVerify: pending.stage === 'verify',
          mayEnrol: pending.stage === 'enrol' && !has,
        };
      },
      async complete(c, actor, factor) {
        const pending = await pendingLoginOf(deps, c);
        // Single use: of two requests completing the same pending sign-in, only one gets a session.
        if (!pending || pending.userId !== actor.userId || !(await consumePendingLogin(db, pending.id))) throw noPendingLogin();
        return finishSignIn(deps, c, actor.userId, `${pending.firstFactor}+${factor}`, true);
      },
    }),
  );

  // Sign-in with a passkey alone (discoverable credential, user verification): both factors in one.
  app.post('/auth/passkey/options', async (c) => {
    return c.json({ options: await authenticationOptions(db, relyingParty(c, deps.config.publicOrigins), null) });
  });

  app.post('/auth/passkey', async (c) => {
    const { response } = await parseBody(c, WebAuthnResponseInput);
    const ip = c.get('ip') ?? 'unknown';
    // A failing passkey counts against the address like one failing account (assertions cannot be guessed).
    const address = await deps.ipThrottle.reserve(ip, 'passkey');
    if (!address.allowed) throw tooManyAttempts(address.retryAfterSeconds);
    let userId: string | null;
    try {
      userId = await verifyPasskey(db, relyingParty(c, deps.config.publicOrigins), null, response as unknown as AuthenticationResponseJSON);
    } catch (err) {
      await address.release();
      throw err;
    }
    if (userId) await address.succeed();
    if (!userId) {
      await audit(db, { event: 'login.failure', target: 'passkey', ip });
      throw new AppError(401, 'PASSKEY_FAILED', 'Inloggen met deze passkey lukte niet.');
    }
    if (!(await passkeyLoginAllowed(db, userId))) {
      throw new AppError(
        403,
        'PASSKEY_LOGIN_NOT_ALLOWED',
        'Je organisatie staat inloggen met alleen een passkey niet toe. Log in met je e-mailadres en wachtwoord.',
      );
    }
    return c.json(await finishSignIn(deps, c, userId, 'passkey', true));
  });

  app.post('/auth/logout', async (c) => {
    const session = c.get('session');
    const user = c.get('user');
    if (session && user) {
      await deps.sessions.invalidateSession(session.id);
      // Every live channel opened with this session (document sockets, event streams) ends at once, in every process.
      await announceSessionsEnded(deps, [session.id]);
      await audit(db, { userId: user.id, organizationId: user.organization.id, event: 'logout', ip: c.get('ip') });
    }
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  app.get('/me', async (c) => {
    const user = requireUser(c);
    const notice = await resetNoticePending(db, user.id);
    return c.json<MeResponse>({ user, notice: notice ? 'second_factor_reset' : undefined });
  });

  return app;
}
