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
});
