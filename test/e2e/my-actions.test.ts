// Mijn acties and Meldingen in the browser, on the demo data: Jasper (jeugdzorg) sees his organisation's actions
// across his households grouped by due date, one line for the household whose statement he has not confirmed,
// claims and completes from the list, and sees another screen's claim move the item at once; his unread count in
// the header follows new notifications live (also while a board is open), and the inbox marks read.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo.ts';
import { ApiClient } from '../support/client.ts';
import { householdIdByReference, newUserPage, screenshot, seriousViolations, useDemoBrowser } from '../support/browser.ts';
import { addDays, amsterdamDay } from '../../shared/huisverbod.ts';

const env = useDemoBrowser();

async function jeugdzorgOrganization(regie: ApiClient) {
  const orgs = (await regie.get('/api/organizations')).body.organizations as { id: string; name: string }[];
  return orgs.find((o) => o.name === 'Jeugdzorg Rijnmond')!.id;
}

describe('Mijn acties', () => {
  it('groups my organisation’s actions by due date, claims and completes from the list, and follows another screen live', async () => {
    const jansen = await householdIdByReference(env.server, 'HG-2026-0142');
    const jasper = await newUserPage(env.browser, env.server, 'jeugd@jeugdzorg.test');
    const { page } = jasper;
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn acties' }).click();
    await page.getByRole('heading', { name: 'Mijn acties', level: 1 }).waitFor();
    const overdue = page.getByTestId('my-actions-overdue');
    await overdue.getByText('Noah en Emma aanmelden bij jeugdzorg').waitFor();
    await page.getByTestId('my-actions-later').getByText('Omgangsregeling Lotte afstemmen met beide ouders').waitFor();
    // HG-2026-0117's statement is not confirmed: one line with the way to it, none of its actions.
    expect(await page.getByTestId('my-actions-gated').textContent()).toBe('HG-2026-0117: bevestig eerst de geheimhoudingsverklaring');
    expect(await page.getByText('Opvoedondersteuning bespreken met de zus van F.').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'mijn-acties');

    // The filter per household.
    await page.getByTestId('my-actions-filter').selectOption({ label: 'HG-2025-0388' });
    expect(await page.getByTestId('my-action').count()).toBe(1);
    await page.getByTestId('my-actions-filter').selectOption({ label: 'alle casussen' });

    // Claim and complete right here.
    const item = overdue.getByTestId('my-action').filter({ hasText: 'Noah en Emma aanmelden bij jeugdzorg' });
    await item.getByRole('button', { name: 'Ik pak dit op' }).click();
    await item.getByTestId('my-action-status').getByText('Opgepakt door jou').waitFor();
    await item.getByRole('button', { name: 'Afronden…' }).click();
    await item.getByLabel('Hoe is het afgerond? (optioneel)').fill('Aangemeld bij het wijkteam jeugd');
    await item.getByRole('button', { name: 'Afronden', exact: true }).click();
    await page.getByText('Noah en Emma aanmelden bij jeugdzorg').waitFor({ state: 'detached' });

    // New work for jeugdzorg appears live; a claim on the regievoerder's screen moves it behind the unclaimed one.
    const regieApi = await new ApiClient(env.server.url).login('regie@gemeente.test', DEMO_PASSWORD);
    const jeugdzorg = await jeugdzorgOrganization(regieApi);
    const tomorrow = addDays(amsterdamDay(new Date()), 1);
    for (const title of ['Schoolarts Noah bellen', 'Gesprek met mentor Emma'])
      await regieApi.post(`/api/households/${jansen}/actions`, { title, ownerOrganizationId: jeugdzorg, dueDate: tomorrow });
    const week = page.getByTestId('my-actions-thisWeek');
    await week.getByText('Gesprek met mentor Emma').waitFor();
    const titles = () => week.getByTestId('my-action').locator('h3').allTextContents();
    expect(await titles()).toEqual(['Schoolarts Noah bellen', 'Gesprek met mentor Emma']);

    const regie = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    await regie.page.goto(`${env.server.url}/huishoudens/${jansen}/acties`);
    await regie.page.getByText('Live bijgewerkt').waitFor();
    await regie.page.getByTestId('action-card').filter({ hasText: 'Schoolarts Noah bellen' }).getByRole('button', { name: 'Ik pak dit op' }).click();
    await week
      .getByTestId('my-action')
      .filter({ hasText: 'Schoolarts Noah bellen' })
      .getByText('Opgepakt door Rianne de Regie (Gemeente Rotterdam)')
      .waitFor({ timeout: 3000 });
    expect(await titles()).toEqual(['Gesprek met mentor Emma', 'Schoolarts Noah bellen']);
    await regie.context.close();
    await jasper.context.close();
  });
});

