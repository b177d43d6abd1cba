// The regional casusoverleg in the browser, on the demo data: the planned casusoverleg with three households on
// its agenda; meeting mode on two screens, where the partner's screen follows the chair's "Volgende casus" and
// shows the household the partner does not take part in only as "Besloten casus"; the presentation layout for
// the room's big screen; the overview after closing. Every page passes axe.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { casusoverleggen } from '../../server/db/schema.ts';
import { DEMO_CASUSOVERLEG_TITLE } from '../../server/seed/demo-casusoverleg.ts';
import { newUserPage, screenshot, seriousViolations, useDemoBrowser } from '../support/browser.ts';

const env = useDemoBrowser();

async function demoCasusoverlegId() {
  const [row] = await env.server.database.db.select().from(casusoverleggen).where(eq(casusoverleggen.title, DEMO_CASUSOVERLEG_TITLE));
  return row!.id;
}

describe('casusoverleggen', () => {
  it('the demo casusoverleg is planned with three households; a partner sees the third as "Besloten casus"', async () => {
    const regie = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    await regie.page.getByRole('link', { name: 'Casusoverleggen' }).click();
    const row = regie.page.getByTestId('casusoverleg-row').filter({ hasText: DEMO_CASUSOVERLEG_TITLE });
    await row.waitFor();
    expect(await row.textContent()).toContain('3 huishoudens');
    expect(await seriousViolations(regie.page)).toEqual([]);
    await row.getByRole('link', { name: DEMO_CASUSOVERLEG_TITLE }).click();
    await regie.page.getByTestId('agenda-item').nth(2).waitFor();
    const items = await regie.page.getByTestId('agenda-item').allTextContents();
    expect(items).toHaveLength(3);
    expect(items[0]).toContain('HG-2026-0142');
    expect(items[1]).toContain('HG-2026-0117');
    expect(items[2]).toContain('HG-2025-0388');
    expect(items[0]).toMatch(/09:30.10:10|09:30.09:50/);
    await screenshot(regie.page, 'casusoverleg-agenda');
    expect(await seriousViolations(regie.page)).toEqual([]);

    const politie = await newUserPage(env.browser, env.server, 'politie@politie.test');
    await politie.page.goto(`${env.server.url}/casusoverleggen/${await demoCasusoverlegId()}`);
    await politie.page.getByTestId('agenda-item').nth(2).waitFor();
    const seen = await politie.page.getByTestId('agenda-item').allTextContents();
    expect(seen[2]).toContain('Besloten casus');
    const text = (await politie.page.locator('main').textContent()) ?? '';
    for (const hidden of ['HG-2025-0388', 'De Vries']) expect(text).not.toContain(hidden);
    expect(await politie.page.getByRole('button', { name: /Van de agenda halen/ }).count()).toBe(0);
    expect(await seriousViolations(politie.page)).toEqual([]);
    await regie.context.close();
    await politie.context.close();
  });

  it('meeting mode on two screens: the partner’s screen follows the chair’s "Volgende casus"; presentation layout; overview', async () => {
    const id = await demoCasusoverlegId();
    const url = `${env.server.url}/casusoverleggen/${id}/vergadering`;
    const chair = await newUserPage(env.browser, env.server, 'regie@gemeente.test', undefined, { viewport: { width: 1920, height: 1080 } });
    const partner = await newUserPage(env.browser, env.server, 'politie@politie.test');
    await Promise.all([chair.page.goto(`${url}?weergave=presentatie`), partner.page.goto(url)]);
    const followed = (p: typeof partner.page) => p.getByTestId('current-item');
    await partner.page.getByText('Het overleg is nog niet gestart.').waitFor();
    await partner.page.getByText('Live bijgewerkt').waitFor();
    // Only the chair moves the meeting on.
    expect(await partner.page.getByRole('button', { name: /Overleg starten|Volgende casus/ }).count()).toBe(0);
    // The big screen: no site header, the casus in large type.
    await chair.page.getByTestId('meeting-mode').waitFor();
    expect(await chair.page.locator('header.ct-header').isVisible()).toBe(false);

    await chair.page.getByRole('button', { name: 'Overleg starten' }).click();
    await followed(partner.page).filter({ hasText: 'HG-2026-0142' }).waitFor();
    await partner.page.getByTestId('plan-summary').waitFor();
    expect(await partner.page.getByTestId('plan-summary').textContent()).toContain('huisverbod');
    await partner.page.getByTestId('evaluation-item').first().waitFor();
    expect(await seriousViolations(partner.page)).toEqual([]);
    await screenshot(chair.page, 'vergadermodus-presentatie');

    await chair.page.getByRole('button', { name: 'Volgende casus' }).click();
    await followed(partner.page).filter({ hasText: 'HG-2026-0117' }).waitFor();
    await chair.page.getByRole('button', { name: 'Volgende casus' }).click();
    await followed(chair.page).filter({ hasText: 'HG-2025-0388' }).waitFor();
    await followed(partner.page).filter({ hasText: 'Besloten casus' }).waitFor();
    const partnerText = (await partner.page.locator('main').textContent()) ?? '';
    for (const hidden of ['HG-2025-0388', 'De Vries', 'Anouk', 'Lotte']) expect(partnerText).not.toContain(hidden);
    await screenshot(partner.page, 'vergadermodus-laptop-besloten');
    expect(await seriousViolations(partner.page)).toEqual([]);
    expect(await seriousViolations(chair.page)).toEqual([]);

    // The last casus: the chair closes the meeting; the partner's screen says so and offers the overview.
    await chair.page.getByRole('button', { name: 'Overleg sluiten' }).click();
    await partner.page.getByText('Het overleg is gesloten.').waitFor();
    await partner.page.getByRole('link', { name: 'Overzicht van afspraken' }).click();
    await partner.page.getByRole('heading', { level: 1, name: `Afspraken uit ${DEMO_CASUSOVERLEG_TITLE}` }).waitFor();
    expect(await partner.page.locator('main').textContent()).not.toContain('HG-2025-0388');
    expect(await seriousViolations(partner.page)).toEqual([]);
    await chair.context.close();
    await partner.context.close();
  });
});
