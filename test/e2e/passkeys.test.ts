// Browser test of passkeys with Chromium's virtual authenticator (DevTools protocol WebAuthn domain):
// register one in Mijn account, use it as the second factor, and sign in with it alone where allowed.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot, seriousViolations, useDemoBrowser } from '../support/browser.ts';
import { createOrganization, createUser } from '../support/factories.ts';
import { setOrganization } from '../support/identity.ts';
import { TEST_PASSWORD } from '../support/client.ts';

const env = useDemoBrowser();
// WebAuthn needs a domain as relying party id (not an IP address): localhost is one, and a secure context.
const origin = () => env.server.url.replace('127.0.0.1', 'localhost');

async function withVirtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

async function password(page: Page, email: string) {
  await page.goto(origin() + '/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}

describe('passkeys in the browser', () => {
  it('registers a passkey in Mijn account, uses it as second factor, and signs in with it alone where the organisation allows it', async () => {
    const org = await createOrganization(env.server.database.db);
    const user = await createUser(env.server.database.db, { organizationId: org.id });
    const context = await env.browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const { cdp, authenticatorId } = await withVirtualAuthenticator(context, page);

    await password(page, user.email);
    await page.getByRole('heading', { name: 'Mijn casussen' }).waitFor();
    await page.getByRole('link', { name: 'Mijn account' }).click();
    await page.getByRole('button', { name: 'Passkey toevoegen' }).click();
    await page.getByText('Passkey toegevoegd.').waitFor();
    await page.getByRole('heading', { name: 'Je herstelcodes' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: /^Passkey .* verwijderen$/ }).count()).toBe(1);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.isResidentCredential).toBe(true);
    await screenshot(page, 'mijn-account-passkey');

    // Second factor at the next sign-in.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await password(page, user.email);
    await page.getByRole('heading', { level: 1, name: 'Tweede factor' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Gebruik je passkey' }).click();
    await page.getByRole('heading', { name: 'Mijn casussen' }).waitFor();

    // A passkey alone, once the organisation allows it.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await page.getByRole('button', { name: 'Met een passkey' }).click();
    await page.getByText('Je organisatie staat inloggen met alleen een passkey niet toe.', { exact: false }).waitFor();
    await setOrganization(env.server.database.db, org.id, { passkeyLogin: true });
    await page.getByRole('button', { name: 'Met een passkey' }).click();
    await page.getByRole('heading', { name: 'Mijn casussen' }).waitFor();
    await page.getByRole('link', { name: 'Mijn account' }).click();
    await page.getByRole('table', { name: 'Actieve sessies' }).getByText('passkey', { exact: true }).waitFor();
    await context.close();
  });
});
