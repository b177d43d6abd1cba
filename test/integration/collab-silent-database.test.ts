// A database that goes silent (connections stop answering, nothing is closed) must not stall saving
// unnoticed: health says so, every edit typed meanwhile is stored soon after the database is back, and a
// shutdown during the outage is bounded and loses nothing (spilled to DATA_DIR, replayed at the next start).
// PostgreSQL: a TCP proxy in front of it cuts every connection silently. PGlite: a transaction that never
// ends holds the one connection, so every other call waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import * as Y from 'yjs';
import { asc, eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { docSnapshots, docUpdates, documents } from '../../server/db/schema.ts';
import { spillDir } from '../../server/collab/spill.ts';
import type { Config } from '../../server/config.ts';
import { appendParagraph, bodyText, connectClient, waitFor, type CollabClient } from '../support/collab.ts';
import { householdWithCast, planOf } from '../support/factories.ts';
import { openTestDatabase, startTestServer, type TestServer } from '../support/server.ts';
import { SilentProxy } from '../support/tcp-proxy.ts';
import { startChildServer } from '../support/child-server.ts';

const SILENCE_MS = 8_000;
const durability: Config['durability'] = {
  flushWindowMs: 100,
  dbQueryTimeoutMs: 2_000,
  dbConnectTimeoutMs: 2_000,
  dbWriteTimeoutMs: 2_000,
  healthDbTimeoutMs: 1_000,
  shutdownFlushMs: 3_000,
};

interface Outage {
  /** The database the server uses (through the proxy on PostgreSQL). */
  database: Database;
  /** A direct handle for the test's own reads. */
  direct: Database;
  silence(): void;
  restore(): void;
  close(): Promise<void>;
}

async function postgresOutage(url: string): Promise<Outage & { proxy: SilentProxy }> {
  const proxy = await SilentProxy.start(url);
  const database = await openDatabase({
    databaseUrl: proxy.urlFor(url),
    dataDir: '',
    queryTimeoutMs: durability.dbQueryTimeoutMs,
    connectTimeoutMs: durability.dbConnectTimeoutMs,
  });
  const direct = await openDatabase({ databaseUrl: url, dataDir: '' });
  return {
    proxy,
    database,
    direct,
    silence: () => proxy.silence(),
    restore: () => proxy.restore(),
    close: async () => {
      await Promise.allSettled([database.close(), direct.close()]);
      await proxy.close();
    },
  };
}

async function pgliteOutage(): Promise<Outage> {
  const database = await openTestDatabase();
  let release: (() => void) | undefined;
  return {
    database,
    direct: database,
    silence: () => {
      const held = new Promise<void>((resolve) => (release = resolve));
      void database.db.transaction(async (tx) => {
        await tx.select({ id: documents.id }).from(documents).limit(1);
        await held;
      });
    },
    restore: () => release?.(),
    close: () => database.close(),
  };
}

/** The document's text as stored in the database (snapshot + log), read directly. */
async function storedText(db: Database['db'], documentId: string): Promise<string> {
  const doc = new Y.Doc();
  const snaps = await db.select({ data: docSnapshots.data }).from(docSnapshots).where(eq(docSnapshots.documentId, documentId));
  const rows = await db.select({ data: docUpdates.data }).from(docUpdates).where(eq(docUpdates.documentId, documentId)).orderBy(asc(docUpdates.id));
  for (const r of [...snaps, ...rows]) Y.applyUpdate(doc, r.data);
  return bodyText(doc.getXmlFragment('default'));
}

/** Appends `w<n>-<i>` paragraphs every 100 ms until stopped; returns the tokens typed. */
function typist(client: CollabClient, n: number) {
  const tokens: string[] = [];
  let i = 0;
  const type = () => {
    const token = `w${n}-${i++}`;
    appendParagraph(client.fragment, token);
    tokens.push(token);
  };
  const timer = setInterval(type, 100);
  return { tokens, type, stop: () => clearInterval(timer) };
}

const health = (url: string) => fetch(url + '/api/health').then(async (r) => ({ status: r.status, body: (await r.json()) as { database: string } }));

const databaseUrl = inject('databaseUrl');
const engine = databaseUrl ? 'PostgreSQL' : 'PGlite';

describe(`a silent database (${engine})`, () => {
  let outage: Outage;
  let server: TestServer;
  const clients: CollabClient[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'casustafel-silent-'));

  beforeAll(async () => {
    outage = databaseUrl ? await postgresOutage(databaseUrl) : await pgliteOutage();
    server = await startTestServer({ database: outage.database, config: { durability, dataDir } });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    outage.restore();
    await server?.close();
    await outage?.close();
  });

  it('reports the database down within 15 s, keeps every edit typed meanwhile, and stores them all within 20 s of its return', async () => {
    const { household, api } = await householdWithCast(outage.direct.db, server.url);
    const plan = await planOf(outage.direct.db, household.id);
    const a = connectClient(server.url, api.partner, plan.id);
    const b = connectClient(server.url, api.regie, plan.id);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    expect((await health(server.url)).body.database).toBe('up');

    const typists = [typist(a, 1), typist(b, 2)];
    const silencedAt = Date.now();
    outage.silence();
    await waitFor(async () => (await health(server.url)).status === 503, 'health to report the database down', 15_000);
    expect((await health(server.url)).body).toMatchObject({ ok: false, database: 'down' });
    const downAfter = Date.now() - silencedAt;
    await new Promise((r) => setTimeout(r, Math.max(0, SILENCE_MS - downAfter)));
    for (const t of typists) t.stop();
    const typed = typists.flatMap((t) => t.tokens);
    // The other client has every edit: the server applied them all while the database was silent.
    await waitFor(() => typed.every((t) => bodyText(a.fragment).includes(t) && bodyText(b.fragment).includes(t)), 'both clients to have every edit');
    outage.restore();
    const back = Date.now();
    await waitFor(
      async () => {
        const text = await storedText(outage.direct.db, plan.id);
        return typed.every((t) => text.includes(t));
      },
      'every edit to be in the database',
      20_000,
    );
    console.log(
      `[silent database, ${engine}] health down after ${downAfter} ms; ${typed.length} edits stored ${Date.now() - back} ms after the database returned`,
    );
    await waitFor(async () => (await health(server.url)).status === 200, 'health to report the database up again', 10_000);
  });

  it('a shutdown during the outage ends within its deadline and loses nothing: spilled to DATA_DIR, replayed at the next start', async () => {
    const { household, api } = await householdWithCast(outage.direct.db, server.url);
    const plan = await planOf(outage.direct.db, household.id);
    const a = connectClient(server.url, api.partner, plan.id);
    const observer = connectClient(server.url, api.regie, plan.id);
    await Promise.all([a.synced(), observer.synced()]);
    outage.silence();
    const typed: string[] = [];
    for (let i = 0; i < 20; i++) {
      const token = `spill-${i}`;
      appendParagraph(a.fragment, token);
      typed.push(token);
    }
    await waitFor(() => typed.every((t) => bodyText(observer.fragment).includes(t)), 'the server to apply every edit');
    const started = Date.now();
    await server.stop();
    const took = Date.now() - started;
    // Clients must not bring the edits back themselves after the restart.
    a.destroy();
    observer.destroy();
    expect(took).toBeLessThan(durability.shutdownFlushMs + 6_000);
    expect(readdirSync(spillDir(dataDir)).filter((n) => n.endsWith('.json'))).toHaveLength(1);
    outage.restore();
    server = await startTestServer({ database: outage.database, config: { durability, dataDir } });
    const text = await storedText(outage.direct.db, plan.id);
    expect(typed.filter((t) => !text.includes(t))).toEqual([]);
    expect(readdirSync(spillDir(dataDir)).filter((n) => n.endsWith('.json'))).toEqual([]);
    console.log(`[silent database, ${engine}] shutdown during the outage took ${took} ms; ${typed.length} edits spilled and replayed`);
  });

  // PostgreSQL only: a separate process cannot be made to stall an embedded PGlite from outside.
  if (databaseUrl)
    it('SIGTERM to the real process during the outage, and a restart afterwards, lose nothing', async () => {
      const proxy = (outage as Outage & { proxy: SilentProxy }).proxy;
      const childDir = mkdtempSync(join(tmpdir(), 'casustafel-sigterm-'));
      const env = {
        DATABASE_URL: proxy.urlFor(databaseUrl!),
        DATA_DIR: childDir,
        FLUSH_WINDOW_MS: '100',
        DB_QUERY_TIMEOUT_MS: '2000',
        DB_CONNECT_TIMEOUT_MS: '2000',
        DB_WRITE_TIMEOUT_MS: '2000',
        HEALTH_DB_TIMEOUT_MS: '1000',
        SHUTDOWN_FLUSH_MS: '3000',
      };
      let child = await startChildServer(env);
      const { household, api } = await householdWithCast(outage.direct.db, child.url);
      const plan = await planOf(outage.direct.db, household.id);
      const a = connectClient(child.url, api.partner, plan.id);
      const observer = connectClient(child.url, api.regie, plan.id);
      await Promise.all([a.synced(), observer.synced()]);
      outage.silence();
      const typed = Array.from({ length: 20 }, (_, i) => `sigterm-${i}`);
      for (const t of typed) appendParagraph(a.fragment, t);
      await waitFor(() => typed.every((t) => bodyText(observer.fragment).includes(t)), 'the server to apply every edit');
      const started = Date.now();
      child.proc.kill('SIGTERM');
      const code = await child.exited;
      const took = Date.now() - started;
      a.destroy();
      observer.destroy();
      expect(code).toBe(0);
      expect(took).toBeLessThan(15_000);
      outage.restore();
      child = await startChildServer(env, child.port);
      const text = await storedText(outage.direct.db, plan.id);
      child.proc.kill('SIGTERM');
      await child.exited;
      expect(typed.filter((t) => !text.includes(t))).toEqual([]);
      console.log(`[silent database, ${engine}] SIGTERM during the outage: exit 0 after ${took} ms; all ${typed.length} edits stored after restart`);
    }, 120_000);
});
