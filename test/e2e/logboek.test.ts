// Who looked at this file, in the browser: the regievoerder filters the Logboek (the filters stay in the URL),
// downloads the filtered rows as CSV, and makes the inzageverzoek PDF for one person of the household.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { householdIdByReference, newUserPage, planIdOf, screenshot, seriousViolations, useDemoBrowser } from '../support/browser.ts';
import { pdfText } from '../support/pdf-text.ts';

const env = useDemoBrowser();

/** Clicks a download link and returns the downloaded file's bytes and name. */
async function download(page: Page, linkName: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

describe('Logboek', () => {
  it('the regievoerder filters by organisation and kind, downloads the CSV, and makes the inzageverzoek for a person', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0142');
    // Peter Post (politie) opens the household: a read the regievoerder will find.
    const politie = await newUserPage(env.browser, env.server, 'politie@politie.test');
    await politie.page.goto(`${env.server.url}/huishoudens/${id}`);
    await politie.page.getByRole('heading', { level: 1 }).waitFor();
    await politie.context.close();

    const { page, context } = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    await page.goto(`${env.server.url}/huishoudens/${id}`);
    // The persons panel offers the inzageverzoek per person.
    await page.getByRole('link', { name: 'Inzageverzoek Sandra (PDF)' }).waitFor();
    await page.getByRole('link', { name: 'Logboek' }).click();
    const table = page.getByTestId('audit-table');
    await table.waitFor();

    const filters = page.getByRole('form', { name: 'Logboek filteren' });
    await filters.getByLabel('Organisatie').selectOption({ label: 'Politie Rotterdam' });
    await filters.getByLabel('Soort').selectOption({ label: 'Inzage' });
    await page.waitForURL(/soort=view/);
    expect(page.url()).toMatch(/organisatie=[0-9a-f-]{36}/);
    const rows = table.getByTestId('audit-row');
    await expect.poll(async () => (await rows.allTextContents()).every((t) => t.includes('Peter Post') && t.includes('Inzage'))).toBe(true);
    await rows.filter({ hasText: 'Huishouden bekeken' }).first().waitFor();

    // The filters are in the URL: a reload shows the same view.
    await page.reload();
    await page.getByTestId('audit-table').waitFor();
    expect(await filters.getByLabel('Soort').inputValue()).toBe('view');
    expect(await filters.getByLabel('Organisatie').locator('option:checked').textContent()).toBe('Politie Rotterdam');
    await screenshot(page, 'logboek-gefilterd');
    expect(await seriousViolations(page)).toEqual([]);

    const csv = await download(page, 'CSV downloaden');
    expect(csv.name).toBe('Logboek-HG-2026-0142.csv');
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('Peter Post;Politie Rotterdam;Inzage;Huishouden bekeken');
    expect(text).not.toContain('Rianne de Regie');

    // The inzageverzoek for Sandra: her record and the accesses to the household, with who and what.
    await filters.getByLabel('Persoon').selectOption({ label: 'Sandra (slachtoffer)' });
    await page.waitForURL(/persoon=/);
    const pdf = await download(page, 'Inzageverzoek Sandra (PDF)');
    expect(pdf.name).toBe('Inzageverzoek-HG-2026-0142.pdf');
    const report = pdfText(pdf.bytes).replace(/\s+/g, ' ');
    for (const s of ['Inzageverzoek (AVG art. 15)', 'Betrokkene: Sandra (slachtoffer, geboren 1988)', 'Peter Post', 'Politie Rotterdam', 'Huishouden bekeken'])
      expect(report, s).toContain(s);

    // The print page of the plan says who prints it and when.
    await page.goto(`${env.server.url}/huishoudens/${id}/documenten/${await planIdOf(env.server, id)}/afdrukken`);
    await page.getByText('Vertrouwelijk — bijzondere persoonsgegevens').waitFor();
    expect(await page.getByTestId('print-exported-by').textContent()).toMatch(/^Rianne de Regie \(Gemeente Rotterdam\), \d{1,2} \w+ \d{4}/);

    // Both exports and the print are in the Logboek themselves.
    await page.goto(`${env.server.url}/huishoudens/${id}/logboek?soort=export`);
    await rows.filter({ hasText: 'Logboek geëxporteerd' }).first().waitFor();
    await rows.filter({ hasText: 'Inzageverzoek van betrokkene gemaakt' }).first().waitFor();
    await rows.filter({ hasText: 'Document geëxporteerd' }).filter({ hasText: 'afdrukweergave' }).first().waitFor();
    await context.close();
  });
});
