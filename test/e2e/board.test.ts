// The live board in the browser: a claim shows on other screens without reload, a stale second claim is
// refused naming the claimer, and an action made from text in the plan shows as a live chip.
import { describe, expect, it } from 'vitest';
import { householdIdByReference, newUserPage, planIdOf, screenshot, seriousViolations, useDemoBrowser } from '../support/browser.ts';

const env = useDemoBrowser();

describe('live board', () => {
  it('one claims, the others see "Opgepakt door …" live, and a stale claim is refused with the claimer’s name', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0142');
    const boardUrl = `${env.server.url}/huishoudens/${id}/acties`;
    const politie = await newUserPage(env.browser, env.server, 'politie@politie.test');
    const mw = await newUserPage(env.browser, env.server, 'mw@maatschappelijkwerk.test');
    const regie = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    // The regievoerder's screen gets no live events, so it still offers the claim after someone else took it.
    await regie.page.route('**/events?**', (route) => route.abort());

    await mw.page.goto(boardUrl);
    await mw.page.getByText('Live bijgewerkt').waitFor();
    await politie.page.goto(boardUrl);
    await politie.page.getByText('Live bijgewerkt').waitFor();
    await politie.page.getByRole('button', { name: 'Nieuwe actie' }).click();
    await politie.page.getByLabel('Wat moet er gebeuren?').fill('Huisbezoek afleggen bij Sandra');
    await politie.page.getByLabel('Eigenaar (organisatie)').selectOption({ label: 'Politie Rotterdam' });
    await politie.page.getByRole('button', { name: 'Actie aanmaken' }).click();

    // Created on one screen, shown on the other without reloading.
    const mwCard = mw.page.getByTestId('column-open').getByTestId('action-card').filter({ hasText: 'Huisbezoek afleggen bij Sandra' });
    await mwCard.waitFor({ timeout: 3000 });
    await regie.page.goto(boardUrl);
    const regieCard = regie.page.getByTestId('action-card').filter({ hasText: 'Huisbezoek afleggen bij Sandra' });
    await regieCard.getByRole('button', { name: 'Ik pak dit op' }).waitFor();

    const politieCard = politie.page.getByTestId('action-card').filter({ hasText: 'Huisbezoek afleggen bij Sandra' });
    await politieCard.getByRole('button', { name: 'Ik pak dit op' }).click();
    await politie.page.getByTestId('column-claimed').getByText('Huisbezoek afleggen bij Sandra').waitFor();

    const claimed = mw.page.getByTestId('column-claimed').getByTestId('action-card').filter({ hasText: 'Huisbezoek afleggen bij Sandra' });
    await claimed.getByTestId('claimed-by').waitFor({ timeout: 2000 });
    expect(await claimed.getByTestId('claimed-by').textContent()).toContain('Opgepakt door Peter Post (Politie Rotterdam)');
    await screenshot(mw.page, 'wie-doet-wat');
    expect(await seriousViolations(mw.page)).toEqual([]);

    await regieCard.getByRole('button', { name: 'Ik pak dit op' }).click();
    const notice = regie.page.getByTestId('board-notice');
    await notice.getByText('Dit is al opgepakt door Peter Post (Politie Rotterdam).').waitFor();
    // The refusal brought the current state along: the card now shows who has it.
    await regie.page.getByTestId('column-claimed').getByText('Huisbezoek afleggen bij Sandra').waitFor();
    for (const u of [politie, mw, regie]) await u.context.close();
  });

  it('text selected in the plan becomes an action with a chip whose status follows the board', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0142');
    const planId = await planIdOf(env.server, id);
    const regie = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    const { page } = regie;
    await page.goto(`${env.server.url}/huishoudens/${id}/documenten/${planId}`);
    await page.getByText('Verbonden').waitFor();
    await page.getByRole('heading', { name: 'Afspraken' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Mark meldt zich bij verslavingszorg');
    await page.keyboard.press('Shift+Home');
    await page.getByRole('button', { name: 'Actie maken' }).click();
    const form = page.getByRole('form', { name: 'Actie aanmaken' });
    expect(await form.getByLabel('Wat moet er gebeuren?').inputValue()).toBe('Mark meldt zich bij verslavingszorg');
    await form.getByLabel('Eigenaar (organisatie)').selectOption({ label: 'Verslavingszorg Rijnmond' });
    await form.getByRole('button', { name: 'Actie aanmaken' }).click();
    const chip = page.getByTestId('action-chip').filter({ hasText: 'Mark meldt zich bij verslavingszorg' });
    await chip.waitFor();
    expect(await chip.getAttribute('data-status')).toBe('open');
    expect(await chip.textContent()).toContain('Verslavingszorg Rijnmond');
    await screenshot(page, 'plan-met-actie');

    // The owner claims and completes it on the board; the chip in the open plan follows live.
    const vz = await newUserPage(env.browser, env.server, 'vz@verslavingszorg.test');
    await vz.page.goto(`${env.server.url}/huishoudens/${id}/acties`);
    const card = vz.page.getByTestId('action-card').filter({ hasText: 'Mark meldt zich bij verslavingszorg' });
    await card.getByRole('button', { name: 'Ik pak dit op' }).click();
    await expect.poll(() => chip.getAttribute('data-status'), { timeout: 3000 }).toBe('claimed');
    await card.getByRole('button', { name: 'Afronden…' }).click();
    const dialog = vz.page.getByTestId('action-dialog');
    await dialog.getByLabel('Afsluitende notitie').fill('Intake heeft plaatsgevonden');
    await dialog.getByRole('button', { name: 'Afronden', exact: true }).click();
    await expect.poll(() => chip.getAttribute('data-status'), { timeout: 3000 }).toBe('done');

    // Clicking the chip opens the action with its history.
    await chip.getByRole('button').click();
    const opened = page.getByTestId('action-dialog');
    await opened.getByText('Intake heeft plaatsgevonden').first().waitFor();
    await expect.poll(() => opened.getByTestId('action-history').locator('li').count()).toBe(3);
    await regie.context.close();
    await vz.context.close();
  });

  it('the regievoerder overview and the admin page pass the accessibility check', async () => {
    const regie = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    await regie.page.goto(`${env.server.url}/overzicht`);
    await regie.page.getByTestId('overview-household').first().waitFor();
    expect(await regie.page.getByTestId('overview-household').count()).toBe(3);
    await screenshot(regie.page, 'overzicht');
    expect(await seriousViolations(regie.page)).toEqual([]);
    await regie.context.close();
    const admin = await newUserPage(env.browser, env.server, 'beheer@casustafel.test', undefined, { landing: 'Beheer' });
    await admin.page.goto(`${env.server.url}/beheer`);
    await admin.page.getByRole('heading', { name: 'Accounts' }).waitFor();
    await admin.page.getByRole('cell', { name: 'wijkteam@wijkteam.test' }).waitFor();
    await screenshot(admin.page, 'beheer');
    expect(await seriousViolations(admin.page)).toEqual([]);
    await admin.context.close();
  });
});
