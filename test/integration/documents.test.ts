// Documents API: meetings, document metadata, versions (list/view/restore), content export, locks.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, documents } from '../../server/db/schema.ts';
import { getCollab } from '../../server/documents/module.ts';
import { appendParagraph, bodyText, connectClient, waitFor, type CollabClient, useCollabServer } from '../support/collab.ts';
import { householdWithCast } from '../support/factories.ts';

const env = useCollabServer();

async function cast() {
  const c = await householdWithCast(env.server.database.db, env.server.url);
  const [plan] = await env.server.database.db
    .select()
    .from(documents)
    .where(and(eq(documents.householdId, c.household.id), eq(documents.kind, 'plan')));
  return { ...c, plan: plan! };
}
const client = (api: Parameters<typeof connectClient>[1], documentId: string) => {
  const c = connectClient(env.server.url, api, documentId);
  env.clients.push(c);
  return c;
};

describe('meetings', () => {
  it('lets the regievoerder create a casusoverleg whose minutes start from the meeting template', async () => {
    const { household, api } = await cast();
    const res = await api.regie.post(`/api/households/${household.id}/meetings`, { title: 'Casusoverleg 1', meetingAt: '2026-11-12T10:00:00+01:00' });
    expect(res.status).toBe(201);
    expect(res.body.document).toMatchObject({ kind: 'meeting', title: 'Casusoverleg 1', meetingAt: '2026-11-12T09:00:00.000Z' });
    const content = await api.partner.get(`/api/documents/${res.body.document.id}/content`);
    expect(content.status).toBe(200);
    expect(content.body.html).toContain('<h2>Afspraken (wie doet wat, wanneer)</h2>');
    expect(content.body.json.content[0]).toMatchObject({ type: 'heading', content: [{ text: 'Aanwezigen' }] });
    const detail = await api.partner.get(`/api/households/${household.id}`);
    expect(detail.body.household.documents.map((d: { id: string }) => d.id)).toContain(res.body.document.id);
  });

  it('refuses meetings from a partner (403), an observer (403) and an outsider (404)', async () => {
    const { household, api } = await cast();
    const body = { title: 'Overleg', meetingAt: '2026-11-12T10:00:00+01:00' };
    expect((await api.partner.post(`/api/households/${household.id}/meetings`, body)).status).toBe(403);
    expect((await api.observer.post(`/api/households/${household.id}/meetings`, body)).status).toBe(403);
    expect((await api.outsider.post(`/api/households/${household.id}/meetings`, body)).status).toBe(404);
    expect((await api.regie.post(`/api/households/${household.id}/meetings`, { title: 'x' })).status).toBe(400);
  });
});

