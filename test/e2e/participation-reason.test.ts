// A functioneel beheerder changes who takes part only with a reason, is not offered themself, and the
// regievoerder reads that reason in the Logboek; the beheerder switches accounts off and on.
import { describe, expect, it } from 'vitest';
import { householdIdByReference, newUserPage, screenshot, seriousViolations, useDemoBrowser } from '../support/browser.ts';

const env = useDemoBrowser();

describe('participation changes by the functioneel beheerder', () => {
  it('asks for a reason, does not offer the beheerder themself, and shows the reason in the Logboek', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0142');
    const beheer = await newUserPage(env.browser, env.server, 'beheer@casustafel.test', undefined, { landing: 'Beheer' });
    await beheer.page.goto(`${env.server.url}/huishoudens/${id}`);
    const form = beheer.page.getByRole('form', { name: 'Deelnemer toevoegen' });
    await form.waitFor();
    const options = await form.getByLabel('Gebruiker').locator('option').allTextContents();
    expect(options.some((o) => o.startsWith('Bram Beheer'))).toBe(false);
    await form.getByLabel('Gebruiker').selectOption({ label: options.find((o) => o.startsWith('Wim Wijk'))! });
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await form.getByText('Geef een reden op').waitFor();
    await form.getByLabel('Reden').fill('Wijkteam neemt de nazorg over');
    await screenshot(beheer.page, 'deelnemer-reden-beheerder');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await beheer.page.getByTestId('participant').filter({ hasText: 'Wim Wijk' }).waitFor();
    expect(await seriousViolations(beheer.page)).toEqual([]);
    await beheer.context.close();

    const regie = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    await regie.page.goto(`${env.server.url}/huishoudens/${id}/logboek`);
    await regie.page.getByTestId('audit-reason').filter({ hasText: 'Reden: Wijkteam neemt de nazorg over' }).waitFor();
    await screenshot(regie.page, 'logboek-reden');
    await regie.context.close();
  });

  it('switches an account off from the Beheer page (and on again)', async () => {
    const beheer = await newUserPage(env.browser, env.server, 'beheer@casustafel.test', undefined, { landing: 'Beheer' });
    await beheer.page.goto(`${env.server.url}/beheer`);
    beheer.page.once('dialog', (d) => void d.accept());
    await beheer.page.getByRole('button', { name: 'Uitschakelen: Vera Zorg' }).click();
    await beheer.page.getByRole('button', { name: 'Inschakelen: Vera Zorg' }).waitFor();
    await screenshot(beheer.page, 'beheer-account-uitgeschakeld');
    expect(await beheer.page.getByText('Jouw account').count()).toBe(1);
    await beheer.page.getByRole('button', { name: 'Inschakelen: Vera Zorg' }).click();
    await beheer.page.getByRole('button', { name: 'Uitschakelen: Vera Zorg' }).waitFor();
    await beheer.context.close();
  });
});
