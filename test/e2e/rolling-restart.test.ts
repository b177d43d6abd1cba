// A rolling restart as a person in the browser sees it: two production processes (PostgreSQL + Redis)
// behind a TCP proxy, a plan open in Chromium, each process restarted in turn while the person types.
// No error is ever shown, the editor stays editable, and every word reaches another user.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client.ts';
import { loadSecretBox } from '../../server/auth/secret-box.ts';
import { createLogger } from '../../server/logger.ts';
import { seedDemo } from '../../server/seed/demo.ts';
import { launchBrowser, newUserPage } from '../support/browser.ts';
import { freePort, ready, runCleanups, startProcess, tcpProxy, type Cleanups } from '../support/cluster.ts';
import { REDIS_URL, redisAvailable } from '../support/redis.ts';
import { createPostgresDatabase } from '../support/scratch-db.ts';
import type { TestServer } from '../support/server.ts';

const root = new URL('../../', import.meta.url).pathname;
const SECRET_KEY = 'rolling-restart-browser-secret-0123456789';
const cleanups: Cleanups = [];
afterAll(() => runCleanups(cleanups));

describe('rolling restart in the browser', () => {
  it('shows no error and loses no word while both processes restart in turn', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) {
      console.log('!!! rolling restart in the browser needs TEST_DATABASE_URL (processes cannot share an embedded PGlite)');
      return;
    }
    if (!(await redisAvailable('rolling restart in the browser'))) return;
    const built = spawnSync('node', ['scripts/build-server.mjs'], { cwd: root, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);

    const scratch = await createPostgresDatabase(adminUrl, 'casustafel_rolling_e2e');
    cleanups.push(scratch.drop);
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '' });
    cleanups.push(() => database.close());
    await seedDemo(database.db, new Date(), loadSecretBox(SECRET_KEY, '', createLogger('silent')));
    const household = await database.db.query.households.findFirst({ where: (t, { eq }) => eq(t.reference, 'HG-2026-0142') });
    const plan = await database.db.query.documents.findFirst({ where: (t, { and, eq }) => and(eq(t.householdId, household!.id), eq(t.kind, 'plan')) });

    const ports = [await freePort(), await freePort()];
    const env = { DATABASE_URL: scratch.url, REDIS_URL, SECRET_KEY, STATIC_DIR: `${root}dist/client`, SHUTDOWN_DRAIN_MS: '400' };
    const procs = ports.map((p) => startProcess(p, env, cleanups));
    for (let i = 0; i < 2; i++) await ready(ports[i]!, procs[i]!);
    const proxy = await tcpProxy(ports, cleanups);
    const base = `http://127.0.0.1:${proxy.port}`;

    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const asServer = { url: base } as TestServer;
    const { page } = await newUserPage(browser, asServer, 'regie@gemeente.test');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    await page.goto(`${base}/huishoudens/${household!.id}/documenten/${plan!.id}`);
    await page.getByText('Verbonden').waitFor();
    await page.getByRole('heading', { name: 'Aanleiding en signalen' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');

    // What a person would call an error: an alert, a refused connection, a read-only editor.
    const look = async (when: string) => {
      const alerts = await page.locator('[role="alert"]').allInnerTexts();
      for (const a of alerts) if (a.trim()) errors.push(`${when}: alert "${a.trim()}"`);
      if (await page.getByText('Geen toegang').count()) errors.push(`${when}: "Geen toegang"`);
      if ((await page.locator('.ProseMirror').getAttribute('contenteditable')) !== 'true') errors.push(`${when}: editor not editable`);
    };
    const words: string[] = [];
    const typeWord = async (tag: string) => {
      const word = `woord${words.length}${tag}`;
      words.push(word);
      await page.keyboard.type(`${word} `);
      await look(`after ${word}`);
    };

    for (let n = 0; n < 3; n++) await typeWord('voor');
    for (let i = 0; i < 2; i++) {
      procs[i]!.child.kill('SIGTERM');
      let exited = false;
      void procs[i]!.exited.then(() => (exited = true));
      // Keep typing while the process stops and the page moves to the other one.
      while (!exited) await typeWord(`tijdens${i}`);
      expect(await procs[i]!.exited, procs[i]!.output()).toBe(0);
      await page.getByText('Verbonden').waitFor({ timeout: 2_000 });
      for (let n = 0; n < 3; n++) await typeWord(`na${i}`);
      procs[i] = startProcess(ports[i]!, env, cleanups);
      await ready(ports[i]!, procs[i]!);
    }
    await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toBe('Opgeslagen');
    expect(errors).toEqual([]);

    // Another user, on whichever process the proxy picks, reads every word.
    const other = await newUserPage(browser, asServer, 'politie@politie.test');
    await other.page.goto(`${base}/huishoudens/${household!.id}/documenten/${plan!.id}`);
    await other.page.getByText('Verbonden').waitFor();
    const last = words.at(-1)!;
    await other.page.getByText(last, { exact: false }).waitFor({ timeout: 10_000 });
    const text = await other.page.locator('.ProseMirror').innerText();
    expect(words.filter((w) => !text.includes(w))).toEqual([]);
  }, 240_000);
});
