// A long log is folded when its document loads, and a fold only ever removes the rows it holds.
// Runs on PGlite and on PostgreSQL (test/run.mjs runs the integration suite once per engine); the case of a
// row committed out of id order needs two connections and runs on PostgreSQL only.
import { describe, expect, it, inject } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import postgres from 'postgres';
import * as Y from 'yjs';
import { compactDocument, foldLog, loadDocumentState } from '../../server/collab/persistence.ts';
import { docSnapshots, docUpdates } from '../../server/db/schema.ts';
import { getCollab } from '../../server/documents/module.ts';
import { templateState } from '../../server/documents/templates.ts';
import { appendParagraph, bodyText, connectClient, useCollabServer, waitFor } from '../support/collab.ts';
import { householdWithCast, planOf } from '../support/factories.ts';

const env = useCollabServer();
const db = () => env.server.database.db;
const databaseUrl = inject('databaseUrl');

const logOf = (documentId: string) => db().select().from(docUpdates).where(eq(docUpdates.documentId, documentId)).orderBy(asc(docUpdates.id));
const snapshotsOf = (documentId: string) => db().select().from(docSnapshots).where(eq(docSnapshots.documentId, documentId));

/** The template and then `keystrokes` one-letter updates, each its own update (as the bench's cold load writes them). */
function keystrokeHistory(keystrokes: number) {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  Y.applyUpdate(doc, templateState('plan'));
  appendParagraph(doc.getXmlFragment('default'), '');
  const fragment = doc.getXmlFragment('default');
  const text = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
  for (let i = 0; i < keystrokes; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  return { updates, text: bodyText(fragment) };
}

/** The text of what is stored (snapshot + log), read as a load reads it. */
async function storedText(documentId: string) {
  const state = await loadDocumentState(db(), documentId, templateState);
  const doc = new Y.Doc();
  for (const u of state!.updates) Y.applyUpdate(doc, u);
  return bodyText(doc.getXmlFragment('default'));
}

describe('folding the log at load', () => {
  it('a document whose log is past the threshold is folded into one snapshot at load, with identical content', async () => {
    const { household, api } = await householdWithCast(db(), env.server.url);
    const plan = await planOf(db(), household.id);
    const history = keystrokeHistory(700);
    await db()
      .insert(docUpdates)
      .values(history.updates.map((data) => ({ documentId: plan.id, data })));
    expect(await logOf(plan.id)).toHaveLength(history.updates.length);

    const a = connectClient(env.server.url, api.partner, plan.id);
    env.clients.push(a);
    await a.synced();
    expect(bodyText(a.fragment)).toBe(history.text);
    await waitFor(async () => (await logOf(plan.id)).length === 0, 'the log to be folded');
    expect(await snapshotsOf(plan.id)).toHaveLength(1);
    const rooms = getCollab(env.server.deps);
    expect(rooms.get(plan.id)!.logRows).toBe(0);
    expect(await storedText(plan.id)).toBe(history.text);

    // Editing goes on after the fold, and the next load reads the snapshot and the new rows.
    appendParagraph(a.fragment, 'na het vouwen');
    await waitFor(() => bodyText(rooms.get(plan.id)!.doc.getXmlFragment('default')).includes('na het vouwen'), 'apply');
    await rooms.flush(plan.id);
    a.destroy();
    await waitFor(() => rooms.get(plan.id) === undefined, 'unload');
    expect(await storedText(plan.id)).toBe(`${history.text}\nna het vouwen`);
    const b = connectClient(env.server.url, api.regie, plan.id);
    env.clients.push(b);
    await b.synced();
    expect(bodyText(b.fragment)).toBe(`${history.text}\nna het vouwen`);
  });

  it('a log under the threshold is left as it is at load', async () => {
    const { household, api } = await householdWithCast(db(), env.server.url);
    const plan = await planOf(db(), household.id);
    const history = keystrokeHistory(20);
    await db()
      .insert(docUpdates)
      .values(history.updates.map((data) => ({ documentId: plan.id, data })));
    const a = connectClient(env.server.url, api.partner, plan.id);
    env.clients.push(a);
    await a.synced();
    expect(bodyText(a.fragment)).toBe(history.text);
    await getCollab(env.server.deps).flush(plan.id);
    expect(await logOf(plan.id)).toHaveLength(history.updates.length);
    expect(await snapshotsOf(plan.id)).toHaveLength(0);
  });

  it('a fold from a load that another compaction overtook is dropped, and nothing is lost', async () => {
    const { household } = await householdWithCast(db(), env.server.url);
    const plan = await planOf(db(), household.id);
    const history = keystrokeHistory(30);
    await db()
      .insert(docUpdates)
      .values(history.updates.slice(0, 20).map((data) => ({ documentId: plan.id, data })));
    const loaded = (await loadDocumentState(db(), plan.id, templateState))!;
    const staleMerge = Y.mergeUpdates(loaded.updates);
    await db()
      .insert(docUpdates)
      .values(history.updates.slice(20).map((data) => ({ documentId: plan.id, data })));
    expect((await compactDocument(db(), plan.id))?.foldedRows).toBe(history.updates.length);
    expect(await foldLog(db(), plan.id, loaded.source, staleMerge)).toBeNull();
    expect(await snapshotsOf(plan.id)).toHaveLength(1);
    expect(await storedText(plan.id)).toBe(history.text);
  });

  it('concurrent first loads of a never-edited document write its template once', async () => {
    const { household } = await householdWithCast(db(), env.server.url);
    const plan = await planOf(db(), household.id);
    const template = templateState('plan');
    const loads = await Promise.all(Array.from({ length: 4 }, () => loadDocumentState(db(), plan.id, () => template)));
    expect(await logOf(plan.id)).toHaveLength(1);
    for (const l of loads) expect(l!.updates).toHaveLength(1);
    expect(loads.every((l) => l!.householdStatus === 'open')).toBe(true);
  });

  it.skipIf(!databaseUrl)('a row committed after a compaction read the log keeps its content, even with a lower id (PostgreSQL)', async () => {
    const { household } = await householdWithCast(db(), env.server.url);
    const plan = await planOf(db(), household.id);
    // templateState builds a fresh Y document each call (new client ids): one, shared by both editors.
    const template = templateState('plan');
    await db().insert(docUpdates).values({ documentId: plan.id, data: template });
    // Two editors' paragraphs, each built only on the template.
    const edit = (text: string) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, template);
      const before = Y.encodeStateVector(doc);
      appendParagraph(doc.getXmlFragment('default'), text);
      return Y.encodeStateAsUpdate(doc, before);
    };
    const other = postgres(databaseUrl!, { max: 2, onnotice: () => {} });
    try {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let inserted!: () => void;
      const insertedP = new Promise<void>((r) => (inserted = r));
      // Another process's group commit: its row takes the lower id but commits last.
      const late = other.begin(async (tx) => {
        await tx`INSERT INTO doc_updates (document_id, data, update_count) VALUES (${plan.id}, ${Buffer.from(edit('trage schrijver'))}, 1)`;
        inserted();
        await gate;
      });
      await insertedP;
      await db()
        .insert(docUpdates)
        .values({ documentId: plan.id, data: edit('snelle schrijver') });
      // The compaction reads the log without the uncommitted row, then waits for the documents row lock (the
      // insert's foreign key holds it) and writes its snapshot once the late row has committed.
      const compaction = compactDocument(db(), plan.id);
      await waitFor(async () => {
        const [row] = await other`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        return row!.n > 0;
      }, 'the compaction to wait for the documents row');
      release();
      await late;
      expect((await compaction)?.foldedRows).toBe(2);
      const text = await storedText(plan.id);
      expect(text).toContain('snelle schrijver');
      expect(text).toContain('trage schrijver');
    } finally {
      await other.end();
    }
  });
});
