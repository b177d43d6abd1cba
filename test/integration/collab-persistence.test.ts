// Durability of live documents: batching, restart, offline edits, compaction, unloading.
// Runs on PGlite and on PostgreSQL (test/run.mjs runs the integration suite once per engine).
import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { docSnapshots, docUpdates } from '../../server/db/schema.ts';
import { getCollab } from '../../server/documents/module.ts';
import { appendParagraph, bodyText, connectClient, waitFor, useCollabServer } from '../support/collab.ts';
import { householdWithCast, planOf } from '../support/factories.ts';

const env = useCollabServer();

const db = () => env.server.database.db;
const rowsOf = (documentId: string) => db().select().from(docUpdates).where(eq(docUpdates.documentId, documentId)).orderBy(asc(docUpdates.id));
const client = (api: Parameters<typeof connectClient>[1], documentId: string) => {
  const c = connectClient(env.server.url, api, documentId);
  env.clients.push(c);
  return c;
};

describe('persistence of live documents', () => {
  it('writes far fewer rows than updates (one row per document per flush window)', async () => {
    const { household, api } = await householdWithCast(db(), env.server.url);
    const plan = await planOf(db(), household.id);
    const a = client(api.partner, plan.id);
    await a.synced();
    const before = (await rowsOf(plan.id)).length;
    const text = a.doc.getXmlFragment('default');
    appendParagraph(text, '');
    const para = text.get(text.length - 1) as unknown as { get(i: number): { insert(i: number, s: string): void; length: number } };
    // 200 keystrokes, one every 2 ms: at least 400 ms, so a few group-commit windows.
    const started = performance.now();
    for (let i = 0; i < 200; i++) {
      const t = para.get(0);
      t.insert(t.length, 'x');
      await new Promise((r) => setTimeout(r, 2));
    }
    const room = getCollab(env.server.deps).get(plan.id)!;
    await waitFor(() => bodyText(room.doc.getXmlFragment('default')).includes('x'.repeat(200)), 'server to receive every keystroke');
    const windows = (performance.now() - started) / env.server.deps.config.durability.flushWindowMs;
    await getCollab(env.server.deps).flush(plan.id);
    const rows = (await rowsOf(plan.id)).slice(before);
    // At most one row per window (plus the partial windows at both ends), far fewer than 200.
    expect(rows.length).toBeLessThanOrEqual(Math.ceil(windows) + 2);
    expect(rows.length).toBeLessThan(60);
    expect(rows.reduce((n, r) => n + r.updateCount, 0)).toBeGreaterThanOrEqual(200);
  });

  it('keeps every flushed edit across a env.server restart, and unloads the room when the last client left', async () => {
    const { household, api } = await householdWithCast(db(), env.server.url);
    const plan = await planOf(db(), household.id);
    const a = client(api.partner, plan.id);
    await a.synced();
    appendParagraph(a.fragment, 'Blijft bewaard na herstart');
    const rooms = getCollab(env.server.deps);
    await waitFor(() => bodyText(rooms.get(plan.id)!.doc.getXmlFragment('default')).includes('herstart'), 'server to apply');
    a.destroy();
    await waitFor(() => rooms.get(plan.id) === undefined, 'room to unload after flush');
    env.server = await env.server.restart();
    const b = client(api.regie, plan.id);
    await b.synced();
    expect(bodyText(b.fragment)).toContain('Blijft bewaard na herstart');
    // The template was written exactly once.
    expect(bodyText(b.fragment).match(/Aanleiding en signalen/g)).toHaveLength(1);
  });

  it('delivers an edit made while the env.server was down once it is back', async () => {
    const { household, api } = await householdWithCast(db(), env.server.url);
    const plan = await planOf(db(), household.id);
    const a = client(api.partner, plan.id);
    await a.synced();
    await env.server.stop();
    await waitFor(() => !a.provider.wsconnected, 'client to notice the outage');
    appendParagraph(a.fragment, 'Offline getypt');
    env.server = await env.server.restart();
    const b = client(api.regie, plan.id);
    await b.synced();
    await waitFor(() => bodyText(b.fragment).includes('Offline getypt'), 'offline edit to arrive');
    await getCollab(env.server.deps).flush(plan.id);
    const content = await api.regie.get(`/api/documents/${plan.id}/content`);
    expect(content.body.html).toContain('Offline getypt');
  });

  it('flushes pending updates on shutdown', async () => {
    const { household, api } = await householdWithCast(db(), env.server.url);
    const plan = await planOf(db(), household.id);
    const a = client(api.partner, plan.id);
    await a.synced();
    appendParagraph(a.fragment, 'Net voor het afsluiten');
    const rooms = getCollab(env.server.deps);
    await waitFor(() => bodyText(rooms.get(plan.id)!.doc.getXmlFragment('default')).includes('afsluiten'), 'server to apply');
    a.destroy();
    env.server = await env.server.restart();
    // The first request may hit a keep-alive socket of the stopped env.server; retry once.
    const content = await api.regie.get(`/api/documents/${plan.id}/content`).catch(() => api.regie.get(`/api/documents/${plan.id}/content`));
    expect(content.body.html).toContain('Net voor het afsluiten');
  });

  it('compaction leaves the content identical with fewer rows, and editing continues', async () => {
    const { household, api } = await householdWithCast(db(), env.server.url);
    const plan = await planOf(db(), household.id);
    const a = client(api.partner, plan.id);
    await a.synced();
    const rooms = getCollab(env.server.deps);
    for (let i = 0; i < 30; i++) {
      appendParagraph(a.fragment, `alinea ${i}`);
      await waitFor(() => bodyText(rooms.get(plan.id)!.doc.getXmlFragment('default')).includes(`alinea ${i}`), 'apply');
      await rooms.flush(plan.id);
    }
    const before = await api.regie.get(`/api/documents/${plan.id}/content`);
    const rowsBefore = (await rowsOf(plan.id)).length;
    expect(rowsBefore).toBeGreaterThanOrEqual(30);
    const result = await rooms.compact(plan.id);
    expect(result?.foldedRows).toBe(rowsBefore);
    expect((await rowsOf(plan.id)).length).toBe(0);
    expect(await db().select().from(docSnapshots).where(eq(docSnapshots.documentId, plan.id))).toHaveLength(1);
    appendParagraph(a.fragment, 'na compactie');
    await waitFor(() => bodyText(rooms.get(plan.id)!.doc.getXmlFragment('default')).includes('na compactie'), 'apply');
    a.destroy();
    await waitFor(() => rooms.get(plan.id) === undefined, 'unload');
    // Loaded fresh from snapshot + log.
    const after = await api.regie.get(`/api/documents/${plan.id}/content`);
    expect(after.body.html).toBe(before.body.html + '<p>na compactie</p>');
  });
});
