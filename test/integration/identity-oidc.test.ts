// Sign-in with the organisation's own OpenID Connect provider, against a real oidc-provider on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, organizations, users } from '../../server/db/schema.ts';
import { ApiClient } from '../support/client.ts';
import { createOrganization, createUser } from '../support/factories.ts';
import { setOrganization } from '../support/identity.ts';
import { RedirectBrowser, startTestIdp, type TestIdp } from '../support/oidc-provider.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
/** The same installation with its clock three hours ahead: every ID token the IdP issues is expired there. */
let late: TestServer;
let idp: TestIdp;
let orgA: { id: string };
let orgB: { id: string };
let alice: { id: string; email: string };
let bob: { id: string; email: string };
const db = () => server.database.db;
const callback = (s: TestServer) => `${s.url}/api/auth/oidc/callback`;

beforeAll(async () => {
  server = await startTestServer();
  late = await startTestServer({ database: server.database, config: { fixedNow: new Date(Date.now() + 3 * 3600_000) } });
  orgA = await createOrganization(db(), 'gemeente');
  orgB = await createOrganization(db(), 'politie');
  alice = await createUser(db(), { organizationId: orgA.id });
  bob = await createUser(db(), { organizationId: orgB.id });
  idp = await startTestIdp({
    accounts: {
      alice: { email: alice.email.toUpperCase() },
      bob: { email: bob.email },
      carol: { email: `carol-${orgA.id.slice(0, 8)}@example.test`, name: 'Carol Nieuw' },
    },
    clients: [
      { clientId: 'casustafel-a', clientSecret: 'secret-a', redirectUris: [callback(server), callback(late)] },
      { clientId: 'casustafel-b', clientSecret: 'secret-b', redirectUris: [callback(server)] },
    ],
  });
  // Configured through the beheer API (the secret is stored encrypted).
  const admin = await new ApiClient(server.url).login((await createUser(db(), { admin: true })).email);
  for (const [org, client] of [
    [orgA, 'a'],
    [orgB, 'b'],
  ] as const) {
    const res = await admin.patch(`/api/organizations/${org.id}/security`, {
      oidc: { issuer: idp.issuer, clientId: `casustafel-${client}`, clientSecret: `secret-${client}`, emailClaim: 'email' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.security.oidc).toMatchObject({ issuer: idp.issuer, hasClientSecret: true });
  }
});
afterAll(async () => {
  await idp?.close();
  await late?.stop();
  await server?.close();
});

/** A fresh browser that starts the organisation's sign-in and follows every redirect. */
async function signIn(s: TestServer, orgId: string, opts: { stopBefore?: (u: URL) => boolean } = {}) {
  const browser = new RedirectBrowser(s.url);
  const end = await browser.go(`${s.url}/api/auth/oidc/${orgId}/start`, opts);
  const api = new ApiClient(s.url);
  api.cookie = browser.cookieHeader(s.url) || null;
  return { browser, end, api };
}
const beforeCallback = (u: URL) => u.pathname === '/api/auth/oidc/callback';
const failures = async (reason: string) =>
  (await db().select().from(auditLog).where(eq(auditLog.event, 'login.failure'))).filter((r) => (r.details as { reason?: string } | null)?.reason === reason);

describe("sign-in with the organisation's OpenID Connect provider", () => {
  it('lists the organisations that offer it', async () => {
    const res = await new ApiClient(server.url).get('/api/auth/oidc/providers');
    expect(res.body.providers.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([orgA.id, orgB.id]));
  });

  it('signs in a known user (e-mail matched within the organisation), audited with the method', async () => {
    idp.nextLogin('alice');
    const { end, api } = await signIn(server, orgA.id);
    expect(end.url.pathname).toBe('/');
    const me = await api.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(alice.id);
    expect((await api.get('/api/account')).body.session).toEqual({ method: 'oidc', secondFactor: false });
    const [row] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, alice.id), eq(auditLog.event, 'login.success')));
    expect(row!.details).toEqual({ method: 'oidc' });
  });

  it('refuses a callback whose state is not the one this browser started with', async () => {
    idp.nextLogin('alice');
    const { browser, end } = await signIn(server, orgA.id, { stopBefore: beforeCallback });
    expect(end.url.searchParams.get('code')).toBeTruthy();
    const forged = new URL(end.url);
    forged.searchParams.set('state', 'not-the-state');
    const result = await browser.go(forged.href);
    expect(result.url.pathname + result.url.search).toBe('/inloggen?fout=failed');
    // The genuine callback in another browser (no state cookie): refused too (login CSRF).
    const other = new RedirectBrowser(server.url);
    expect((await other.go(end.url.href)).url.search).toBe('?fout=failed');
    const api = new ApiClient(server.url);
    api.cookie = other.cookieHeader(server.url) || null;
    expect((await api.get('/api/me')).status).toBe(401);
    expect((await failures('state')).length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a code issued for another organisation's client, and never signs in another organisation's user", async () => {
    idp.nextLogin('alice');
    const a = await signIn(server, orgA.id, { stopBefore: beforeCallback });
    idp.nextLogin('bob');
    const b = await signIn(server, orgB.id, { stopBefore: beforeCallback });
    const swapped = new URL(a.end.url);
    swapped.searchParams.set('code', b.end.url.searchParams.get('code')!);
    const result = await a.browser.go(swapped.href);
    expect(result.url.search).toBe('?fout=failed');
    expect((await failures('token')).length).toBeGreaterThanOrEqual(1);
    // Organisation B's provider vouching for alice (an account of organisation A): unknown there, even with JIT on.
    await setOrganization(db(), orgB.id, { oidcJit: true });
    idp.nextLogin('alice');
    const cross = await signIn(server, orgB.id);
    expect(cross.end.url.search).toBe('?fout=unknown_user');
    expect((await cross.api.get('/api/me')).status).toBe(401);
    await setOrganization(db(), orgB.id, { oidcJit: false });
  });

  it('refuses an expired ID token', async () => {
    idp.nextLogin('alice');
    const { end, api } = await signIn(late, orgA.id);
    expect(end.url.search).toBe('?fout=failed');
    expect((await api.get('/api/me')).status).toBe(401);
    const token = await failures('token');
    expect(token.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses a user the IdP knows but Casustafel does not, with a clear message; creates them when the organisation allows just-in-time accounts', async () => {
    idp.nextLogin('carol');
    const refused = await signIn(server, orgA.id);
    expect(refused.end.url.pathname + refused.end.url.search).toBe('/inloggen?fout=unknown_user');
    expect((await failures('unknown_user')).length).toBeGreaterThanOrEqual(1);
    await setOrganization(db(), orgA.id, { oidcJit: true });
    idp.nextLogin('carol');
    const created = await signIn(server, orgA.id);
    expect(created.end.url.pathname).toBe('/');
    const me = (await created.api.get('/api/me')).body.user;
    expect(me).toMatchObject({ name: 'Carol Nieuw', organization: { id: orgA.id } });
    await setOrganization(db(), orgA.id, { oidcJit: false });
  });

  it("counts the IdP's MFA (amr) as the second factor only when the organisation trusts it", async () => {
    await setOrganization(db(), orgA.id, { twoFactorRequired: true, oidcTrustMfa: false });
    idp.nextLogin('alice', { amr: ['pwd', 'otp'], acr: 'urn:casustafel:test:multi-factor' });
    const untrusted = await signIn(server, orgA.id);
    expect(untrusted.end.url.pathname).toBe('/inloggen');
    expect((await untrusted.api.get('/api/me')).status).toBe(401);
    expect((await untrusted.api.get('/api/auth/login/pending')).body.step).toBe('enrol');

    await setOrganization(db(), orgA.id, { oidcTrustMfa: true });
    idp.nextLogin('alice', { amr: ['pwd'] });
    const single = await signIn(server, orgA.id);
    expect(single.end.url.pathname).toBe('/inloggen');
    idp.nextLogin('alice', { amr: ['pwd', 'otp'], acr: 'urn:casustafel:test:multi-factor' });
    const trusted = await signIn(server, orgA.id);
    expect(trusted.end.url.pathname).toBe('/');
    expect((await trusted.api.get('/api/account')).body.session).toEqual({ method: 'oidc+mfa', secondFactor: true });
    await setOrganization(db(), orgA.id, { twoFactorRequired: false, oidcTrustMfa: false });
  });

  it('keeps the client secret encrypted at rest', async () => {
    const [row] = await db().select({ secret: organizations.oidcClientSecret }).from(organizations).where(eq(organizations.id, orgA.id));
    expect(Buffer.from(row!.secret!).includes(Buffer.from('secret-a'))).toBe(false);
    expect(server.deps.secrets.openText(row!.secret!)).toBe('secret-a');
    expect(await db().select().from(users).where(eq(users.email, 'secret-a'))).toHaveLength(0);
  });
});
