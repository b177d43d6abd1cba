// What the screen says is true, in two browsers at once: a removed participant's open pages clear within 3 s
// and their offline copies go; logout ends every tab; attendance, evaluation, versions, participants and
// "Mijn casussen" follow live; a concurrent evaluation conflict says so; the reopen reason is shown; the plan
// with chips passes axe; times are Amsterdam time on a computer in another zone; refusals offer no retry.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { householdIdByReference, newUserPage, planIdOf, screenshot, seriousViolations, useDemoBrowser } from '../support/browser.ts';

const env = useDemoBrowser();

/** A same-origin API call from the page (the Origin check passes like for the app itself). */
const call = (page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ([m, p, b]) =>
      (await fetch(p as string, { method: m as string, headers: b ? { 'content-type': 'application/json' } : {}, body: b ? JSON.stringify(b) : undefined }))
        .status,
    [method, path, body] as const,
  );
const offlineCopies = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('casustafel:')));
const userId = async (email: string) => (await env.server.database.db.query.users.findFirst({ where: (t, { eq }) => eq(t.email, email) }))!.id;

/** The demo's own first casusoverleg of the household (its minutes have attendance and an evaluation). */
async function meetingIdOf(householdId: string) {
  const d = await env.server.database.db.query.documents.findFirst({
    where: (t, { and, eq }) => and(eq(t.householdId, householdId), eq(t.title, 'Startoverleg')),
  });
  return d!.id;
}

describe('gone means gone', () => {
  it('a removed partner’s plan and board clear within 3 s, with a way back, and the offline copy is deleted', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0142');
    const planId = await planIdOf(env.server, id);
    const regie = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    const mw = await newUserPage(env.browser, env.server, 'mw@maatschappelijkwerk.test');
    const plan = mw.page;
    await plan.goto(`${env.server.url}/huishoudens/${id}/documenten/${planId}`);
    await plan.getByText('Verbonden').waitFor();
    await plan.getByTestId('action-chip').first().waitFor();
    const board = await mw.context.newPage();
    await board.goto(`${env.server.url}/huishoudens/${id}/acties`);
    await board.getByTestId('action-card').first().waitFor();
    await expect.poll(() => offlineCopies(plan)).toContain(`casustafel:${planId}`);

    // The regievoerder removes her on the household page; that page's participant list follows at once.
    await regie.page.goto(`${env.server.url}/huishoudens/${id}`);
    regie.page.once('dialog', (d) => void d.accept());
    const started = Date.now();
    await regie.page.getByRole('button', { name: 'Mila Werkman verwijderen' }).click();
    await plan.getByTestId('case-gone').waitFor({ timeout: 3000 });
    await board.getByTestId('case-gone').waitFor({ timeout: 3000 });
    const clearedMs = Date.now() - started;
    expect(clearedMs).toBeLessThan(3000);
    for (const page of [plan, board]) {
      expect(await page.getByTestId('editor').count()).toBe(0);
      expect(await page.getByTestId('action-chip').count()).toBe(0);
      expect(await page.getByTestId('action-card').count()).toBe(0);
      expect(await page.getByRole('link', { name: /PDF|Afdrukbare versie/ }).count()).toBe(0);
      expect(await page.getByText('Je kijkt mee').count()).toBe(0);
      expect(await page.getByText('Gezin Jansen').count()).toBe(0);
      await page.getByText('Je neemt niet meer deel aan dit huishouden.').waitFor();
    }
    await screenshot(plan, 'geen-toegang-meer');
    expect(await seriousViolations(plan)).toEqual([]);
    await expect.poll(() => offlineCopies(plan), { timeout: 3000 }).not.toContain(`casustafel:${planId}`);
    await expect.poll(() => regie.page.getByTestId('participant').filter({ hasText: 'Mila Werkman' }).count()).toBe(0);
    // The way back.
    await plan.getByRole('link', { name: 'Naar Mijn casussen', exact: true }).click();
    await plan.getByRole('heading', { name: 'Mijn casussen' }).waitFor();
    expect(await plan.getByTestId('household-row').filter({ hasText: 'HG-2026-0142' }).count()).toBe(0);

    // Added again: the household is back in her list without a reload.
    expect(await call(regie.page, 'POST', `/api/households/${id}/participants`, { userId: await userId('mw@maatschappelijkwerk.test'), role: 'partner' })).toBe(
      201,
    );
    await plan.getByTestId('household-row').filter({ hasText: 'HG-2026-0142' }).waitFor({ timeout: 3000 });
    await regie.context.close();
    await mw.context.close();
  });

  it('logging out in one tab signs out the others and deletes every offline copy in this browser', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0142');
    const planId = await planIdOf(env.server, id);
    const politie = await newUserPage(env.browser, env.server, 'politie@politie.test');
    const plan = politie.page;
    await plan.goto(`${env.server.url}/huishoudens/${id}/documenten/${planId}`);
    await plan.getByText('Verbonden').waitFor();
    await expect.poll(() => offlineCopies(plan)).toContain(`casustafel:${planId}`);
    const other = await politie.context.newPage();
    await other.goto(`${env.server.url}/`);
    await other.getByRole('button', { name: 'Uitloggen' }).click();
    await plan.getByRole('heading', { name: 'Inloggen' }).waitFor({ timeout: 3000 });
    await plan.getByRole('alert').filter({ hasText: 'Je bent uitgelogd' }).waitFor();
    await screenshot(plan, 'uitgelogd-in-ander-tabblad');
    expect(await plan.getByTestId('editor').count()).toBe(0);
    await expect.poll(() => offlineCopies(plan), { timeout: 3000 }).toEqual([]);
    await politie.context.close();
  });
});

