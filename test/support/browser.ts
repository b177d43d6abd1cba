// Chromium (Debian's) driven by playwright-core, against a real server with the demo data.
import { afterAll, beforeAll } from 'vitest';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from './axe.ts';
import { seedDemo, DEMO_PASSWORD } from '../../server/seed/demo.ts';
import { startTestServer, type TestServer } from './server.ts';
import type { Config } from '../../server/config.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = new URL('../e2e/screenshots/', import.meta.url).pathname;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A server on port 0 with the demo data (optionally with a fixed clock). */
export async function startDemoServer(config: Partial<Config> = {}): Promise<TestServer> {
  const server = await startTestServer({ config: { staticDir: new URL('../../dist/client', import.meta.url).pathname, ...config } });
  await seedDemo(server.database.db, server.deps.now(), server.deps.secrets);
  return server;
}

export async function newUserPage(
  browser: Browser,
  server: TestServer,
  email: string,
  password = DEMO_PASSWORD,
  opts: { timezoneId?: string; viewport?: { width: number; height: number }; landing?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: 'nl-NL',
    timezoneId: opts.timezoneId ?? 'Europe/Amsterdam',
    viewport: opts.viewport ?? { width: 1366, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(server.url + '/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: opts.landing ?? 'Mijn casussen' }).waitFor();
  return { context, page };
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** axe-core accessibility check; returns serious and critical violations. */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder(page).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

/** Opens the demo household's page and returns its id. */
export async function householdIdByReference(server: TestServer, reference: string): Promise<string> {
  const h = await server.database.db.query.households.findFirst({ where: (t, { eq }) => eq(t.reference, reference) });
  if (!h) throw new Error(`no household ${reference}`);
  return h.id;
}

export async function planIdOf(server: TestServer, householdId: string): Promise<string> {
  const d = await server.database.db.query.documents.findFirst({ where: (t, { and, eq }) => and(eq(t.householdId, householdId), eq(t.kind, 'plan')) });
  return d!.id;
}

/** Registers a demo server and a browser for the current test file; read them from the returned object. */
export function useDemoBrowser(config: Partial<Config> = {}) {
  const env = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    [env.server, env.browser] = await Promise.all([startDemoServer(config), launchBrowser()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
