// Casework in the browser with a fixed clock: huisverbod timeline, extension, phase change, planning a
// casusoverleg, evaluating open actions, vaststellen (read-only for all) and the PDF export.
import { describe, expect, it } from 'vitest';
import { householdIdByReference, newUserPage, screenshot, seriousViolations, useDemoBrowser } from '../support/browser.ts';
import { pdfText } from '../support/pdf-text.ts';
import { createHousehold } from '../support/factories.ts';

// 23 November 2026, 10:00 in Amsterdam: the demo huisverbod started 3 days earlier (20 November).
const NOW = new Date('2026-11-23T09:00:00Z');
const env = useDemoBrowser({ fixedNow: NOW });

describe('casework', () => {
  it('shows the huisverbod timeline, records an extension and a phase change', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0142');
    const { page, context } = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    await page.goto(`${env.server.url}/huishoudens/${id}`);
    await page.getByTestId('huisverbod-day').waitFor();
    expect(await page.getByTestId('huisverbod-day').textContent()).toBe('Dag 4 van 10');
    expect(await page.getByTestId('plan-due').textContent()).toContain('30 november 2026 (nog 7 dagen)');

    // The extension is the burgemeester's decision, recorded by the gemeente (here the regievoerder).
    await page.getByRole('button', { name: 'Besluit burgemeester vastleggen' }).click();
    const decision = page.getByRole('form', { name: 'Besluit burgemeester' });
    await decision.getByLabel('Verlengd tot en met').fill('2026-12-10');
    await decision.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await page.getByText('verlengd door Burgemeester').waitFor();
    expect(await page.getByTestId('huisverbod-end').textContent()).toContain('10 december 2026');
    expect(await page.getByTestId('huisverbod-day').textContent()).toBe('Dag 4 van 20');

    await page.getByRole('button', { name: 'Fase wijzigen' }).click();
    await page.getByLabel('Nieuwe fase').selectOption('stabiele_veiligheid');
    await page.getByLabel('Reden').fill('Geen incidenten meer; pleger houdt zich aan het huisverbod.');
    await page.getByRole('button', { name: 'Fase opslaan' }).click();
    await page.locator('.ct-phases__current', { hasText: 'Stabiele veiligheid' }).waitFor();
    await page.getByText('Geschiedenis (2)').click();
    await page.getByText('Geen incidenten meer; pleger houdt zich aan het huisverbod.').waitFor();
    await screenshot(page, 'huishouden-tijdlijn');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Profiel of pakket wijzigen' }).click();
    await page.getByLabel('Leidend gezinsprofiel').selectOption('kindgedrag_en_opvoedstress');
    await page.getByLabel('HG-pakket').selectOption('3');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByText('Spanningen rond de opvoeding').waitFor();
    await page.getByText('HG-pakket 3 (met kinderen)').first().waitFor();

    await page.getByRole('button', { name: 'Noah wijzigen' }).click();
    const personForm = page.getByRole('form', { name: 'Noah wijzigen' });
    await personForm.getByLabel('Notitie (optioneel)').fill('Gaat na school naar oma.');
    await personForm.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Gaat na school naar oma.').waitFor();

    // The logboek shows what was done, by whom.
    await page.getByRole('link', { name: 'Logboek' }).click();
    const log = page.getByTestId('audit-table');
    await log.waitFor();
    for (const what of [
      'Fase gewijzigd',
      'Besluit burgemeester over verlenging huisverbod vastgelegd',
      'Gegevens gewijzigd',
      'Persoon gewijzigd',
      'Huishouden bekeken',
    ]) {
      await log.getByRole('cell', { name: what }).first().waitFor();
    }
    expect(await log.getByText('Rianne de Regie').count()).toBeGreaterThan(3);
    await screenshot(page, 'logboek');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('warns when the plan is not vastgesteld two days before its deadline, until the regievoerder vaststelt it', async () => {
    const regieUser = await env.server.database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'regie@gemeente.test') });
    // Huisverbod from 14 November: on 23 November the plan is due tomorrow.
    const h = await createHousehold(env.server.database.db, { regievoerderId: regieUser!.id, huisverbodStart: '2026-11-14' });
    const { page, context } = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    await page.goto(`${env.server.url}/huishoudens/${h.id}`);
    await page.getByText('Plan van aanpak nog niet vastgesteld').waitFor();
    await page.getByText('Het plan van aanpak moet binnen 1 dag vastgesteld zijn.').waitFor();

    await page.getByRole('link', { name: 'Plan van aanpak' }).first().click();
    await page.getByText('Verbonden').waitFor();
    await page.getByRole('button', { name: 'Plan vaststellen' }).click();
    await page.getByRole('button', { name: 'Vaststellen', exact: true }).click();
    await page.getByText('Het plan van aanpak is vastgesteld.').waitFor();
    // The plan stays a living document.
    expect(await page.getByTestId('editor').getAttribute('contenteditable')).toBe('true');

    await page.goto(`${env.server.url}/huishoudens/${h.id}`);
    await page.getByTestId('huisverbod-day').waitFor();
    expect(await page.getByText('Plan van aanpak nog niet vastgesteld').count()).toBe(0);
    await context.close();
  });

  it('plans a casusoverleg, evaluates open actions, vaststellen locks the minutes for everyone, and exports a PDF', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0142');
    const regie = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    const partner = await newUserPage(env.browser, env.server, 'politie@politie.test');
    const { page } = regie;
    await page.goto(`${env.server.url}/huishoudens/${id}`);
    await page.getByRole('button', { name: 'Casusoverleg plannen' }).click();
    await page.getByLabel('Titel').fill('Eerste casusoverleg');
    await page.getByRole('button', { name: 'Overleg plannen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Eerste casusoverleg' }).waitFor();
    const docUrl = page.url();
    const documentId = docUrl.split('/').pop()!;
    await page.getByRole('heading', { name: 'Aanwezigen' }).first().waitFor();
    await page.getByText('Verbonden').waitFor();

    // Attendance.
    const row = page.getByTestId('attendance-row').filter({ hasText: 'Peter Post' });
    await row.getByLabel('Aanwezig').check();
    await expect.poll(() => row.getByLabel('Aanwezig').isChecked()).toBe(true);

    // Evaluation of the open demo actions.
    const items = page.getByTestId('evaluation-item');
    await expect.poll(() => items.count()).toBeGreaterThan(0);
    const first = items.first();
    await first.getByLabel('Loopt').check();
    await first.getByPlaceholder('Korte toelichting').fill('Intake gepland voor volgende week');
    await first.getByPlaceholder('Korte toelichting').blur();
    await first.getByText('Opgeslagen').waitFor();

    // A partner has the minutes open while the regievoerder vaststelt.
    await partner.page.goto(docUrl);
    await partner.page.getByText('Verbonden').waitFor();
    expect(await partner.page.getByTestId('editor').getAttribute('contenteditable')).toBe('true');

    await page.getByRole('button', { name: 'Verslag vaststellen' }).click();
    await page.getByLabel('Naam van de vastgestelde versie').fill('Vastgesteld verslag 23-11-2026');
    await page.getByRole('button', { name: 'Vaststellen', exact: true }).click();
    await page.getByText('Het verslag is vastgesteld en kan niet meer worden gewijzigd.').waitFor();
    await expect.poll(() => page.getByTestId('editor').getAttribute('contenteditable')).toBe('false');
    await expect.poll(() => partner.page.getByTestId('editor').getAttribute('contenteditable'), { timeout: 5000 }).toBe('false');
    await partner.page.getByText('Dit verslag is vastgesteld').waitFor();
    await screenshot(page, 'verslag-vastgesteld');
    expect(await seriousViolations(page)).toEqual([]);

    // PDF of the vastgesteld verslag.
    const versions = await page.request.get(`${env.server.url}/api/documents/${documentId}/versions`);
    const version = (await versions.json()).versions.find((v: { name: string }) => v.name === 'Vastgesteld verslag 23-11-2026');
    expect(version.established).toBe(true);
    const pdf = await page.request.get(`${env.server.url}/api/documents/${documentId}/export.pdf?versionId=${version.id}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const body = await pdf.body();
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(body);
    expect(text).toContain('HG-2026-0142');
    expect(text).toContain('Vastgesteld verslag 23-11-2026');
    expect(text).toContain('Peter Post');
    expect(text).toContain('Intake gepland voor volgende week');

    // The printable page.
    await page.goto(`${env.server.url}/huishoudens/${id}/documenten/${documentId}/afdrukken?versie=${version.id}`);
    expect(await page.getByTestId('print-reference').textContent()).toBe('HG-2026-0142');
    expect(await page.getByTestId('print-version').textContent()).toBe('Vastgesteld verslag 23-11-2026');
    expect(await page.getByTestId('print-evaluation').textContent()).toContain('Loopt — Intake gepland voor volgende week');
    await screenshot(page, 'afdrukken');
    expect(await seriousViolations(page)).toEqual([]);
    await regie.context.close();
    await partner.context.close();
  });
});