describe('Meldingen', () => {
  it('the unread count in the header follows new notifications live, on any page; the inbox marks read', async () => {
    const jansen = await householdIdByReference(env.server, 'HG-2026-0142');
    const vera = await newUserPage(env.browser, env.server, 'vz@verslavingszorg.test');
    const { page } = vera;
    const count = page.getByTestId('unread-count');
    await count.waitFor();
    expect(await count.textContent()).toBe('1, 1 ongelezen');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: /Meldingen/ })
      .click();
    await page.getByRole('heading', { name: 'Meldingen', level: 1 }).waitFor();
    await page.getByText('Actie “Intake Mark bij verslavingszorg” in HG-2026-0142 is toegewezen aan Verslavingszorg Rijnmond.').waitFor();

    // Something new for Verslavingszorg: the count and the inbox follow without a reload.
    const regieApi = await new ApiClient(env.server.url).login('regie@gemeente.test', DEMO_PASSWORD);
    const orgs = (await regieApi.get('/api/organizations')).body.organizations as { id: string; name: string }[];
    const vz = orgs.find((o) => o.name === 'Verslavingszorg Rijnmond')!.id;
    await regieApi.post(`/api/households/${jansen}/actions`, { title: 'Terugvalpreventie bespreken', ownerOrganizationId: vz });
    await page.getByText('Actie “Terugvalpreventie bespreken” in HG-2026-0142 is toegewezen aan Verslavingszorg Rijnmond.').waitFor();
    await page.getByTestId('unread-count').getByText('2', { exact: true }).waitFor();
    expect(await page.getByTestId('unread-summary').textContent()).toBe('Je hebt 2 ongelezen meldingen.');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'meldingen');

    // Opening one marks it read and leads to the action on the board; the count follows there too.
    await page.getByRole('button', { name: /Terugvalpreventie bespreken/ }).click();
    const dialog = page.getByTestId('action-dialog');
    await dialog.getByText('Terugvalpreventie bespreken').first().waitFor();
    await page.getByTestId('unread-count').getByText('1', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
    // While the board's stream is open, a new notification still reaches the header.
    await page.getByText('Live bijgewerkt').waitFor();
    await regieApi.post(`/api/households/${jansen}/actions`, { title: 'Urinecontrole plannen', ownerOrganizationId: vz });
    await page.getByTestId('unread-count').getByText('2', { exact: true }).waitFor();

    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: /Meldingen/ })
      .click();
    await page.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
    await page.getByText('Je hebt geen ongelezen meldingen.').waitFor();
    expect(await page.getByTestId('unread-count').count()).toBe(0);
    await vera.context.close();
  });

  it('a notice about a household whose statement is not confirmed says "een casus"; Mijn account tells there is no e-mail here', async () => {
    const jasper = await newUserPage(env.browser, env.server, 'jeugd@jeugdzorg.test');
    const { page } = jasper;
    await page.goto(`${env.server.url}/meldingen`);
    await page.getByText('Je bent toegevoegd aan een casus.').waitFor();
    expect(await page.getByTestId('notification').filter({ hasText: 'HG-2026-0117' }).count()).toBe(0);
    await page.goto(`${env.server.url}/mijn-account`);
    await page.getByTestId('email-unavailable').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await jasper.context.close();
  });
});
