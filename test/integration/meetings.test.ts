// Casusoverleg flow over HTTP: attendance, vaststellen (established version + lock), heropenen with a
// reason, and the export (print data and PDF) of a vastgesteld verslag.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, documents } from '../../server/db/schema.ts';
import { householdWithCast } from '../support/factories.ts';
import { createActionVia } from '../support/board.ts';
import { useCollabServer } from '../support/collab.ts';
import { pdfText } from '../support/pdf-text.ts';

const env = useCollabServer();

async function meeting() {
  const c = await householdWithCast(env.server.database.db, env.server.url);
  const res = await c.api.regie.post(`/api/households/${c.household.id}/meetings`, {
    title: 'Casusoverleg 1',
    meetingAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  return { ...c, doc: res.body.document as { id: string } };
}

describe('casusoverleg', () => {
  it('the regievoerder records attendance; a partner may not; a non-participant cannot be marked', async () => {
    const { api, doc, users } = await meeting();
    const before = await api.partner.get(`/api/documents/${doc.id}/attendance`);
    expect(before.body.attendance.map((a: { present: boolean | null }) => a.present)).toEqual([null, null, null]);
    const res = await api.regie.put(`/api/documents/${doc.id}/attendance`, { userId: users.partner.id, present: true });
    expect(res.status).toBe(200);
    expect(res.body.attendance.find((a: { user: { id: string } }) => a.user.id === users.partner.id).present).toBe(true);
    expect((await api.partner.put(`/api/documents/${doc.id}/attendance`, { userId: users.partner.id, present: false })).status).toBe(403);
    const outsider = await api.regie.put(`/api/documents/${doc.id}/attendance`, { userId: users.outsider.id, present: true });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.code).toBe('NOT_A_PARTICIPANT');
  });

  it('vaststellen makes an established version and locks the minutes; heropenen needs a reason and is audited', async () => {
    const { api, doc, household } = await meeting();
    expect((await api.partner.post(`/api/documents/${doc.id}/establish`, {})).status).toBe(403);
    const est = await api.regie.post(`/api/documents/${doc.id}/establish`, { name: 'Vastgesteld verslag 1' });
    expect(est.status).toBe(201);
    expect(est.body.version).toMatchObject({ name: 'Vastgesteld verslag 1', established: true });
    expect(est.body.document.lockedAt).not.toBeNull();
    expect((await api.regie.post(`/api/documents/${doc.id}/establish`, {})).body.error.code).toBe('DOCUMENT_LOCKED');
    expect((await api.regie.put(`/api/documents/${doc.id}/attendance`, { userId: (await api.regie.get('/api/me')).body.user.id, present: true })).status).toBe(
      409,
    );

    const noReason = await api.regie.post(`/api/documents/${doc.id}/reopen`, { reason: '' });
    expect(noReason.status).toBe(400);
    const reopened = await api.regie.post(`/api/documents/${doc.id}/reopen`, { reason: 'Afspraak over Noah ontbrak' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.document.lockedAt).toBeNull();
    const [row] = await env.server.database.db.select().from(documents).where(eq(documents.id, doc.id));
    expect(row!.lockedAt).toBeNull();
    const unlocks = await env.server.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, household.id), eq(auditLog.event, 'document.unlock')));
    expect(unlocks.map((u) => u.details)).toEqual([{ reason: 'Afspraak over Noah ontbrak' }]);
  });

  it('vaststellen of the plan keeps it editable and shows in the household as planEstablished', async () => {
    const { api, household } = await householdWithCast(env.server.database.db, env.server.url);
    const [plan] = await env.server.database.db
      .select()
      .from(documents)
      .where(and(eq(documents.householdId, household.id), eq(documents.kind, 'plan')));
    expect((await api.regie.get(`/api/households/${household.id}`)).body.household.planEstablished).toBe(false);
    const est = await api.regie.post(`/api/documents/${plan!.id}/establish`, {});
    expect(est.status).toBe(201);
    expect(est.body.document.lockedAt).toBeNull();
    expect((await api.regie.get(`/api/households/${household.id}`)).body.household.planEstablished).toBe(true);
  });

  it('exports a vastgesteld verslag with reference, version, attendance and evaluation; outsiders get 404', async () => {
    const { api, doc, household, users } = await meeting();
    const action = await createActionVia(api.regie, household.id, { title: 'Huisbezoek afleggen' });
    await api.regie.put(`/api/documents/${doc.id}/attendance`, { userId: users.partner.id, present: true });
    const verdict = await api.partner.put(`/api/documents/${doc.id}/evaluations`, {
      actionId: action.id,
      verdict: 'loopt',
      note: 'Gepland voor maandag',
      version: 0,
    });
    expect(verdict.status).toBe(200);
    const { version } = (await api.regie.post(`/api/documents/${doc.id}/establish`, { name: 'Verslag 12-11' })).body;

    const data = await api.observer.get(`/api/documents/${doc.id}/export?versionId=${version.id}`);
    expect(data.status).toBe(200);
    expect(data.body.meta).toMatchObject({
      reference: household.reference,
      grondslag: 'Huisverbod (Wet tijdelijk huisverbod)',
      versionName: 'Verslag 12-11',
      participantsLabel: 'Aanwezig',
    });
    expect(data.body.meta.participants).toEqual([expect.stringContaining(users.partner.name)]);
    expect(data.body.meta.evaluation).toEqual([{ title: 'Huisbezoek afleggen', verdict: 'Loopt', note: 'Gepland voor maandag' }]);

    const pdf = await fetch(`${env.server.url}/api/documents/${doc.id}/export.pdf?versionId=${version.id}`, { headers: { cookie: api.partner.cookie! } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    for (const s of [household.reference, 'Grondslag: Huisverbod (Wet tijdelijk huisverbod)', 'Verslag 12-11', 'Gepland voor maandag'])
      expect(text).toContain(s);

    expect((await api.outsider.get(`/api/documents/${doc.id}/export`)).status).toBe(404);
    const exports = await env.server.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, doc.id), eq(auditLog.event, 'document.export')));
    expect(exports.length).toBe(2);
  });
});