describe('live means live', () => {
  it('attendance and evaluations reach the other screen; a concurrent evaluation edit is refused and says so', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0142');
    const meetingUrl = `${env.server.url}/huishoudens/${id}/documenten/${await meetingIdOf(id)}`;
    const regie = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    const jeugd = await newUserPage(env.browser, env.server, 'jeugd@jeugdzorg.test');
    for (const p of [regie.page, jeugd.page]) {
      await p.goto(meetingUrl);
      await p.getByText('Verbonden').waitFor();
      await p.getByTestId('evaluation-item').first().waitFor();
    }
    // The seeded attendance shows; a new mark reaches the partner's read-only list.
    const jasperThere = jeugd.page.getByTestId('attendance-row').filter({ hasText: 'Jasper Jong' });
    expect(await jasperThere.textContent()).toContain('—');
    await regie.page.getByTestId('attendance-row').filter({ hasText: 'Jasper Jong' }).getByLabel('Aanwezig').check();
    await expect.poll(() => jasperThere.textContent(), { timeout: 3000 }).toContain('Aanwezig');

    // A verdict given by the partner shows on the regievoerder's screen.
    const title = 'Intake Mark bij verslavingszorg';
    const mine = jeugd.page.getByTestId('evaluation-item').filter({ hasText: title });
    const theirs = regie.page.getByTestId('evaluation-item').filter({ hasText: title });
    await mine.getByLabel('Loopt').check();
    await mine.getByText('Opgeslagen').waitFor();
    await expect.poll(() => theirs.getByLabel('Loopt').isChecked(), { timeout: 3000 }).toBe(true);

    // The partner types a note; meanwhile the regievoerder changes the verdict. The partner's note is not
    // saved over it silently: the screen says so, shows the stored verdict, and repeats what they typed.
    await mine.getByPlaceholder('Korte toelichting').fill('Mark heeft nog geen afspraak');
    await theirs.getByLabel('Niet gelukt').check();
    await theirs.getByLabel('Waarom niet gelukt?').selectOption('omstandigheden_gewijzigd');
    await theirs.getByPlaceholder('Korte toelichting').fill('Mark is opgenomen');
    await theirs.getByPlaceholder('Korte toelichting').blur();
    await theirs.getByText('Opgeslagen').waitFor();
    await mine.getByPlaceholder('Korte toelichting').blur();
    const conflict = mine.getByTestId('evaluation-conflict');
    await conflict.waitFor({ timeout: 3000 });
    expect(await conflict.textContent()).toMatch(/Rianne de Regie .*heeft deze evaluatie intussen gewijzigd.*Mark heeft nog geen afspraak/);
    expect(await mine.getByLabel('Niet gelukt', { exact: true }).isChecked()).toBe(true);
    await screenshot(jeugd.page, 'evaluatie-conflict');
    expect(await seriousViolations(jeugd.page)).toEqual([]);
    await regie.context.close();
    await jeugd.context.close();
  });

  it('versions, participants, Mijn casussen and the reopen reason follow live; the Logboek names the case', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0117');
    const regie = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    const vz = await newUserPage(env.browser, env.server, 'vz@verslavingszorg.test');
    const wim = await newUserPage(env.browser, env.server, 'wijkteam@wijkteam.test');
    const r = regie.page;

    // Mijn casussen and the participant list: Wim is added, and both screens show it without a reload.
    await vz.page.goto(`${env.server.url}/huishoudens/${id}`);
    await vz.page.getByTestId('participant').first().waitFor();
    expect(await wim.page.getByTestId('household-row').count()).toBe(0);
    await r.goto(`${env.server.url}/huishoudens/${id}`);
    await r.getByLabel('Gebruiker').selectOption({ label: 'Wim Wijk (Wijkteam Feijenoord)' });
    await r.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await wim.page.getByTestId('household-row').filter({ hasText: 'HG-2026-0117' }).waitFor({ timeout: 3000 });
    await vz.page.getByTestId('participant').filter({ hasText: 'Wim Wijk' }).waitFor({ timeout: 3000 });

    // A meeting planned, a version saved by the regievoerder appears in the partner's open list.
    await r.getByRole('button', { name: 'Casusoverleg plannen' }).click();
    await r.getByLabel('Titel').fill('Voortgangsoverleg');
    await r.getByRole('button', { name: 'Overleg plannen' }).click();
    await r.getByRole('heading', { level: 1, name: 'Voortgangsoverleg' }).waitFor();
    const meetingUrl = r.url();
    await r.getByText('Verbonden').waitFor();
    await vz.page.goto(meetingUrl);
    await vz.page.getByText('Verbonden').waitFor();
    await vz.page.getByText('Nog geen versies vastgelegd.').waitFor();
    await r.getByLabel('Naam van de versie').fill('Tussenstand agenda');
    await r.getByRole('button', { name: 'Versie vastleggen' }).click();
    await vz.page.getByTestId('versions').getByText('Tussenstand agenda').waitFor({ timeout: 3000 });

    // Vaststellen and heropenen with a reason: the partner's screen shows the reason.
    await r.getByRole('button', { name: 'Verslag vaststellen' }).click();
    await r.getByRole('button', { name: 'Vaststellen', exact: true }).click();
    await vz.page.getByText('Dit verslag is vastgesteld').waitFor({ timeout: 3000 });
    await vz.page
      .getByTestId('versions')
      .getByText(/Vastgesteld verslag/)
      .waitFor({ timeout: 3000 });
    await r.getByRole('button', { name: 'Verslag heropenen' }).click();
    await r.getByLabel('Reden voor heropenen').fill('Afspraak over de woning ontbrak');
    await r.getByRole('button', { name: 'Heropenen', exact: true }).click();
    const reason = vz.page.getByTestId('reopen-reason');
    await reason.waitFor({ timeout: 3000 });
    expect(await reason.textContent()).toMatch(/heropend door Rianne de Regie\. Reden: Afspraak over de woning ontbrak/);
    await screenshot(vz.page, 'verslag-heropend');
    expect(await seriousViolations(vz.page)).toEqual([]);

    // The Logboek: breadcrumb with the case reference, the reason with the entry.
    await r.goto(`${env.server.url}/huishoudens/${id}/logboek`);
    await r.getByTestId('audit-reason').filter({ hasText: 'Afspraak over de woning ontbrak' }).waitFor();
    expect(await r.getByTestId('audit-breadcrumb-household').textContent()).toBe('HG-2026-0117 Huishouden El Amrani');
    await screenshot(r, 'logboek');

    // Removed again: the row leaves Wim's list.
    r.once('dialog', (d) => void d.accept());
    await r.goto(`${env.server.url}/huishoudens/${id}`);
    await r.getByRole('button', { name: 'Wim Wijk verwijderen' }).click();
    await expect.poll(() => wim.page.getByTestId('household-row').count(), { timeout: 3000 }).toBe(0);
    for (const c of [regie, vz, wim]) await c.context.close();
  });
});

