// The second-factor steps, mounted twice: under /auth/login for a sign-in that passed its first factor
// (pending login), and under /account/factor for a signed-in session (adding a factor, or step-up when a
// household needs a stronger session than this one has). Enrolment during a pending sign-in is only open
// when the user has no factor yet: a password alone must never be enough to add one next to an existing one.
import { Hono, type Context } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import { parseBody } from '../http.ts';
import { audit } from '../audit/log.ts';
import { CodeInput, WebAuthnResponseInput } from '../../shared/auth.ts';
import { throttledAttempt } from './attempts.ts';
import { factorStatus, hasSecondFactor } from './factors.ts';
import { generateRecoveryCodes, recoveryCodesLeft, useRecoveryCode } from './recovery-codes.ts';
import { confirmTotpEnrolment, startTotpEnrolment, verifyTotp } from './totp.ts';
import { authenticationOptions, registerPasskey, registrationOptions, verifyPasskey, type RelyingParty } from './webauthn.ts';
import type { SecondFactorMethod } from './sign-in.ts';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';

export interface FactorActor {
  userId: string;
  email: string;
  name: string;
  organizationId: string;
  /** May prove a factor they have. */
  mayVerify: boolean;
  /** May add a factor. */
  mayEnrol: boolean;
}

export interface FactorFlow {
  actor(c: Context<AppEnv>): Promise<FactorActor>;
  /** After a factor was verified or enrolled: finishes the sign-in, or marks the session as having a second factor. */
  complete(c: Context<AppEnv>, actor: FactorActor, factor: SecondFactorMethod): Promise<Record<string, unknown>>;
}

/** The relying party for WebAuthn: the public origin when configured, else the origin the request came to. */
export function relyingParty(c: Context, publicOrigins: string[]): RelyingParty {
  if (publicOrigins.length) return { id: new URL(publicOrigins[0]!).hostname, origins: publicOrigins };
  const url = new URL(c.req.url);
  return { id: url.hostname, origins: [url.origin] };
}

const wrongCode = () => new AppError(400, 'INVALID_CODE', 'Deze code klopt niet of is al gebruikt. Probeer de volgende code.');
const wrongRecoveryCode = () => new AppError(400, 'INVALID_CODE', 'Deze herstelcode klopt niet of is al gebruikt.');
const passkeyFailed = () => new AppError(400, 'PASSKEY_FAILED', 'De passkey kon niet worden gecontroleerd. Probeer het opnieuw.');
const notAllowed = () => new AppError(403, 'FORBIDDEN', 'Deze stap is nu niet mogelijk.');

