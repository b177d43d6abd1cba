// The editor's status tells the truth: "Opgeslagen" only once the server has stored the edits, the badge
// follows the real connection both ways (offline → online without a reload), and text a page showed as
// "Opgeslagen" survives kill -9 of the server (the real server as a child process).
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/seed/demo.ts';
import { ApiClient } from '../support/client.ts';
import { waitFor } from '../support/collab.ts';
import { householdIdByReference, launchBrowser, newUserPage, planIdOf, screenshot, useDemoBrowser } from '../support/browser.ts';
import { demoPlanVia, startChildServer } from '../support/child-server.ts';

const env = useDemoBrowser();

const saveStatus = (page: Page) => page.getByTestId('save-status').textContent();
const badge = (page: Page) => page.getByTestId('connection-status').locator('.ct-badge').first().textContent();

async function typeAtEndOf(page: Page, heading: string, text: string) {
  await page.getByRole('heading', { name: heading }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(text);
}

describe('save status in the editor', () => {
  it('goes offline and back online with the network, counting what is only on this device, without a reload', async () => {
    const householdId = await householdIdByReference(env.server, 'HG-2026-0142');
    const planId = await planIdOf(env.server, householdId);
    const a = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    await a.page.goto(`${env.server.url}/huishoudens/${householdId}/documenten/${planId}`);
    await a.page.getByText('Verbonden').waitFor();
    await typeAtEndOf(a.page, 'Aanleiding en signalen', 'Voor de storing getypt.');
    await expect.poll(() => saveStatus(a.page)).toBe('Opgeslagen');

    await a.context.setOffline(true);
    await expect.poll(() => badge(a.page)).toBe('Offline');
    // Three edits: a new paragraph, then two pieces of text.
    await typeAtEndOf(a.page, 'Gedragsregels', 'Tijdens de storing getypt.');
    await a.page.keyboard.insertText(' En nog iets.');
    await expect.poll(() => saveStatus(a.page)).toBe('Offline — 3 wijzigingen alleen op dit apparaat');
    await screenshot(a.page, 'editor-offline');

    await a.context.setOffline(false);
    await expect.poll(() => badge(a.page), { timeout: 15_000 }).toBe('Verbonden');
    await expect.poll(() => saveStatus(a.page), { timeout: 15_000 }).toBe('Opgeslagen');
    // Stored on the server: another user reads it from there.
    const b = await newUserPage(env.browser, env.server, 'politie@politie.test');
    await expect
      .poll(async () => (await (await b.page.request.get(`${env.server.url}/api/documents/${planId}/content`)).json()).html)
      .toContain('Tijdens de storing getypt. En nog iets.');
    await a.context.close();
    await b.context.close();
  });

  it('stays in view while scrolling a long document', async () => {
    const householdId = await householdIdByReference(env.server, 'HG-2026-0117');
    const planId = await planIdOf(env.server, householdId);
    const a = await newUserPage(env.browser, env.server, 'mw@maatschappelijkwerk.test');
    await a.page.setViewportSize({ width: 1366, height: 600 });
    await a.page.goto(`${env.server.url}/huishoudens/${householdId}/documenten/${planId}`);
    await a.page.getByText('Verbonden').waitFor();
    await a.page.getByRole('heading', { name: 'Netwerk' }).click();
    await a.page.keyboard.press('End');
    for (let i = 0; i < 30; i++) await a.page.keyboard.press('Enter');
    await a.page.keyboard.insertText('Helemaal onderaan.');
    await a.page.getByText('Helemaal onderaan.').scrollIntoViewIfNeeded();
    await expect.poll(() => saveStatus(a.page)).toBe('Opgeslagen');
    const box = await a.page.getByTestId('save-status').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(600);
    expect(await a.page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    await a.page.screenshot({ path: new URL('./screenshots/editor-status-sticky.png', import.meta.url).pathname });
    await a.context.close();
  });
});

describe('kill -9 of the server while the page shows "Opgeslagen"', () => {
  it('keeps the text: it is there after the restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casustafel-e2e-kill-'));
    // The child seeds the demo data into its own PGlite directory (logged once done).
    let child = await startChildServer({ DATA_DIR: dir, SEED_DEMO: 'auto', LOG_LEVEL: 'info' });
    const seeded = child;
    await waitFor(() => seeded.output().includes('demo data seeded'), 'the demo data', 60_000);
    const regie = await new ApiClient(child.url).login('regie@gemeente.test', DEMO_PASSWORD);
    const { householdId, planId } = await demoPlanVia(regie, 'HG-2026-0142');
    const browser = await launchBrowser();
    try {
      const server = { url: child.url } as Parameters<typeof newUserPage>[1];
      const url = `${child.url}/huishoudens/${householdId}/documenten/${planId}`;
      const a = await newUserPage(browser, server, 'regie@gemeente.test', DEMO_PASSWORD);
      await a.page.goto(url);
      await a.page.getByText('Verbonden').waitFor();
      await typeAtEndOf(a.page, 'Aanleiding en signalen', 'Opgeslagen vlak voor de crash.');
      await expect.poll(() => saveStatus(a.page)).toBe('Opgeslagen');
      child.proc.kill('SIGKILL');
      await child.exited;
      // The page must not bring the text back itself: only the server's copy counts.
      await a.context.close();
      child = await startChildServer({ DATA_DIR: dir, SEED_DEMO: 'never' }, child.port);
      const b = await newUserPage(browser, { url: child.url } as Parameters<typeof newUserPage>[1], 'politie@politie.test', DEMO_PASSWORD);
      await b.page.goto(url);
      await b.page.getByText('Opgeslagen vlak voor de crash.').waitFor({ timeout: 10_000 });
      await b.context.close();
    } finally {
      await browser.close();
      child.proc.kill('SIGTERM');
      await child.exited;
    }
  });
});
