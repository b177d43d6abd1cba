// Browser smoke test: the regievoerder sees the demo households and opens one; an outsider sees none.
import { describe, expect, it } from 'vitest';
import { newUserPage, screenshot, seriousViolations, useDemoBrowser } from '../support/browser.ts';

const env = useDemoBrowser();

describe('smoke', () => {
  it('the regievoerder logs in, sees the three demo households and opens one', async () => {
    const { page, context } = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    const rows = page.getByTestId('household-row');
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(() => page.getByRole('link', { name: 'HG-2026-0142' }).isVisible()).toBe(true);
    await screenshot(page, 'mijn-casussen');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'HG-2026-0142' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gezin Jansen' }).waitFor();
    expect(await page.getByTestId('huisverbod-day').textContent()).toBe('Dag 4 van 10');
    expect(await page.getByTestId('participant').count()).toBe(5);
    await expect.poll(() => page.getByText('Sandra').isVisible()).toBe(true);
    await screenshot(page, 'huishouden');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('the login page is accessible and the household page fits a meeting-room screen', async () => {
    const context = await env.browser.newContext({ locale: 'nl-NL', viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(env.server.url + '/');
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('E-mailadres').fill('regie@gemeente.test');
    await page.getByLabel('Wachtwoord').fill('verkeerd-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByText('E-mailadres of wachtwoord klopt niet.').waitFor();
    await screenshot(page, 'inloggen-fout');
    await page.getByLabel('Wachtwoord').fill('casustafel-demo');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('link', { name: 'HG-2026-0142' }).click();
    await page.getByTestId('huisverbod-day').waitFor();
    // Two columns side by side on a wide screen: the main column and the side column start at the same height.
    const main = await page.locator('.ct-grid__main').boundingBox();
    const side = await page.locator('.ct-grid__side').boundingBox();
    expect(side!.x).toBeGreaterThan(main!.x + main!.width - 1);
    await screenshot(page, 'huishouden-groot-scherm');
    await context.close();
  });

  it('a user who takes part in no household sees none, and cannot open one by its address', async () => {
    const { page, context } = await newUserPage(env.browser, env.server, 'wijkteam@wijkteam.test');
    await page.getByText('Je neemt nog aan geen enkel huishouden deel.').waitFor();
    expect(await page.getByTestId('household-row').count()).toBe(0);
    const [someId] = (await env.server.database.db.query.households.findMany({ columns: { id: true } })).map((h) => h.id);
    await page.goto(`${env.server.url}/huishoudens/${someId}`);
    await page.getByText('Dit huishouden bestaat niet of je neemt er niet aan deel.').waitFor();
    expect(await page.getByText('Gezin').count()).toBe(0);
    await context.close();
  });

  it('the functioneel beheerder creates an organisation, an account and a household; its regievoerder adds a participant', async () => {
    const admin = await newUserPage(env.browser, env.server, 'beheer@casustafel.test', undefined, { landing: 'Beheer' });
    const { page } = admin;
    await page.getByRole('link', { name: 'Beheer' }).click();
    const orgForm = page.getByRole('form', { name: 'Organisatie aanmaken' });
    await orgForm.getByLabel('Naam').fill('Wijkteam Charlois');
    await orgForm.getByLabel('Soort').selectOption('wijkteam');
    await orgForm.getByRole('button', { name: 'Aanmaken' }).click();
    await orgForm.getByText('Organisatie aangemaakt.').waitFor();

    const userForm = page.getByRole('form', { name: 'Account aanmaken' });
    await userForm.getByLabel('Naam').fill('Noor Nieuw');
    await userForm.getByLabel('E-mailadres').fill('noor@charlois.test');
    await userForm.getByLabel('Organisatie').selectOption({ label: 'Wijkteam Charlois' });
    await userForm.getByLabel('Tijdelijk wachtwoord').fill('een-lang-wachtwoord');
    await userForm.getByRole('button', { name: 'Aanmaken' }).click();
    await userForm.getByText('Account aangemaakt.').waitFor();

    const hhForm = page.getByRole('form', { name: 'Huishouden aanmaken' });
    await hhForm.getByLabel('Kenmerk').fill('HG-2026-0200');
    await hhForm.getByLabel('Naam huishouden').fill('Gezin Bakker');
    await hhForm.getByLabel('Regievoerder').selectOption({ label: 'Noor Nieuw (Wijkteam Charlois)' });
    await hhForm.getByLabel('Grondslag voor delen').selectOption({ label: 'Huisverbod (Wet tijdelijk huisverbod)' });
    await hhForm.getByLabel('Ingebracht door').selectOption({ label: 'Politie Rotterdam' });
    await hhForm.getByRole('button', { name: 'Aanmaken' }).click();
    await hhForm.getByText('Huishouden aangemaakt').waitFor();
    await page.getByRole('link', { name: 'HG-2026-0200' }).waitFor();
    await screenshot(page, 'beheer-aangemaakt');
    await admin.context.close();

    const noor = await newUserPage(env.browser, env.server, 'noor@charlois.test', 'een-lang-wachtwoord');
    await noor.page.getByRole('link', { name: 'HG-2026-0200' }).click();
    // First time in this household: the geheimhoudingsverklaring, then the household opens.
    const statement = noor.page.getByTestId('statement-gate');
    await statement.getByLabel('Ik heb de verklaring gelezen en houd mij eraan').check();
    await statement.getByRole('button', { name: 'Bevestigen en openen' }).click();
    await noor.page.getByRole('heading', { level: 1, name: 'Gezin Bakker' }).waitFor();
    const grondslag = noor.page.getByTestId('grondslag');
    await grondslag.getByText('Huisverbod (Wet tijdelijk huisverbod)').waitFor();
    await grondslag.getByText('Politie Rotterdam').waitFor();
    await grondslag.getByRole('button', { name: 'Grondslag wijzigen' }).click();
    const change = noor.page.getByRole('form', { name: 'Grondslag wijzigen' });
    await change.getByLabel('Grondslag voor delen').selectOption({ label: 'Toestemming betrokkene(n)' });
    await change.getByLabel('Reden van de wijziging').fill('Ouders gaven schriftelijk toestemming');
    await change.getByRole('button', { name: 'Opslaan' }).click();
    await grondslag.getByText('Toestemming betrokkene(n)').waitFor();
    const add = noor.page.getByRole('form', { name: 'Deelnemer toevoegen' });
    await add.getByLabel('Gebruiker').selectOption({ label: 'Peter Post (Politie Rotterdam)' });
    await add.getByRole('button', { name: 'Toevoegen' }).click();
    await noor.page.getByTestId('participant').filter({ hasText: 'Peter Post' }).waitFor();
    await noor.context.close();

    const politie = await newUserPage(env.browser, env.server, 'politie@politie.test');
    await politie.page.getByRole('link', { name: 'HG-2026-0200' }).waitFor();
    await politie.context.close();
  });
});
