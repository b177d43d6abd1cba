// Two people type in the same plan and see each other's text and caret; reload keeps the text;
// an observer's editor is read-only.
import { describe, expect, it } from 'vitest';
import { householdIdByReference, newUserPage, planIdOf, screenshot, seriousViolations, useDemoBrowser } from '../support/browser.ts';
import { addParticipant, createUser } from '../support/factories.ts';
import { TEST_PASSWORD } from '../support/client.ts';
import type { Page } from 'playwright-core';

/** Whether the browser's y-indexeddb store for a document holds an update containing `text`. */
function storedLocally(page: Page, dbName: string, text: string): Promise<boolean> {
  return page.evaluate(
    ({ dbName, text }) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const all = open.result.transaction('updates').objectStore('updates').getAll();
          all.onerror = () => resolve(false);
          all.onsuccess = () => resolve((all.result as Uint8Array[]).some((u) => new TextDecoder().decode(u).includes(text)));
        };
      }),
    { dbName, text },
  );
}

const env = useDemoBrowser();

describe('live co-editing in the browser', () => {
  it('two users see each other’s text and caret label, and the text survives a reload', async () => {
    const householdId = await householdIdByReference(env.server, 'HG-2026-0142');
    const planId = await planIdOf(env.server, householdId);
    const url = `${env.server.url}/huishoudens/${householdId}/documenten/${planId}`;
    const a = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    const b = await newUserPage(env.browser, env.server, 'politie@politie.test');
    await Promise.all([a.page.goto(url), b.page.goto(url)]);
    for (const p of [a.page, b.page]) {
      await p.getByText('Verbonden').waitFor();
      await p.getByRole('heading', { name: 'Veiligheidsplan' }).waitFor();
    }

    // Each types at the end of a different section.
    await a.page.getByRole('heading', { name: 'Aanleiding en signalen' }).click();
    await a.page.keyboard.press('End');
    await a.page.keyboard.press('Enter');
    await a.page.keyboard.type('Melding Veilig Thuis op 19 november.');
    await b.page.getByRole('heading', { name: 'Gedragsregels' }).click();
    await b.page.keyboard.press('End');
    await b.page.keyboard.press('Enter');
    await b.page.keyboard.type('Geen contact tussen Mark en Sandra.');

    await b.page.getByText('Melding Veilig Thuis op 19 november.').waitFor({ timeout: 5000 });
    await a.page.getByText('Geen contact tussen Mark en Sandra.').waitFor({ timeout: 5000 });
    // Caret labels: name and organisation of the other user.
    await a.page.locator('.collaboration-carets__label', { hasText: 'Peter Post · Politie Rotterdam' }).waitFor();
    await b.page.locator('.collaboration-carets__label', { hasText: 'Rianne de Regie · Gemeente Rotterdam' }).waitFor();
    await expect.poll(() => a.page.getByTestId('presence-user').count()).toBe(2);
    await expect.poll(() => a.page.getByTestId('save-status').textContent()).toBe('Opgeslagen');
    await screenshot(a.page, 'plan-samen-bewerken');
    expect(await seriousViolations(a.page)).toEqual([]);

    await b.context.close();
    await a.page.reload();
    await a.page.getByText('Geen contact tussen Mark en Sandra.').waitFor();
    await a.page.getByText('Melding Veilig Thuis op 19 november.').waitFor();
    await a.context.close();
  });

  it('an observer sees the live document but cannot type in it', async () => {
    const householdId = await householdIdByReference(env.server, 'HG-2026-0142');
    const planId = await planIdOf(env.server, householdId);
    const observer = await createUser(env.server.database.db, { kind: 'veilig_thuis', name: 'Olga Observer' });
    await addParticipant(env.server.database.db, householdId, observer.id, 'observer');
    const o = await newUserPage(env.browser, env.server, observer.email, TEST_PASSWORD);
    await o.page.goto(`${env.server.url}/huishoudens/${householdId}/documenten/${planId}`);
    await o.page.getByText('Je kijkt mee bij dit huishouden').waitFor();
    await o.page.getByRole('heading', { name: 'Veiligheidsplan' }).waitFor();
    expect(await o.page.getByTestId('editor').getAttribute('contenteditable')).toBe('false');
    expect(await o.page.getByRole('toolbar', { name: 'Opmaak' }).count()).toBe(0);
    await o.context.close();
  });

  it('edits typed while the server is unreachable are kept in the browser, even across closing the tab, and arrive when it is back', async () => {
    const householdId = await householdIdByReference(env.server, 'HG-2026-0117');
    const planId = await planIdOf(env.server, householdId);
    const url = `${env.server.url}/huishoudens/${householdId}/documenten/${planId}`;
    const a = await newUserPage(env.browser, env.server, 'mw@maatschappelijkwerk.test');
    await a.page.goto(url);
    await a.page.getByText('Verbonden').waitFor();
    await a.page.getByRole('heading', { name: 'Netwerk' }).waitFor();

    await env.server.stop();
    await a.page.getByText('Opnieuw verbinden…').waitFor();
    await a.page.getByRole('heading', { name: 'Netwerk' }).click();
    await a.page.keyboard.press('End');
    await a.page.keyboard.press('Enter');
    // Pasted in one go, so one Yjs update carries the whole sentence (and can be found in IndexedDB).
    await a.page.keyboard.insertText('Offline getypt: zus van F. kan bijspringen.');
    await a.page.getByText('Offline — 2 wijzigingen alleen op dit apparaat').waitFor();
    // The tab is closed only once the browser has stored the edit (y-indexeddb writes asynchronously).
    await expect.poll(() => storedLocally(a.page, `casustafel:${planId}`, 'Offline getypt: zus van F. kan bijspringen.')).toBe(true);
    await a.page.close();

    env.server = await env.server.restart();
    const page = await a.context.newPage();
    await page.goto(url);
    await page.getByText('Verbonden').waitFor();
    await page.getByText('Offline getypt: zus van F. kan bijspringen.').waitFor();
    // It reached the server: another user reads it from the server's copy.
    const regie = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    await expect
      .poll(async () => (await (await regie.page.request.get(`${env.server.url}/api/documents/${planId}/content`)).json()).html, { timeout: 5000 })
      .toContain('Offline getypt: zus van F. kan bijspringen.');
    await a.context.close();
    await regie.context.close();
  });
});
