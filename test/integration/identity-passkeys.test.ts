import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, webauthnCredentials } from '../../server/db/schema.ts';
import { ApiClient } from '../support/client.ts';
import { createOrganization, createUser } from '../support/factories.ts';
import { setOrganization } from '../support/identity.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
const db = () => server.database.db;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const password = 'test-password-123';

/** Registers a passkey through `prefix` with a software authenticator. */
async function registerPasskey(api: ApiClient, auth: SoftAuthenticator, prefix = '/api/account/factor') {
  const options = await api.post(`${prefix}/enrol/passkey/options`);
  expect(options.status, JSON.stringify(options.body)).toBe(200);
  const done = await api.post(`${prefix}/enrol/passkey`, { response: auth.register(options.body.options), name: 'Testsleutel' });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return done.body;
}

describe('passkeys', () => {
  it('registers a passkey in Mijn account and uses it as the second factor at sign-in', async () => {
    const user = await createUser(db());
    const auth = new SoftAuthenticator(server.url);
    const api = await new ApiClient(server.url).login(user.email);
    const registered = await registerPasskey(api, auth);
    expect(registered.recoveryCodes).toHaveLength(10);
    const account = await api.get('/api/account');
    expect(account.body.factors.passkeys).toHaveLength(1);
    expect(account.body.factors.passkeys[0].name).toBe('Testsleutel');

    const next = new ApiClient(server.url);
    const login = await next.post('/api/auth/login', { email: user.email, password });
    expect(login.body).toMatchObject({ step: 'verify', methods: ['passkey', 'recovery'] });
    const options = await next.post('/api/auth/login/passkey/options');
    expect(options.body.options.allowCredentials).toHaveLength(1);
    const done = await next.post('/api/auth/login/passkey', { response: auth.assert(options.body.options) });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await next.get('/api/account')).body.session).toEqual({ method: 'password+passkey', secondFactor: true });
    const [row] = await db().select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, user.id));
    expect(row!.counter).toBe(1);
    expect(row!.lastUsedAt).not.toBeNull();
  });

  it("refuses a replayed assertion, one from another origin, and another user's passkey", async () => {
    const user = await createUser(db());
    const other = await createUser(db());
    const auth = new SoftAuthenticator(server.url);
    await registerPasskey(await new ApiClient(server.url).login(user.email), auth);
    const otherAuth = new SoftAuthenticator(server.url);
    await registerPasskey(await new ApiClient(server.url).login(other.email), otherAuth);

    const a = new ApiClient(server.url);
    await a.post('/api/auth/login', { email: user.email, password });
    const options = await a.post('/api/auth/login/passkey/options');
    const response = auth.assert(options.body.options);
    const phishing = new ApiClient(server.url);
    await phishing.post('/api/auth/login', { email: user.email, password });
    const phishingOptions = await phishing.post('/api/auth/login/passkey/options');
    expect(
      (
        await phishing.post('/api/auth/login/passkey', {
          response: auth.assert(phishingOptions.body.options, undefined, { origin: 'https://casustafel.example.evil' }),
        })
      ).status,
    ).toBe(400);
    expect((await a.post('/api/auth/login/passkey', { response })).status).toBe(200);
    // The same response again, in a fresh sign-in: its challenge is used up.
    const b = new ApiClient(server.url);
    await b.post('/api/auth/login', { email: user.email, password });
    await b.post('/api/auth/login/passkey/options');
    expect((await b.post('/api/auth/login/passkey', { response })).status).toBe(400);
    // Another user's passkey does not complete this user's sign-in.
    const c = new ApiClient(server.url);
    await c.post('/api/auth/login', { email: user.email, password });
    const cOptions = await c.post('/api/auth/login/passkey/options');
    expect((await c.post('/api/auth/login/passkey', { response: otherAuth.assert(cOptions.body.options, otherAuth.credentials[0]) })).status).toBe(400);
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('signs in with a passkey alone only where the organisation allows it', async () => {
    const org = await createOrganization(db());
    const user = await createUser(db(), { organizationId: org.id });
    const auth = new SoftAuthenticator(server.url);
    await registerPasskey(await new ApiClient(server.url).login(user.email), auth);
    const attempt = async () => {
      const api = new ApiClient(server.url);
      const options = await api.post('/api/auth/passkey/options');
      expect(options.body.options.allowCredentials ?? []).toEqual([]);
      expect(options.body.options.userVerification).toBe('required');
      return { api, res: await api.post('/api/auth/passkey', { response: auth.assert(options.body.options) }) };
    };
    const refused = await attempt();
    expect(refused.res.status).toBe(403);
    expect(refused.res.body.error.code).toBe('PASSKEY_LOGIN_NOT_ALLOWED');
    expect((await refused.api.get('/api/me')).status).toBe(401);
    await setOrganization(db(), org.id, { passkeyLogin: true });
    const allowed = await attempt();
    expect(allowed.res.status).toBe(200);
    expect((await allowed.api.get('/api/account')).body.session).toEqual({ method: 'passkey', secondFactor: true });
  });

  it('a passkey satisfies "twee-factor verplicht" enrolment at sign-in', async () => {
    const org = await createOrganization(db());
    await setOrganization(db(), org.id, { twoFactorRequired: true });
    const user = await createUser(db(), { organizationId: org.id });
    const api = new ApiClient(server.url);
    expect((await api.post('/api/auth/login', { email: user.email, password })).body.step).toBe('enrol');
    const done = await registerPasskey(api, new SoftAuthenticator(server.url), '/api/auth/login');
    expect(done.step).toBe('done');
    expect((await api.get('/api/me')).body.user.secondFactor).toBe(true);
  });

  it('removing a passkey needs a strong session and is audited', async () => {
    const user = await createUser(db());
    const auth = new SoftAuthenticator(server.url);
    const api = await new ApiClient(server.url).login(user.email);
    await registerPasskey(api, auth);
    const id = (await api.get('/api/account')).body.factors.passkeys[0].id;
    expect((await api.delete(`/api/account/passkeys/${encodeURIComponent(id)}`)).status).toBe(204);
    expect((await api.get('/api/account')).body.factors.passkeys).toHaveLength(0);
    const events = await db().select({ event: auditLog.event }).from(auditLog).where(eq(auditLog.target, user.email));
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['account.passkey_added', 'account.passkey_removed']));
    // A fresh password-only session of a user without factors may not delete anything of someone else.
    const other = await new ApiClient(server.url).login((await createUser(db())).email);
    expect((await other.delete(`/api/account/passkeys/${encodeURIComponent(id)}`)).status).toBe(403);
  });
});
