// Browser tests of two-factor sign-in: enrolment of an authenticator app when the organisation requires it,
// sign-in with the code, the demo account, and "Mijn account" with its sessions. Every step page is axe-checked.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, useDemoBrowser } from '../support/browser.ts';
import { createOrganization, createUser } from '../support/factories.ts';
import { setOrganization, totpCodes } from '../support/identity.ts';
import { TEST_PASSWORD } from '../support/client.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo.ts';
import { DEMO_TOTP_SECRET, DEMO_TOTP_USER } from '../../server/seed/demo-identity.ts';
import { eq } from 'drizzle-orm';
import { organizations, totpCredentials, users } from '../../server/db/schema.ts';

const env = useDemoBrowser();

async function newPage() {
  const context = await env.browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: { width: 1366, height: 900 } });
  return { context, page: await context.newPage() };
}

async function password(page: Page, email: string, pw: string) {
  await page.goto(env.server.url + '/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(pw);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}

describe('two-factor sign-in in the browser', () => {
  it('a user of a "twee-factor verplicht" organisation sets up an authenticator app at sign-in, then signs in with its code', async () => {
    const org = await createOrganization(env.server.database.db);
    await setOrganization(env.server.database.db, org.id, { twoFactorRequired: true });
    const user = await createUser(env.server.database.db, { organizationId: org.id });
    const { page, context } = await newPage();
    await password(page, user.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Tweede factor instellen' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Authenticator-app instellen' }).click();
    await page.getByRole('img', { name: /QR-code/ }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tweede-factor-instellen');
    const code = totpCodes(secret);
    await page.getByLabel('Code uit de app').fill(code());
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByRole('heading', { name: 'Je herstelcodes' }).waitFor();
    expect(await page.getByRole('list', { name: 'Herstelcodes' }).getByRole('listitem').count()).toBe(10);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'herstelcodes');
    await page.getByRole('button', { name: 'Ik heb de codes bewaard, ga verder' }).click();
    await page.getByRole('heading', { name: 'Mijn casussen' }).waitFor();

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await password(page, user.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Tweede factor' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tweede-factor');
    await page.getByLabel('Code uit je authenticator-app').fill('000000');
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.getByText('Deze code klopt niet of is al gebruikt.').waitFor();
    await page.getByLabel('Code uit je authenticator-app').fill(code());
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.getByRole('heading', { name: 'Mijn casussen' }).waitFor();
    await context.close();
  });

  it('the demo Veilig Thuis account signs in with the published key, and sees and ends its other sessions in Mijn account', async () => {
    const code = totpCodes(DEMO_TOTP_SECRET);
    const other = await newPage();
    await password(other.page, DEMO_TOTP_USER.email, DEMO_PASSWORD);
    await other.page.getByLabel('Code uit je authenticator-app').fill(code());
    await other.page.getByRole('button', { name: 'Verder' }).click();
    await other.page.getByRole('heading', { name: 'Mijn casussen' }).waitFor();

    const { page, context } = await newPage();
    await password(page, DEMO_TOTP_USER.email, DEMO_PASSWORD);
    await page.getByLabel('Code uit je authenticator-app').fill(code());
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.getByRole('heading', { name: 'Mijn casussen' }).waitFor();
    await page.getByRole('link', { name: 'Mijn account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn account' }).waitFor();
    const rows = page.getByRole('table', { name: 'Actieve sessies' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(3); // header + two sessions
    await page.getByText('Deze sessie', { exact: true }).waitFor();
    expect(await page.getByRole('table', { name: 'Actieve sessies' }).getByText('wachtwoord + authenticator-app').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'mijn-account');
    await page.getByRole('button', { name: 'Alle andere sessies beëindigen' }).click();
    await page.getByText('Alle andere sessies zijn beëindigd.').waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    // The other browser's session is gone: its next request finds no session.
    await other.page.reload();
    await other.page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await other.context.close();
    await context.close();
  });

  it('the functioneel beheerder sets "twee-factor verplicht" for an organisation and resets an account\'s second factor', async () => {
    const db = env.server.database.db;
    const { page, context } = await newPage();
    await password(page, 'beheer@casustafel.test', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Beheer' }).click();
    const rules = page.getByRole('form', { name: 'Inlogregels van een organisatie' });
    await rules.getByLabel('Organisatie').selectOption({ label: 'Wijkteam Feijenoord' });
    await rules.getByLabel('Twee-factor verplicht').check();
    await rules.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Inlogregels opgeslagen.').waitFor();
    const [wijkteam] = await db.select().from(organizations).where(eq(organizations.name, 'Wijkteam Feijenoord'));
    expect(wijkteam!.twoFactorRequired).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'beheer-inlogregels');

    const reset = page.getByRole('form', { name: 'Tweede factor resetten' });
    await reset.getByLabel('Account').selectOption({ label: `${DEMO_TOTP_USER.name} (${DEMO_TOTP_USER.email})` });
    page.once('dialog', (d) => void d.accept());
    await reset.getByRole('button', { name: 'Tweede factor resetten' }).click();
    await page.getByText(`De tweede factor van ${DEMO_TOTP_USER.name} is gereset.`, { exact: false }).waitFor();
    const [tessa] = await db.select().from(users).where(eq(users.email, DEMO_TOTP_USER.email));
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.userId, tessa!.id))).toHaveLength(0);
    await context.close();

    // Tessa is told at the next sign-in, and sets up a new second factor there (Veilig Thuis requires one).
    const next = await newPage();
    await password(next.page, DEMO_TOTP_USER.email, DEMO_PASSWORD);
    await next.page.getByText('Je tweede factor is gereset').waitFor();
    await next.page.getByRole('heading', { level: 1, name: 'Tweede factor instellen' }).waitFor();
    await next.context.close();
  });
});
