// The geheimhoudingsverklaring and information levels as partners meet them in the demo: Jasper (jeugdzorg)
// takes part in HG-2026-0117 at `afspraken` and has not confirmed the statement yet; Vera (verslavingszorg)
// takes part in HG-2025-0388 at `signaal`; the regievoerder sets levels in the participants panel and the
// partner's open page follows at once.
import { describe, expect, it } from 'vitest';
import { householdIdByReference, newUserPage, screenshot, seriousViolations, useDemoBrowser } from '../support/browser.ts';

const env = useDemoBrowser();

describe('geheimhoudingsverklaring and information levels', () => {
  it('asks for the statement before the household opens; afspraken then shows the reference and its own actions only', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0117');
    const jeugd = await newUserPage(env.browser, env.server, 'jeugd@jeugdzorg.test');
    await jeugd.page.goto(`${env.server.url}/huishoudens/${id}`);
    const gate = jeugd.page.getByTestId('statement-gate');
    await gate.waitFor();
    expect(await gate.getByTestId('statement-text').textContent()).toMatch(/geheimhouding/);
    expect(await gate.textContent()).toContain('Rianne de Regie');
    expect(await seriousViolations(jeugd.page)).toEqual([]);
    await screenshot(jeugd.page, 'geheimhoudingsverklaring');
    // Confirming without ticking the box says what is missing.
    await gate.getByRole('button', { name: 'Bevestigen en openen' }).click();
    await gate.getByText('Vink aan dat je de verklaring hebt gelezen').waitFor();
    await gate.getByLabel('Ik heb de verklaring gelezen en houd mij eraan').check();
    await gate.getByRole('button', { name: 'Bevestigen en openen' }).click();

    await jeugd.page.getByTestId('level-notice').waitFor();
    expect(await jeugd.page.getByRole('heading', { level: 1 }).textContent()).toBe('Alleen afspraken');
    expect(await jeugd.page.getByText('Personen').count()).toBe(0);
    // Mijn casussen does not claim "Geen huisverbod" for a huisverbod the level does not show.
    await jeugd.page.getByRole('link', { name: 'Mijn casussen' }).first().click();
    const row = jeugd.page.getByTestId('household-row').filter({ hasText: 'HG-2026-0117' });
    await row.waitFor();
    expect(await row.textContent()).not.toContain('Geen huisverbod');
    await jeugd.page.goBack();
    await jeugd.page.getByTestId('level-notice').waitFor();
    expect(await jeugd.page.getByRole('link', { name: 'Plan van aanpak' }).count()).toBe(0);
    await jeugd.page.getByRole('link', { name: 'Wie doet wat' }).click();
    await jeugd.page.getByTestId('level-notice').waitFor();
    await jeugd.page.getByText('Opvoedondersteuning bespreken met de zus van F.').waitFor();
    expect(await jeugd.page.getByText('Voortgang behandeling Y. terugkoppelen').count()).toBe(0);
    expect(await jeugd.page.getByText('Evaluatie veiligheidsplan met F.').count()).toBe(0);
    await screenshot(jeugd.page, 'afspraken-bord');
    await jeugd.context.close();
  });

  it('signaal shows only that the case is there and who directs it', async () => {
    const id = await householdIdByReference(env.server, 'HG-2025-0388');
    const vz = await newUserPage(env.browser, env.server, 'vz@verslavingszorg.test');
    await vz.page.getByTestId('household-row').filter({ hasText: 'Besloten casus' }).waitFor();
    expect(await vz.page.getByTestId('household-row').filter({ hasText: 'HG-2025-0388' }).count()).toBe(0);
    await vz.page.goto(`${env.server.url}/huishoudens/${id}`);
    await vz.page.getByTestId('signaal-page').waitFor();
    const text = (await vz.page.getByTestId('signaal-page').textContent()) ?? '';
    expect(text).toContain('Rianne de Regie');
    for (const hidden of ['HG-2025-0388', 'De Vries', 'Anouk', 'Lotte', 'Mila Werkman']) expect(text).not.toContain(hidden);
    expect(await seriousViolations(vz.page)).toEqual([]);
    await screenshot(vz.page, 'signaal-pagina');
    await vz.context.close();
  });

  it('the regievoerder lowers a level in the participants panel; the partner’s open plan page clears at once', async () => {
    const id = await householdIdByReference(env.server, 'HG-2026-0142');
    const politie = await newUserPage(env.browser, env.server, 'politie@politie.test');
    await politie.page.goto(`${env.server.url}/huishoudens/${id}`);
    await politie.page.getByRole('link', { name: 'Plan van aanpak' }).first().click();
    await politie.page.getByText('Verbonden').waitFor();

    const regie = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    await regie.page.goto(`${env.server.url}/huishoudens/${id}`);
    const row = regie.page.getByTestId('participant').filter({ hasText: 'Peter Post' });
    regie.page.once('dialog', (d) => void d.accept());
    await row.getByTestId('level-select').selectOption('afspraken');
    await regie.page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="participant"]')].some(
          (li) => li.textContent?.includes('Peter Post') && (li.querySelector('select') as HTMLSelectElement | null)?.value === 'afspraken',
        ),
      undefined,
      { timeout: 5_000 },
    );
    await screenshot(regie.page, 'informatieniveau-deelnemers');

    // The partner's plan is gone within seconds: the page is rebuilt at the new level and cannot show the plan.
    await politie.page.waitForFunction(() => !document.querySelector('.ProseMirror'), undefined, { timeout: 3_000 });
    expect(await politie.page.locator('.ProseMirror').count()).toBe(0);
    // Set back, for the other browser tests that use this household.
    regie.page.once('dialog', (d) => void d.accept());
    await row.getByTestId('level-select').selectOption('volledig');
    await regie.page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="participant"]')].some(
          (li) => li.textContent?.includes('Peter Post') && (li.querySelector('select') as HTMLSelectElement | null)?.value === 'volledig',
        ),
      undefined,
      { timeout: 5_000 },
    );
    await regie.context.close();
    await politie.context.close();
  });
});
