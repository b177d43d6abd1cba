import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, households, sessions, totpCredentials } from '../../server/db/schema.ts';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { ApiClient } from '../support/client.ts';
import { addParticipant, createHousehold, createOrganization, createUser } from '../support/factories.ts';
import { enrolTotp, setOrganization, totpCode } from '../support/identity.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
const db = () => server.database.db;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const password = 'test-password-123';
const startLogin = async (email: string) => {
  const api = new ApiClient(server.url);
  const res = await api.post('/api/auth/login', { email, password });
  return { api, res };
};

describe('TOTP: enrolment and sign-in', () => {
  it('enrols from a QR code with a first code, shows ten recovery codes once, and stores the secret encrypted', async () => {
    const user = await createUser(db());
    const api = await new ApiClient(server.url).login(user.email);
    const start = await api.post('/api/account/factor/enrol/totp');
    expect(start.status).toBe(200);
    expect(start.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(start.body.uri).toContain('otpauth://totp/');
    expect((await api.post('/api/account/factor/enrol/totp/confirm', { code: '000000' })).status).toBe(400);
    const confirm = await api.post('/api/account/factor/enrol/totp/confirm', { code: totpCode(start.body.secret) });
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCodes).toHaveLength(10);
    const [row] = await db().select().from(totpCredentials).where(eq(totpCredentials.userId, user.id));
    const raw = Buffer.from(decodeBase32IgnorePadding(start.body.secret));
    expect(Buffer.from(row!.secret).includes(raw)).toBe(false);
    expect(row!.secret.length).toBeGreaterThan(raw.length);
    const account = await api.get('/api/account');
    expect(account.body.factors).toMatchObject({ totp: true, recoveryCodesLeft: 10 });
  });

  it('asks for the code after the password, gives no session before it, and records how the session was made', async () => {
    const user = await createUser(db());
    const { secret } = await enrolTotp(await new ApiClient(server.url).login(user.email));
    const { api, res } = await startLogin(user.email);
    expect(res.body).toMatchObject({ step: 'verify', methods: ['totp', 'recovery'] });
    expect((await api.get('/api/me')).status).toBe(401);
    expect((await api.post('/api/auth/login/totp', { code: '123456' })).status).toBe(400);
    const ok = await api.post('/api/auth/login/totp', { code: totpCode(secret, 1) });
    expect(ok.status).toBe(200);
    expect(ok.body.step).toBe('done');
    const me = await api.get('/api/me');
    expect(me.body.user).toMatchObject({ id: user.id, secondFactor: true });
    const account = await api.get('/api/account');
    expect(account.body.session).toEqual({ method: 'password+totp', secondFactor: true });
    const events = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, user.id), eq(auditLog.event, 'login.success')))
      .orderBy(auditLog.id);
    expect(events.at(-1)!.details).toEqual({ method: 'password+totp' });
  });

  it('accepts the previous and next code but not older ones, and never the same code twice', async () => {
    const user = await createUser(db());
    const { secret } = await enrolTotp(await new ApiClient(server.url).login(user.email));
    const first = await startLogin(user.email);
    expect((await first.api.post('/api/auth/login/totp', { code: totpCode(secret, -3) })).status).toBe(400);
    expect((await first.api.post('/api/auth/login/totp', { code: totpCode(secret, 1) })).status).toBe(200);
    // The same code in a second sign-in (a replay, e.g. shoulder-surfed) is refused.
    const second = await startLogin(user.email);
    const replay = await second.api.post('/api/auth/login/totp', { code: totpCode(secret, 1) });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('INVALID_CODE');
    expect((await second.api.get('/api/me')).status).toBe(401);
  });

  it('a password alone cannot add a factor next to an existing one', async () => {
    const user = await createUser(db());
    await enrolTotp(await new ApiClient(server.url).login(user.email));
    const { api } = await startLogin(user.email);
    expect((await api.post('/api/auth/login/enrol/totp')).status).toBe(403);
    expect((await api.post('/api/auth/login/enrol/passkey/options')).status).toBe(403);
    expect((await api.get('/api/account')).status).toBe(401);
  });

  it('a recovery code signs in once', async () => {
    const user = await createUser(db());
    const { recoveryCodes } = await enrolTotp(await new ApiClient(server.url).login(user.email));
    const a = await startLogin(user.email);
    const used = await a.api.post('/api/auth/login/recovery', { code: recoveryCodes[3]!.toUpperCase() });
    expect(used.status).toBe(200);
    expect(used.body.recoveryCodesLeft).toBe(9);
    const b = await startLogin(user.email);
    expect((await b.api.post('/api/auth/login/recovery', { code: recoveryCodes[3] })).status).toBe(400);
    expect((await b.api.post('/api/auth/login/recovery', { code: recoveryCodes[4] })).status).toBe(200);
  });

  it('wrong codes are throttled like passwords', async () => {
    const user = await createUser(db());
    await enrolTotp(await new ApiClient(server.url).login(user.email));
    const { api } = await startLogin(user.email);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api.post('/api/auth/login/totp', { code: String(100000 + i) })).status);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses[5]).toBe(429);
  });

  it('a parallel burst of codes gets no more guesses than the free attempts', async () => {
    const user = await createUser(db());
    const { secret } = await enrolTotp(await new ApiClient(server.url).login(user.email));
    const { api } = await startLogin(user.email);
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => api.post('/api/auth/login/totp', { code: String(200000 + i) })));
    const judged = burst.filter((r) => r.status === 400).length;
    expect(judged).toBeLessThanOrEqual(5);
    expect(burst.filter((r) => r.status === 429).length).toBe(12 - judged);
    // Even the right code is refused while the account is blocked.
    expect((await api.post('/api/auth/login/totp', { code: totpCode(secret, 1) })).status).toBe(429);
  });

  it('a completed sign-in step cannot be completed again', async () => {
    const user = await createUser(db());
    const { recoveryCodes } = await enrolTotp(await new ApiClient(server.url).login(user.email));
    const { api } = await startLogin(user.email);
    const pending = api.jar.get('casustafel_login')!;
    expect((await api.post('/api/auth/login/recovery', { code: recoveryCodes[0] })).status).toBe(200);
    const copy = new ApiClient(server.url);
    copy.cookie = `casustafel_login=${pending}`;
    expect((await copy.post('/api/auth/login/recovery', { code: recoveryCodes[1] })).status).toBe(401);
  });
});

