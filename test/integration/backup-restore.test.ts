// `npm run backup` / `npm run restore` on the run's engine: a database with documents (typed text), versions,
// actions and audit rows is backed up, wiped, restored, and every table and every document's text are equal.
// A restore into a database that is not empty is refused without --force.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { getCollab } from '../../server/documents/module.ts';
import { createActionVia } from '../support/board.ts';
import { appendParagraph, connectClient, waitFor } from '../support/collab.ts';
import { householdWithCast } from '../support/factories.ts';
import { startTestServer } from '../support/server.ts';

const root = new URL('../../', import.meta.url).pathname;
const onPostgres = inject('databaseUrl') !== null;
let tmp: string;
let target: { DATABASE_URL?: string; DATA_DIR?: string };
let wipe: () => Promise<void>;
let dropAll = async () => {};

beforeAll(async () => {
  const built = spawnSync('node', ['scripts/build-server.mjs'], { cwd: root, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  tmp = mkdtempSync(join(tmpdir(), 'casustafel-backup-'));
  if (onPostgres) {
    // A database of its own (the run's shared one has other files' data in it), dropped and re-created as the wipe.
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `casustafel_backup_${process.pid}_${Date.now()}`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    target = { DATABASE_URL: Object.assign(new URL(process.env.TEST_DATABASE_URL!), { pathname: `/${name}` }).toString() };
    wipe = async () => {
      await admin.unsafe(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE ${name}`);
    };
    dropAll = async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    target = { DATA_DIR: join(tmp, 'data') };
    wipe = async () => rmSync(target.DATA_DIR!, { recursive: true, force: true });
  }
});
afterAll(async () => {
  await dropAll();
  rmSync(tmp, { recursive: true, force: true });
});

const open = () => openDatabase({ databaseUrl: target.DATABASE_URL, dataDir: target.DATA_DIR ?? '' });

function cli(command: 'backup' | 'restore', ...args: string[]): Promise<{ code: number | null; stderr: string }> {
  const { DATABASE_URL: _d, DATA_DIR: _p, NODE_ENV: _n, ...inherited } = process.env;
  const child = spawn('node', [`dist/server/${command}.js`, ...args], { cwd: root, env: { ...inherited, ...target } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

const rows = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<string, unknown>[];

/** Every row of every table (and drizzle's migration log), bytes as base64, sorted: comparable as JSON. */
async function snapshot(database: Database): Promise<Record<string, string[]>> {
  const tables = rows(
    await database.db.execute(
      sql`select table_schema as s, table_name as t from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1, 2`,
    ),
  );
  const out: Record<string, string[]> = {};
  for (const { s, t } of tables) {
    const data = rows(await database.db.execute(sql.raw(`select * from "${s}"."${t}"`)));
    out[`${s}.${t}`] = data
      .map((row) => JSON.stringify(row, (_k, v) => (v instanceof Uint8Array || (v && v.type === 'Buffer') ? Buffer.from(v.data ?? v).toString('base64') : v)))
      .sort();
  }
  return out;
}

describe('backup and restore', () => {
  it('brings back every table and every document text after a wipe; refuses a non-empty target without --force', async () => {
    let database = await open();
    await database.migrate();
    // DATA_DIR is where the generated secret key lives (and, with PGlite, the database too).
    const dataDir = target.DATA_DIR ?? join(tmp, 'data-dir');
    let server = await startTestServer({ database, config: { dataDir, secretKey: undefined } });
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(true);
    const { api, household } = await householdWithCast(database.db, server.url);
    // Board: an open action, one claimed and completed.
    await createActionVia(api.regie, household.id, { title: 'Veiligheidsplan opstellen' });
    const done = await createActionVia(api.regie, household.id, { title: 'Huisbezoek afleggen' });
    const claimed = await api.partner.post(`/api/actions/${done.id}/claim`, { version: done.version });
    await api.partner.post(`/api/actions/${done.id}/complete`, { version: claimed.body.action.version, note: 'Gedaan' });
    // Documents: text typed live, a named version, then more text.
    const [plan] = rows(await database.db.execute(sql`select id from documents where household_id = ${household.id} and kind = 'plan'`));
    const planId = String(plan!.id);
    const editor = connectClient(server.url, api.regie, planId);
    await editor.synced();
    appendParagraph(editor.fragment, 'Afspraak: dagelijks contact met het wijkteam.');
    await waitFor(async () => JSON.stringify((await api.regie.get(`/api/documents/${planId}/content`)).body).includes('dagelijks contact'), 'typed text saved');
    expect((await api.regie.post(`/api/documents/${planId}/versions`, { name: 'Eerste versie' })).status).toBe(201);
    appendParagraph(editor.fragment, 'Na de versie: evaluatie over twee weken.');
    await waitFor(async () => JSON.stringify((await api.regie.get(`/api/documents/${planId}/content`)).body).includes('twee weken'), 'the last edit');
    await getCollab(server.deps).flush(planId);
    editor.destroy();

    const texts = async () => {
      const all = rows(await database.db.execute(sql`select id from documents order by id`)).map((r) => String(r.id));
      return Promise.all(all.map(async (id) => JSON.stringify((await api.regie.get(`/api/documents/${id}/content`)).body)));
    };
    const textsBefore = await texts();
    if (!onPostgres) {
      // PGlite is single-process: a backup while the server has DATA_DIR open is refused, not attempted.
      const busy = await cli('backup', join(tmp, 'while-running.tar.gz'));
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain('in use');
    }
    const port = server.port;
    expect(textsBefore.join()).toContain('evaluatie over twee weken');
    await server.close();
    const before = await snapshot(database);
    expect(before['public.audit_log']!.length).toBeGreaterThan(3);
    expect(before['public.doc_versions']!.length).toBe(1);
    await database.close();

    const file = join(tmp, onPostgres ? 'casustafel.pgdump' : 'casustafel.tar.gz');
    const backedUp = await cli('backup', file);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect(backedUp.stderr).not.toContain('@');
    // The secret key is kept out of database backups (the PGlite dump is the whole DATA_DIR otherwise).
    const content = onPostgres ? readFileSync(file) : gunzipSync(readFileSync(file));
    expect(content.includes(Buffer.from('secret.key'))).toBe(false);
    expect(content.includes(readFileSync(join(dataDir, 'secret.key')))).toBe(false);

    const refused = await cli('restore', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');

    await wipe();
    const restored = await cli('restore', file);
    expect(restored.code, restored.stderr).toBe(0);

    database = await open();
    expect(await snapshot(database)).toEqual(before);
    // On the same port, so the clients (and their sessions, restored too) talk to it as before.
    server = await startTestServer({ database, config: { port, dataDir, secretKey: undefined } });
    try {
      expect(await texts()).toEqual(textsBefore);
    } finally {
      await server.close();
      await database.close();
    }
  }, 300_000); // PGlite creations and CLI starts are slow on a busy machine
});
