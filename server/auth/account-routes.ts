// /api/account: "Mijn account" (sessions, password, second factors) and the step-up of a signed-in session.
import { Hono, type Context } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { parseBody } from '../http.ts';
import { audit } from '../audit/log.ts';
import { PasswordChangeInput } from '../../shared/auth.ts';
import { clearSessionCookie, requireUser } from './middleware.ts';
import { changePassword, currentPasswordMatches, endOtherSessions, endOwnSession, listSessions, type AccountActor } from './account.ts';
import { throttledAttempt } from './attempts.ts';
import { factorStatus, hasSecondFactor, takeResetNotice } from './factors.ts';
import { factorRoutes, sessionMayEnrol } from './factor-routes.ts';
import { passwordProblem } from './password-policy.ts';
import { generateRecoveryCodes } from './recovery-codes.ts';
import { announceSessionsEnded } from './revocation.ts';
import { removeTotp } from './totp.ts';
import { listPasskeys, removePasskey } from './webauthn.ts';
import type { Session, SessionUser } from './session.ts';

function signedIn(c: Context<AppEnv>): { user: SessionUser; session: Session } {
  const user = requireUser(c);
  const session = c.get('session')!;
  return { user, session };
}

const actorOf = (c: Context<AppEnv>): AccountActor => {
  const { user, session } = signedIn(c);
  return { userId: user.id, organizationId: user.organization.id, email: user.email, sessionId: session.id, ip: c.get('ip') };
};

const needsStrongSession = () => new AppError(403, 'STEP_UP_REQUIRED', 'Bevestig eerst je tweede factor om dit te wijzigen.');

export function accountRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/account', async (c) => {
    const { user, session } = signedIn(c);
    const [sessions, status, passkeys] = await Promise.all([listSessions(db, user.id, session.id), factorStatus(db, user.id), listPasskeys(db, user.id)]);
    return c.json({
      user,
      session: { method: session.method, secondFactor: session.secondFactor },
      sessions,
      factors: { totp: status.totp, passkeys, recoveryCodesLeft: status.recoveryCodesLeft, required: status.required },
      notice: status.resetAt ? 'second_factor_reset' : undefined,
    });
  });

  app.delete('/account/sessions/:id', async (c) => {
    const actor = actorOf(c);
    const id = c.req.param('id');
    // A session id is the hex SHA-256 of its token; anything else cannot be one.
    if (!/^[0-9a-f]{64}$/.test(id) || !(await endOwnSession(db, actor, id))) throw notFound('Deze sessie bestaat niet (meer).');
    announceSessionsEnded(deps, [id]);
    if (id === actor.sessionId) clearSessionCookie(c);
    return c.body(null, 204);
  });

  app.post('/account/sessions/end-others', async (c) => {
    const ended = await endOtherSessions(db, actorOf(c), 'user');
    announceSessionsEnded(deps, ended);
    return c.json({ ended: ended.length });
  });

  app.post('/account/password', async (c) => {
    const input = await parseBody(c, PasswordChangeInput);
    const actor = actorOf(c);
    const ok = await throttledAttempt(deps, 'password-change', actor.userId, actor.ip, () => currentPasswordMatches(db, actor.userId, input.currentPassword));
    if (!ok) throw new AppError(400, 'INVALID_CREDENTIALS', 'Je huidige wachtwoord klopt niet.');
    const problem = passwordProblem(input.newPassword, { email: actor.email });
    if (problem) throw new AppError(400, 'WEAK_PASSWORD', problem);
    if (input.newPassword === input.currentPassword) throw new AppError(400, 'WEAK_PASSWORD', 'Kies een ander wachtwoord dan je huidige.');
    const ended = await changePassword(db, actor, input.newPassword, deps.now());
    announceSessionsEnded(deps, ended);
    return c.json({ ended: ended.length });
  });

  app.post('/account/notice/dismiss', async (c) => {
    await takeResetNotice(db, requireUser(c).id);
    return c.body(null, 204);
  });

  app.post('/account/recovery-codes', async (c) => {
    const { user, session } = signedIn(c);
    if (!session.secondFactor) throw needsStrongSession();
    if (!hasSecondFactor(await factorStatus(db, user.id))) throw new AppError(409, 'NO_SECOND_FACTOR', 'Stel eerst een tweede factor in.');
    const codes = await generateRecoveryCodes(db, user.id);
    await audit(db, { userId: user.id, organizationId: user.organization.id, event: 'account.recovery_codes_renewed', target: user.email, ip: c.get('ip') });
    return c.json({ recoveryCodes: codes });
  });

  /** Removing a factor needs a strong session, and may not leave a user of a "twee-factor verplicht" organisation without one. */
  async function assertMayRemove(c: Context<AppEnv>, remaining: (s: Awaited<ReturnType<typeof factorStatus>>) => boolean) {
    const { user, session } = signedIn(c);
    if (!session.secondFactor) throw needsStrongSession();
    const status = await factorStatus(db, user.id);
    if (status.required && !remaining(status)) {
      throw new AppError(409, 'FACTOR_REQUIRED', 'Je organisatie vraagt een tweede factor. Voeg eerst een andere toe voordat je deze verwijdert.');
    }
    return user;
  }

  app.delete('/account/totp', async (c) => {
    const user = await assertMayRemove(c, (s) => s.passkeys > 0);
    if (!(await removeTotp(db, user.id))) throw notFound('Je hebt geen authenticator-app ingesteld.');
    await audit(db, { userId: user.id, organizationId: user.organization.id, event: 'account.totp_removed', target: user.email, ip: c.get('ip') });
    return c.body(null, 204);
  });

  app.delete('/account/passkeys/:id', async (c) => {
    const user = await assertMayRemove(c, (s) => s.totp || s.passkeys > 1);
    const id = c.req.param('id');
    if (!/^[A-Za-z0-9_-]{1,1024}$/.test(id) || !(await removePasskey(db, user.id, id))) throw notFound('Deze passkey bestaat niet (meer).');
    await audit(db, { userId: user.id, organizationId: user.organization.id, event: 'account.passkey_removed', target: user.email, ip: c.get('ip') });
    return c.body(null, 204);
  });

  // Adding a factor, and step-up: proving one makes this session strong.
  app.route(
    '/account/factor',
    factorRoutes(deps, {
      async actor(c) {
        const { user, session } = signedIn(c);
        const rights = await sessionMayEnrol(deps, user.id, session.secondFactor);
        return { userId: user.id, email: user.email, name: user.name, organizationId: user.organization.id, ...rights };
      },
      async complete(c, actor, factor) {
        const { user, session } = signedIn(c);
        if (!session.secondFactor) {
          const method = `${session.method}+${factor}`;
          await deps.sessions.upgradeSession(session.id, method);
          await audit(db, {
            userId: actor.userId,
            organizationId: actor.organizationId,
            event: 'account.step_up',
            target: actor.email,
            ip: c.get('ip'),
            details: { method },
          });
        }
        return { step: 'done', user: { ...user, secondFactor: true } };
      },
    }),
  );

  return app;
}