describe('smaller things a user hit', () => {
  it('the demo plan with action chips passes axe', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0142');
    const regie = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    await regie.page.goto(`${env.server.url}/huishoudens/${id}/documenten/${await planIdOf(env.server, id)}`);
    await regie.page.getByText('Verbonden').waitFor();
    await expect.poll(() => regie.page.getByTestId('action-chip').count()).toBeGreaterThanOrEqual(3);
    // The chip's name is what it shows (after one hidden word), so voice control can say it.
    const chip = regie.page.getByTestId('action-chip').filter({ hasText: 'Intake Mark bij verslavingszorg' }).getByRole('button');
    expect(await chip.evaluate((b) => b.getAttribute('aria-label'))).toBeNull();
    await regie.page.getByRole('button', { name: /^Actie: Open Intake Mark bij verslavingszorg Verslavingszorg Rijnmond/ }).waitFor();
    await screenshot(regie.page, 'plan-met-chips');
    expect(await seriousViolations(regie.page)).toEqual([]);
    await regie.context.close();
  });

  it('a meeting typed as 14:00 is 14:00 on computers set to UTC and to New York', async () => {
    const id = await householdIdByReference(env.server, 'HG-2025-0388');
    const utc = await newUserPage(env.browser, env.server, 'regie@gemeente.test', undefined, { timezoneId: 'UTC' });
    await utc.page.goto(`${env.server.url}/huishoudens/${id}`);
    await utc.page.getByRole('button', { name: 'Casusoverleg plannen' }).click();
    await utc.page.getByLabel('Titel').fill('Overleg om twee uur');
    await utc.page.getByLabel('Datum en tijd').fill('2026-12-03T14:00');
    await utc.page.getByRole('button', { name: 'Overleg plannen' }).click();
    await utc.page.getByText('Casusoverleg op 3 december 2026 om 14:00').waitFor();
    const ny = await newUserPage(env.browser, env.server, 'mw@maatschappelijkwerk.test', undefined, { timezoneId: 'America/New_York' });
    await ny.page.goto(`${env.server.url}/huishoudens/${id}`);
    await ny.page.getByRole('link', { name: 'Overleg om twee uur' }).waitFor();
    expect(await ny.page.getByRole('listitem').filter({ hasText: 'Overleg om twee uur' }).textContent()).toContain('3 december 2026 om 14:00');
    const stored = await env.server.database.db.query.documents.findFirst({ where: (t, { eq }) => eq(t.title, 'Overleg om twee uur') });
    expect(stored!.meetingAt!.toISOString()).toBe('2026-12-03T13:00:00.000Z');
    await utc.context.close();
    await ny.context.close();
  });

  it('refusals offer the way back, not a retry; the beheerder lands on Beheer; the phone overview fits; Mijn casussen sorts stably', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0142');
    const wim = await newUserPage(env.browser, env.server, 'wijkteam@wijkteam.test');
    for (const path of [
      `/huishoudens/${id}`,
      `/huishoudens/${id}/acties`,
      `/huishoudens/${id}/logboek`,
      `/huishoudens/${id}/documenten/${await planIdOf(env.server, id)}`,
    ]) {
      await wim.page.goto(env.server.url + path);
      await wim.page.getByTestId('page-error').waitFor();
      expect(await wim.page.getByRole('button', { name: 'Opnieuw proberen' }).count()).toBe(0);
      await wim.page.getByRole('link', { name: 'Naar Mijn casussen', exact: true }).waitFor();
    }
    await wim.context.close();

    const admin = await newUserPage(env.browser, env.server, 'beheer@casustafel.test', undefined, { landing: 'Beheer' });
    expect(new URL(admin.page.url()).pathname).toBe('/beheer');
    await admin.context.close();

    const phone = await newUserPage(env.browser, env.server, 'regie@gemeente.test', undefined, { viewport: { width: 390, height: 844 } });
    const fits = () => phone.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    expect(await fits()).toBe(true);
    await screenshot(phone.page, 'mijn-casussen-390');
    await phone.page.goto(`${env.server.url}/overzicht`);
    await phone.page.getByTestId('overview-household').first().waitFor();
    expect(await fits()).toBe(true);
    await screenshot(phone.page, 'overzicht-390');
    await phone.context.close();

    const regie = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    const refs = () => regie.page.getByTestId('household-row').locator('td:first-child').allTextContents();
    await regie.page.getByTestId('households-order').selectOption('reference');
    expect(await refs()).toEqual(['HG-2025-0388', 'HG-2026-0117', 'HG-2026-0142']);
    await regie.page.getByTestId('households-order').selectOption('urgency');
    const byUrgency = await refs();
    expect(byUrgency[0]).toBe('HG-2026-0142'); // the running huisverbod, its plan due soonest
    // Work in a household does not reorder the list.
    expect(await call(regie.page, 'PATCH', `/api/households/${id}`, { displayName: 'Gezin Jansen' })).toBe(200);
    await regie.page.reload();
    await regie.page.getByTestId('household-row').first().waitFor();
    expect(await refs()).toEqual(byUrgency);
    expect(await regie.page.getByTestId('households-order').inputValue()).toBe('urgency');
    await regie.context.close();
  });
});
