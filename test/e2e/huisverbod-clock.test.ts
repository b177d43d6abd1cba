// The huisverbod clock, herhaald incident and evaluations that tell why, in the browser with a fixed clock: the
// regievoerder records the burgemeester's decision on the timeline (a partner's open page follows), the herhaald
// badge shows in Mijn casussen, on the household and in the overview, and "niet gelukt" asks why before it saves.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { actionEvaluations, documents } from '../../server/db/schema.ts';
import { householdIdByReference, newUserPage, screenshot, seriousViolations, useDemoBrowser } from '../support/browser.ts';

// 23 November 2026, 10:00 in Amsterdam: Gezin Jansen's huisverbod started on 20 November (day 0).
const NOW = new Date('2026-11-23T09:00:00Z');
const env = useDemoBrowser({ fixedNow: NOW });

describe('huisverbod clock in the browser', () => {
  it('herhaald badge, the advice step and the decision on the timeline (live on a partner screen), and the overview counts', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0142');
    const regie = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    const politie = await newUserPage(env.browser, env.server, 'politie@politie.test');
    const r = regie.page;

    // Mijn casussen: the badge on the repeat case only.
    const row = (ref: string) => r.getByTestId('household-row').filter({ hasText: ref });
    await row('HG-2026-0142').getByTestId('herhaald-badge').waitFor();
    expect(await row('HG-2026-0117').getByTestId('herhaald-badge').count()).toBe(0);

    await politie.page.goto(`${env.server.url}/huishoudens/${id}`);
    await r.goto(`${env.server.url}/huishoudens/${id}`);
    await r.getByTestId('huisverbod-day').waitFor();
    expect(await r.locator('.ct-household__header').getByTestId('herhaald-badge').textContent()).toBe('Herhaald incident');
    expect(await r.getByTestId('huisverbod-advice').textContent()).toMatch(
      /Advies Veilig Thuis uiterlijk\s*28 november 2026 · Veilig Thuis Rotterdam-Rijnmond · open/,
    );
    expect(await r.getByTestId('huisverbod-decision').textContent()).toContain('nog niet vastgelegd');
    // The police partner is not the gemeente: no way to record the decision on their screen.
    await politie.page.getByTestId('huisverbod-decision').waitFor();
    expect(await politie.page.getByRole('button', { name: 'Besluit burgemeester vastleggen' }).count()).toBe(0);

    await r.getByRole('button', { name: 'Besluit burgemeester vastleggen' }).click();
    const form = r.getByRole('form', { name: 'Besluit burgemeester' });
    await form.getByRole('radio', { name: 'Verlengd', exact: true }).check();
    expect(await form.getByLabel('Datum van het besluit').inputValue()).toBe('2026-11-23');
    expect(await form.getByLabel('Verlengd tot en met').inputValue()).toBe('2026-12-18');
    await form.getByLabel('Toelichting (optioneel)').fill('Advies van Veilig Thuis gevolgd.');
    await form.getByRole('button', { name: 'Besluit vastleggen' }).click();
    const decided = /Verlengd tot en met 18 december 2026 — besloten op 23 november 2026, vastgelegd door Rianne de Regie \(Gemeente Rotterdam\)/;
    await expect.poll(() => r.getByTestId('huisverbod-decision').textContent()).toMatch(decided);
    expect(await r.getByTestId('huisverbod-end').textContent()).toContain('18 december 2026');
    // The partner's open page follows without a reload.
    await expect.poll(() => politie.page.getByTestId('huisverbod-decision').textContent(), { timeout: 5000 }).toMatch(decided);
    await politie.page.getByText('Advies van Veilig Thuis gevolgd.').waitFor();
    await screenshot(r, 'huisverbod-besluit');
    expect(await seriousViolations(r)).toEqual([]);

    // The overview: the badge, and per organisation what was not carried out.
    await r.goto(`${env.server.url}/overzicht`);
    await r.getByTestId('overview-household').filter({ hasText: 'HG-2026-0142' }).getByTestId('herhaald-badge').waitFor();
    expect(await r.getByTestId('not-carried-out-row').allTextContents()).toEqual(['Jeugdzorg Rijnmond1']);
    await screenshot(r, 'overzicht-niet-uitgevoerd');
    expect(await seriousViolations(r)).toEqual([]);
    await regie.context.close();
    await politie.context.close();
  });

  it('"niet gelukt" asks why: nothing is saved until a reason and a note are given', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0142');
    const meeting = await env.server.database.db.query.documents.findFirst({ where: and(eq(documents.householdId, id), eq(documents.title, 'Startoverleg')) });
    const { page, context } = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    await page.goto(`${env.server.url}/huishoudens/${id}/documenten/${meeting!.id}`);
    await page.getByTestId('evaluation-item').first().waitFor();

    // The seeded evaluation shows its reason.
    const seeded = page.getByTestId('evaluation-item').filter({ hasText: 'Noah en Emma aanmelden bij jeugdzorg' });
    expect(await seeded.getByLabel('Waarom niet gelukt?').inputValue()).toBe('niet_uitgevoerd_door_partner');

    const item = page.getByTestId('evaluation-item').filter({ hasText: 'Intake Mark bij verslavingszorg' });
    await item.getByLabel('Niet gelukt', { exact: true }).check();
    await item.getByText('Kies waarom het niet gelukt is en licht het toe; dan wordt het opgeslagen.').waitFor();
    await item.getByLabel('Waarom niet gelukt?').selectOption('omstandigheden_gewijzigd');
    await item.getByPlaceholder('Korte toelichting').fill('Mark is opgenomen in een kliniek.');
    await item.getByPlaceholder('Korte toelichting').blur();
    await item.getByText('Opgeslagen').waitFor();
    const stored = await env.server.database.db.select().from(actionEvaluations).where(eq(actionEvaluations.documentId, meeting!.id));
    expect(stored.map((e) => [e.verdict, e.reason, e.note])).toContainEqual(['niet_gelukt', 'omstandigheden_gewijzigd', 'Mark is opgenomen in een kliniek.']);
    await screenshot(page, 'evaluatie-niet-gelukt-reden');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