describe('documents', () => {
  it('answers the document with the caller’s role, and 404 alike for outsiders, missing and malformed ids', async () => {
    const { plan, api, household } = await cast();
    const res = await api.observer.get(`/api/documents/${plan.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      document: {
        id: plan.id,
        householdId: household.id,
        kind: 'plan',
        title: plan.title,
        meetingAt: null,
        lockedAt: null,
        reopenedAt: null,
        reopenReason: null,
        reopenedBy: null,
      },
      myRole: 'observer',
    });
    const outsider = await api.outsider.get(`/api/documents/${plan.id}`);
    const missing = await api.regie.get(`/api/documents/${crypto.randomUUID()}`);
    const malformed = await api.regie.get(`/api/documents/nope`);
    for (const r of [outsider, missing, malformed]) {
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
    expect(outsider.body).toEqual(missing.body);
    expect((await api.admin.get(`/api/documents/${plan.id}/content`)).status).toBe(404);
  });

  it('gives the plan template as JSON and HTML', async () => {
    const { plan, api } = await cast();
    const res = await api.partner.get(`/api/documents/${plan.id}/content`);
    expect(res.status).toBe(200);
    for (const h of [
      'Aanleiding en signalen',
      'Probleemanalyse en gezinsprofiel',
      'Veiligheidsplan',
      'Doelen en wensen van het gezin',
      'Afspraken',
      'Evaluatie',
    ])
      expect(res.body.html).toContain(`<h2>${h}</h2>`);
    for (const h of ['Directe veiligheid', 'Stabiele veiligheid', 'Gedragsregels', 'Netwerk']) expect(res.body.html).toContain(`<h3>${h}</h3>`);
    expect(res.body.json.type).toBe('doc');
  });
});

describe('versions', () => {
  it('saves, lists and shows a version; observers may read but not save', async () => {
    const { plan, api, users } = await cast();
    const a = client(api.partner, plan.id);
    await a.synced();
    appendParagraph(a.fragment, 'Tekst van versie één');
    const room = () => getCollab(env.server.deps).get(plan.id)!;
    await waitFor(() => bodyText(room().doc.getXmlFragment('default')).includes('versie één'), 'apply');
    const saved = await api.partner.post(`/api/documents/${plan.id}/versions`, { name: 'Vastgesteld verslag 12-11-2026' });
    expect(saved.status).toBe(201);
    expect(saved.body.version).toMatchObject({
      name: 'Vastgesteld verslag 12-11-2026',
      established: false,
      createdBy: { id: users.partner.id, name: users.partner.name },
    });
    expect((await api.observer.post(`/api/documents/${plan.id}/versions`, { name: 'Mag niet' })).status).toBe(403);
    const list = await api.observer.get(`/api/documents/${plan.id}/versions`);
    expect(list.body.versions).toHaveLength(1);
    expect(list.body.versions[0].id).toBe(saved.body.version.id);
    const view = await api.observer.get(`/api/documents/${plan.id}/versions/${saved.body.version.id}`);
    expect(view.status).toBe(200);
    expect(view.body.content.html).toContain('<p>Tekst van versie één</p>');
    expect((await api.observer.get(`/api/documents/${plan.id}/versions/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await api.outsider.get(`/api/documents/${plan.id}/versions`)).status).toBe(404);
  });

  it('restores a version as a new edit that connected collaborators receive, and audits it', async () => {
    const { plan, api, users } = await cast();
    const a = client(api.partner, plan.id);
    await a.synced();
    appendParagraph(a.fragment, 'Oorspronkelijk');
    const room = () => getCollab(env.server.deps).get(plan.id)!;
    await waitFor(() => bodyText(room().doc.getXmlFragment('default')).includes('Oorspronkelijk'), 'apply');
    const saved = await api.partner.post(`/api/documents/${plan.id}/versions`, { name: 'Versie A' });
    const versionHtml = (await api.partner.get(`/api/documents/${plan.id}/versions/${saved.body.version.id}`)).body.content.html;
    appendParagraph(a.fragment, 'Later toegevoegd');
    await waitFor(() => bodyText(room().doc.getXmlFragment('default')).includes('Later'), 'apply');
    expect((await api.observer.post(`/api/documents/${plan.id}/versions/${saved.body.version.id}/restore`)).status).toBe(403);
    const restored = await api.partner.post(`/api/documents/${plan.id}/versions/${saved.body.version.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.content.html).toBe(versionHtml);
    await waitFor(() => !bodyText(a.fragment).includes('Later toegevoegd'), 'client to receive the restore');
    expect(bodyText(a.fragment)).toContain('Oorspronkelijk');
    const current = await api.regie.get(`/api/documents/${plan.id}/content`);
    expect(current.body.html).toBe(versionHtml);
    const audits = await env.server.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, users.partner.id), eq(auditLog.event, 'document.restore')));
    expect(audits).toHaveLength(1);
  });
});

describe('locks', () => {
  it('vaststellen makes live connections read-only and refuses restore; heropenen reopens', async () => {
    const { household, api } = await cast();
    const meeting = await api.regie.post(`/api/households/${household.id}/meetings`, { title: 'Casusoverleg', meetingAt: new Date().toISOString() });
    const plan = meeting.body.document as { id: string };
    const a = client(api.partner, plan.id);
    await a.synced();
    const saved = await api.partner.post(`/api/documents/${plan.id}/versions`, { name: 'Voor vaststellen' });
    const ctx = { rooms: getCollab(env.server.deps) };
    const locked = await api.regie.post(`/api/documents/${plan.id}/establish`, {});
    expect(locked.status).toBe(201);
    expect(locked.body.document.lockedAt).not.toBeNull();
    const b = client(api.regie, plan.id);
    await b.synced();
    appendParagraph(a.fragment, 'Na vaststellen');
    appendParagraph(b.fragment, 'Ook regie niet');
    // Messages on one socket are handled in order: once each client's later awareness reached the other,
    // its edit has been handled (and refused) by the env.server.
    // (The server stamps names from the session, so the signal is the awareness clock, not a name.)
    a.provider.awareness.setLocalStateField('cursor', null);
    b.provider.awareness.setLocalStateField('cursor', null);
    const clockOf = (c: CollabClient, of: CollabClient) => c.provider.awareness.meta.get(of.doc.clientID)?.clock ?? -1;
    const [aClock, bClock] = [clockOf(a, a), clockOf(b, b)];
    await waitFor(() => clockOf(a, b) >= bClock && clockOf(b, a) >= aClock, 'awareness round trip');
    expect(bodyText(ctx.rooms.get(plan.id)!.doc.getXmlFragment('default'))).not.toMatch(/Na vaststellen|Ook regie niet/);
    const restore = await api.partner.post(`/api/documents/${plan.id}/versions/${saved.body.version.id}/restore`);
    expect(restore.status).toBe(409);
    expect(restore.body.error.code).toBe('DOCUMENT_LOCKED');
    expect((await api.regie.post(`/api/documents/${plan.id}/reopen`, { reason: 'Aanvulling nodig' })).status).toBe(200);
    // A fresh client: the earlier ones hold refused edits that later edits of theirs would depend on
    // (the editor is read-only while locked, so a browser never gets there).
    const c = client(api.partner, plan.id);
    await c.synced();
    appendParagraph(c.fragment, 'Weer open');
    await waitFor(() => bodyText(ctx.rooms.get(plan.id)!.doc.getXmlFragment('default')).includes('Weer open'), 'edit after unlock');
  });
});