describe('twee-factor verplicht', () => {
  it('leads a user without a factor through enrolment at sign-in, and nothing else is reachable before', async () => {
    const org = await createOrganization(db());
    await setOrganization(db(), org.id, { twoFactorRequired: true });
    const user = await createUser(db(), { organizationId: org.id });
    const { api, res } = await startLogin(user.email);
    expect(res.body).toMatchObject({ step: 'enrol' });
    expect((await api.get('/api/me')).status).toBe(401);
    expect((await api.get('/api/households')).status).toBe(401);
    expect((await api.post('/api/auth/login/totp', { code: '123456' })).status).toBe(403);
    const { body } = await enrolTotp(api, '/api/auth/login');
    expect(body.step).toBe('done');
    expect(body.recoveryCodes).toHaveLength(10);
    expect((await api.get('/api/me')).body.user.secondFactor).toBe(true);
    // Next time: the code is asked.
    expect((await startLogin(user.email)).res.body.step).toBe('verify');
  });

  it('a factor of a required organisation cannot be removed when it is the last one', async () => {
    const org = await createOrganization(db());
    await setOrganization(db(), org.id, { twoFactorRequired: true });
    const user = await createUser(db(), { organizationId: org.id });
    const { api } = await startLogin(user.email);
    await enrolTotp(api, '/api/auth/login');
    const res = await api.delete('/api/account/totp');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('FACTOR_REQUIRED');
  });

  it('opening a household of such an organisation with a password-only session asks for the second factor (step-up)', async () => {
    const strict = await createOrganization(db(), 'gemeente');
    await setOrganization(db(), strict.id, { twoFactorRequired: true });
    const partner = await createUser(db(), { kind: 'politie' });
    const household = await createHousehold(db());
    await db().update(households).set({ regieOrganizationId: strict.id }).where(eq(households.id, household.id));
    await addParticipant(db(), household.id, partner.id, 'partner');
    const outsider = await new ApiClient(server.url).login((await createUser(db())).email);
    const api = await new ApiClient(server.url).login(partner.email);
    const refused = await api.get(`/api/households/${household.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('STEP_UP_REQUIRED');
    // An outsider still learns nothing about the household.
    expect((await outsider.get(`/api/households/${household.id}`)).status).toBe(404);
    // The partner enrols an authenticator; proving it makes this session strong.
    const { codes } = await enrolTotp(api);
    expect((await api.get(`/api/households/${household.id}`)).status).toBe(200);
    // A new password-only session of a user who has a factor is asked for it at sign-in, and the step-up also works by code.
    const weak = await new ApiClient(server.url).login(partner.email);
    expect((await weak.get('/api/me')).status).toBe(401);
    const stepUp = await api.post('/api/account/factor/totp', { code: codes() });
    expect(stepUp.status).toBe(200);
  });
});

describe('reset by the functioneel beheerder', () => {
  it('removes the factors, ends the sessions, is audited, and the user is told at the next sign-in', async () => {
    const org = await createOrganization(db());
    await setOrganization(db(), org.id, { twoFactorRequired: true });
    const user = await createUser(db(), { organizationId: org.id });
    const userApi = (await startLogin(user.email)).api;
    await enrolTotp(userApi, '/api/auth/login');
    const admin = await new ApiClient(server.url).login((await createUser(db(), { admin: true })).email);
    const other = await new ApiClient(server.url).login((await createUser(db())).email);
    expect((await other.post(`/api/users/${user.id}/reset-second-factor`)).status).toBe(403);
    expect((await admin.post(`/api/users/${user.id}/reset-second-factor`)).status).toBe(204);
    expect((await userApi.get('/api/me')).status).toBe(401);
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    const [row] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, 'account.second_factor_reset'), eq(auditLog.target, user.email)));
    expect(row!.details).toEqual({ accountId: user.id });
    const { api, res } = await startLogin(user.email);
    expect(res.body).toEqual({ step: 'enrol', notice: 'second_factor_reset' });
    await enrolTotp(api, '/api/auth/login');
    expect((await api.get('/api/me')).body.notice).toBe('second_factor_reset');
    expect((await api.post('/api/account/notice/dismiss')).status).toBe(204);
    expect((await api.get('/api/me')).body.notice).toBeUndefined();
  });
});
