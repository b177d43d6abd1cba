// Collab persistence figures: load time of a document with 10,000 log rows before and after compaction,
// rows written per 1,000 keystrokes, and heap per open document. PGlite always; PostgreSQL too when
// TEST_DATABASE_URL is set (in a throwaway database).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { eq } from 'drizzle-orm';
import { benchEngines, openScratchDatabase, type Engine } from '../support/scratch-db.ts';
import * as Y from 'yjs';
import { loadConfig } from '../../server/config.ts';
import type { Deps } from '../../server/context.ts';
import type { Database } from '../../server/db/client.ts';
import { docUpdates } from '../../server/db/schema.ts';
import { createLogger } from '../../server/logger.ts';
import { Metrics } from '../../server/metrics.ts';
import { LocalHub } from '../../server/realtime/hub.ts';
import { startServer } from '../../server/server.ts';
import { RoomManager } from '../../server/collab/rooms.ts';
import { compactDocument } from '../../server/collab/persistence.ts';
import { getCollab } from '../../server/documents/module.ts';
import { templateState } from '../../server/documents/templates.ts';
import { connectClient, waitFor } from '../support/collab.ts';
import { ApiClient } from '../support/client.ts';
import { createHousehold, createUser, planOf } from '../support/factories.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Single-character updates, as a client typing would produce them (one Yjs update per keystroke). */
function keystrokeUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  p.insert(0, [text]);
  doc.getXmlFragment('default').insert(0, [p]);
  for (let i = 0; i < count; i++) text.insert(text.length, i % 60 === 59 ? ' ' : String.fromCharCode(97 + (i % 26)));
  return updates;
}

function roomManager(database: Database): RoomManager {
  const deps = { db: database.db, hub: new LocalHub(), log: createLogger('error'), metrics: new Metrics(), now: () => new Date() } as unknown as Deps;
  return new RoomManager(deps, { template: templateState });
}

async function loadTimes(rooms: RoomManager, documentId: string, runs = 5) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await rooms.withRoom(documentId, () => {});
    times.push(performance.now() - started);
  }
  return median(times);
}

async function benchLoad(database: Database) {
  const db = database.db;
  const user = await createUser(db);
  const household = await createHousehold(db, { regievoerderId: user.id });
  const plan = await planOf(db, household.id);
  const updates = keystrokeUpdates(10_000);
  for (let i = 0; i < updates.length; i += 1000) {
    await db.insert(docUpdates).values(updates.slice(i, i + 1000).map((data) => ({ documentId: plan.id, data })));
  }
  const rooms = roomManager(database);
  const before = await loadTimes(rooms, plan.id);
  const started = performance.now();
  const result = await compactDocument(db, plan.id);
  const compactMs = performance.now() - started;
  const after = await loadTimes(rooms, plan.id);
  await rooms.close();
  return { before, after, compactMs, folded: result?.foldedRows ?? 0, snapshotBytes: result?.snapshotBytes ?? 0 };
}

async function benchKeystrokes(database: Database, keystrokes = 1000, intervalMs = 20) {
  const config = { ...loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' }) };
  const server = await startServer(config, { database });
  try {
    const user = await createUser(database.db);
    const household = await createHousehold(database.db, { regievoerderId: user.id });
    const plan = await planOf(database.db, household.id);
    const api = await new ApiClient(server.url).login(user.email);
    const client = connectClient(server.url, api, plan.id);
    await new Promise<void>((resolve) => client.provider.once('sync', () => resolve()));
    const rowsBefore = (await database.db.select({ id: docUpdates.id }).from(docUpdates).where(eq(docUpdates.documentId, plan.id))).length;
    const p = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    p.insert(0, [text]);
    client.fragment.insert(client.fragment.length, [p]);
    for (let i = 0; i < keystrokes - 1; i++) {
      text.insert(text.length, String.fromCharCode(97 + (i % 26)));
      await new Promise((r) => setTimeout(r, intervalMs));
    }
    const rooms = getCollab(server.deps);
    await waitFor(() => rooms.get(plan.id)!.doc.getXmlFragment('default').toString() === client.fragment.toString(), 'server caught up', 60_000);
    await rooms.flush(plan.id);
    const rows = await database.db.select({ count: docUpdates.updateCount }).from(docUpdates).where(eq(docUpdates.documentId, plan.id));
    client.destroy();
    return { rows: rows.length - rowsBefore, updates: rows.slice(rowsBefore).reduce((n, r) => n + r.count, 0) };
  } finally {
    await server.close();
  }
}

async function benchMemory(database: Database, n = 50) {
  const db = database.db;
  const user = await createUser(db);
  const ids: string[] = [];
  // A typical plan: the template plus about 3,000 typed characters.
  const typing = keystrokeUpdates(3000);
  for (let i = 0; i < n; i++) {
    const household = await createHousehold(db, { regievoerderId: user.id });
    const plan = await planOf(db, household.id);
    await db.insert(docUpdates).values([
      { documentId: plan.id, data: templateState('plan') },
      { documentId: plan.id, data: Y.mergeUpdates(typing) },
    ]);
    ids.push(plan.id);
  }
  const rooms = roomManager(database);
  // Keep every room loaded by holding it open inside withRoom until all are measured.
  let releaseAll!: () => void;
  const hold = new Promise<void>((r) => (releaseAll = r));
  gc();
  const base = process.memoryUsage().heapUsed;
  const loaded: Promise<unknown>[] = [];
  let ready = 0;
  for (const id of ids)
    loaded.push(
      rooms.withRoom(id, async () => {
        ready++;
        await hold;
      }),
    );
  await waitFor(() => ready === n, 'rooms loaded', 60_000);
  gc();
  const perRoom = (process.memoryUsage().heapUsed - base) / n;
  releaseAll();
  await Promise.all(loaded);
  await rooms.close();
  return { n, perRoomKiB: perRoom / 1024 };
}

async function withEngine(name: Engine) {
  const { database, dispose } = await openScratchDatabase(name);
  try {
    const load = await benchLoad(database);
    const keys = await benchKeystrokes(database);
    const mem = await benchMemory(database);
    return { name, load, keys, mem };
  } finally {
    await dispose();
  }
}

export async function run() {
  const results = [];
  for (const engine of benchEngines()) results.push(await withEngine(engine));
  const rows: Record<string, string>[] = [];
  for (const r of results) {
    rows.push({
      engine: r.name,
      'load 10k-row log (median of 5)': ms(r.load.before),
      compaction: `${ms(r.load.compactMs)} (${r.load.folded} rows → ${(r.load.snapshotBytes / 1024).toFixed(1)} KiB)`,
      'load after compaction': ms(r.load.after),
      'rows per 1,000 keystrokes (20 ms apart)': `${r.keys.rows} rows for ${r.keys.updates} updates`,
      [`heap per open plan (${r.mem.n} rooms)`]: `${r.mem.perRoomKiB.toFixed(0)} KiB`,
    });
  }
  console.table(rows);
}
