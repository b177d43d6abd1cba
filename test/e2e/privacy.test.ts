// Closing, retention and destruction in the browser: the regievoerder closes a case with a reason and sees
// it read-only with its destruction date; the functioneel beheerder destroys a case on the vernietigingslijst.
import { describe, expect, it } from 'vitest';
import { householdIdByReference, newUserPage, screenshot, seriousViolations, useDemoBrowser } from '../support/browser.ts';

const env = useDemoBrowser();

describe('closing and destruction', () => {
  it('the regievoerder closes a case with a reason; it is read-only, shows its destruction date and moves to Gesloten casussen', async () => {
    const id = await householdIdByReference(env.server, 'HG-2025-0388');
    const { page, context } = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    await page.goto(`${env.server.url}/huishoudens/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Gezin De Vries' }).waitFor();
    await page.getByRole('button', { name: 'Casus sluiten' }).click();
    const form = page.getByRole('form', { name: 'Casus sluiten' });
    await form.getByLabel('Reden van sluiten').selectOption('anders');
    await form.getByRole('button', { name: 'Casus sluiten' }).click();
    // "anders" needs a note: the browser keeps the form open until one is given.
    await form.getByLabel('Toelichting').fill('Ouders wonen niet meer samen; hulp loopt via het wijkteam');
    await form.getByRole('button', { name: 'Casus sluiten' }).click();
    const banner = page.getByTestId('closure');
    await banner.waitFor();
    const text = await banner.textContent();
    expect(text).toMatch(/Gesloten op \d{1,2} \w+ \d{4} — wordt vernietigd na \d{1,2} \w+ \d{4}/);
    expect(text).toContain('Anders (Ouders wonen niet meer samen');
    // Read-only for everyone: no change buttons, but reopening for the regievoerder.
    expect(await page.getByRole('button', { name: 'Casus sluiten' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Grondslag wijzigen' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Casus heropenen' }).waitFor();
    await screenshot(page, 'casus-gesloten');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(env.server.url + '/');
    await page.getByRole('heading', { name: 'Gesloten casussen' }).waitFor();
    expect(await page.getByTestId('household-row').filter({ hasText: 'HG-2025-0388' }).count()).toBe(0);
    expect(await page.getByTestId('closed-household-row').filter({ hasText: 'HG-2025-0388' }).count()).toBe(1);
    await screenshot(page, 'mijn-casussen-gesloten');
    await context.close();
  });

  it('the functioneel beheerder destroys a case from the vernietigingslijst after confirming', async () => {
    const { page, context } = await newUserPage(env.browser, env.server, 'beheer@casustafel.test', undefined, { landing: 'Beheer' });
    await page.goto(env.server.url + '/beheer');
    const list = page.getByTestId('destruction-list');
    const row = list.getByTestId('destruction-row').filter({ hasText: 'HG-2020-0031' });
    await row.waitFor();
    expect(await list.getByTestId('destruction-row').filter({ hasText: 'HG-2025-0211' }).count()).toBe(0);
    await screenshot(page, 'vernietigingslijst');
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole('button', { name: 'Vernietigen…' }).click();
    await row.getByRole('button', { name: 'Definitief vernietigen' }).click();
    await list.getByText('Casus HG-2020-0031 is vernietigd.').waitFor();
    await list.getByTestId('destroyed-list').getByText('HG-2020-0031').waitFor();
    expect(await list.getByTestId('destruction-row').count()).toBe(0);
    expect(await env.server.database.db.query.households.findFirst({ where: (t, { eq }) => eq(t.reference, 'HG-2020-0031') })).toBeUndefined();
    await context.close();
  });
});
