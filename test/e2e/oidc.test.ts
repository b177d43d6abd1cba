// Browser test: "Inloggen via <organisatie>" through a real OpenID Connect provider (oidc-provider on loopback).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousViolations, useDemoBrowser } from '../support/browser.ts';
import { createOrganization, createUser } from '../support/factories.ts';
import { setOrganization } from '../support/identity.ts';
import { startTestIdp, type TestIdp } from '../support/oidc-provider.ts';

const env = useDemoBrowser();
let idp: TestIdp;
let org: { id: string; name: string };
let user: { email: string; name: string };

beforeAll(async () => {
  org = await createOrganization(env.server.database.db, 'wijkteam', 'Wijkteam Noord (test-IdP)');
  user = await createUser(env.server.database.db, { organizationId: org.id });
  idp = await startTestIdp({
    accounts: { pat: { email: user.email } },
    clients: [{ clientId: 'casustafel', clientSecret: 'geheim-idp', redirectUris: [`${env.server.url}/api/auth/oidc/callback`] }],
  });
  await setOrganization(env.server.database.db, org.id, {
    oidcIssuer: idp.issuer,
    oidcClientId: 'casustafel',
    oidcClientSecret: env.server.deps.secrets.seal('geheim-idp'),
  });
});
afterAll(() => idp?.close());

describe("sign-in through the organisation's provider", () => {
  it('offers the organisation on the login page and signs in through its provider', async () => {
    const context = await env.browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(env.server.url + '/inloggen');
    const button = page.getByRole('link', { name: `Via ${org.name}` });
    await button.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'inloggen-met-organisatie');
    idp.nextLogin('pat');
    await button.click();
    await page.getByRole('heading', { name: 'Mijn casussen' }).waitFor();
    expect(page.url()).toBe(env.server.url + '/');
    await expect.poll(() => page.getByText(user.name).count()).toBeGreaterThan(0);
    await context.close();
  });
});