export function factorRoutes(deps: Deps, flow: FactorFlow) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const verifier = async (c: Context<AppEnv>) => {
    const actor = await flow.actor(c);
    if (!actor.mayVerify) throw notAllowed();
    return actor;
  };
  const enroller = async (c: Context<AppEnv>) => {
    const actor = await flow.actor(c);
    if (!actor.mayEnrol) throw notAllowed();
    return actor;
  };
  const failed = (actor: FactorActor, c: Context<AppEnv>, factor: string) =>
    audit(db, {
      userId: actor.userId,
      organizationId: actor.organizationId,
      event: 'account.second_factor_failure',
      target: actor.email,
      ip: c.get('ip'),
      details: { factor },
    });

  app.post('/totp', async (c) => {
    const { code } = await parseBody(c, CodeInput);
    const actor = await verifier(c);
    const ok = await throttledAttempt(deps, 'totp', actor.userId, c.get('ip'), () => verifyTotp(db, deps.secrets, actor.userId, code));
    if (!ok) {
      await failed(actor, c, 'totp');
      throw wrongCode();
    }
    return c.json(await flow.complete(c, actor, 'totp'));
  });

  app.post('/recovery', async (c) => {
    const { code } = await parseBody(c, CodeInput);
    const actor = await verifier(c);
    const ok = await throttledAttempt(deps, 'totp', actor.userId, c.get('ip'), () => useRecoveryCode(db, actor.userId, code));
    if (!ok) {
      await failed(actor, c, 'recovery');
      throw wrongRecoveryCode();
    }
    const left = await recoveryCodesLeft(db, actor.userId);
    await audit(db, {
      userId: actor.userId,
      organizationId: actor.organizationId,
      event: 'account.recovery_code_used',
      target: actor.email,
      ip: c.get('ip'),
      details: { left },
    });
    return c.json({ ...(await flow.complete(c, actor, 'recovery')), recoveryCodesLeft: left });
  });

  app.post('/passkey/options', async (c) => {
    const actor = await verifier(c);
    return c.json({ options: await authenticationOptions(db, relyingParty(c, deps.config.publicOrigins), actor.userId) });
  });

  app.post('/passkey', async (c) => {
    const { response } = await parseBody(c, WebAuthnResponseInput);
    const actor = await verifier(c);
    const rp = relyingParty(c, deps.config.publicOrigins);
    const ok = await throttledAttempt(
      deps,
      'factor',
      actor.userId,
      c.get('ip'),
      async () => (await verifyPasskey(db, rp, actor.userId, response as unknown as AuthenticationResponseJSON)) === actor.userId,
    );
    if (!ok) {
      await failed(actor, c, 'passkey');
      throw passkeyFailed();
    }
    return c.json(await flow.complete(c, actor, 'passkey'));
  });

  app.post('/enrol/totp', async (c) => {
    const actor = await enroller(c);
    const enrolment = await startTotpEnrolment(db, deps.secrets, { id: actor.userId, email: actor.email });
    if (!enrolment) throw new AppError(409, 'TOTP_EXISTS', 'Je hebt al een authenticator-app ingesteld. Verwijder die eerst.');
    return c.json(enrolment);
  });

  app.post('/enrol/totp/confirm', async (c) => {
    const { code } = await parseBody(c, CodeInput);
    const actor = await enroller(c);
    const ok = await throttledAttempt(deps, 'totp', actor.userId, c.get('ip'), () => confirmTotpEnrolment(db, deps.secrets, actor.userId, code));
    if (!ok) throw wrongCode();
    await audit(db, { userId: actor.userId, organizationId: actor.organizationId, event: 'account.totp_added', target: actor.email, ip: c.get('ip') });
    const recoveryCodes = await freshRecoveryCodes(actor);
    return c.json({ ...(await flow.complete(c, actor, 'totp')), recoveryCodes });
  });

  app.post('/enrol/passkey/options', async (c) => {
    const actor = await enroller(c);
    const options = await registrationOptions(db, relyingParty(c, deps.config.publicOrigins), { id: actor.userId, email: actor.email, name: actor.name });
    return c.json({ options });
  });

  app.post('/enrol/passkey', async (c) => {
    const { response, name } = await parseBody(c, WebAuthnResponseInput);
    const actor = await enroller(c);
    const ok = await registerPasskey(
      db,
      relyingParty(c, deps.config.publicOrigins),
      actor.userId,
      response as unknown as RegistrationResponseJSON,
      name ?? 'Passkey',
    );
    if (!ok) throw passkeyFailed();
    await audit(db, {
      userId: actor.userId,
      organizationId: actor.organizationId,
      event: 'account.passkey_added',
      target: actor.email,
      ip: c.get('ip'),
      details: { name: name ?? 'Passkey' },
    });
    const recoveryCodes = await freshRecoveryCodes(actor);
    return c.json({ ...(await flow.complete(c, actor, 'passkey')), recoveryCodes });
  });

  /** Recovery codes come with the first factor; adding a second factor later keeps the ones the user has. */
  async function freshRecoveryCodes(actor: FactorActor): Promise<string[] | undefined> {
    if ((await recoveryCodesLeft(db, actor.userId)) > 0) return undefined;
    return generateRecoveryCodes(db, actor.userId);
  }

  return app;
}

/** Whether a signed-in session may add a factor: a strong session always, a weak one only while the user has none. */
export async function sessionMayEnrol(deps: Deps, userId: string, sessionHasSecondFactor: boolean): Promise<{ mayEnrol: boolean; mayVerify: boolean }> {
  const status = await factorStatus(deps.db, userId);
  return { mayEnrol: sessionHasSecondFactor || !hasSecondFactor(status), mayVerify: hasSecondFactor(status) || status.recoveryCodesLeft > 0 };
}
