// The built client runs under the server's Content-Security-Policy: login, the live editor
// (Tiptap on Yjs over the WebSocket) and the household page work, and the browser reports no CSP violation.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { householdIdByReference, newUserPage, planIdOf, useDemoBrowser } from '../support/browser.ts';

const env = useDemoBrowser();

/** Collects CSP violations (the DOM event and the console message) from every page of the context. */
async function watchViolations(page: Page) {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  await page.exposeFunction('__cspViolation', (v: string) => seen.push(v));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      ),
    ),
  );
  return seen;
}

describe('Content-Security-Policy in the browser', () => {
  it('login, the live editor (WebSocket, Tiptap) and the household page work without a single CSP violation', async () => {
    const { page } = await newUserPage(env.browser, env.server, 'regie@gemeente.test');
    const violations = await watchViolations(page);
    const householdId = await householdIdByReference(env.server, 'HG-2026-0142');
    const planId = await planIdOf(env.server, householdId);
    await page.goto(`${env.server.url}/huishoudens/${householdId}/documenten/${planId}`);
    await page.getByText('Verbonden').waitFor();
    await page.getByRole('heading', { name: 'Aanleiding en signalen' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Getypt onder de CSP.');
    await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Opgeslagen');
    await page.goto(`${env.server.url}/huishoudens/${householdId}`);
    await page
      .getByRole('heading', { name: /HG-2026-0142|Gezin/ })
      .first()
      .waitFor();
    expect(violations).toEqual([]);
    // The policy really is in force on the page (not a test-only bypass).
    const csp = (await page.request.get(env.server.url + '/')).headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
  });
});
