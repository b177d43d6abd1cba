// Inzageverzoek (AVG art. 15): the regievoerder makes a PDF for one person of the household with what is held
// about them and every access that concerns them; the report is audited with the person as target and no name.
// Exports and prints of the plan carry "Vertrouwelijk", the case, who exported it and when, and are audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, householdPersons } from '../../server/db/schema.ts';
import { householdWithCast } from '../support/factories.ts';
import { createActionVia } from '../support/board.ts';
import { pdfText } from '../support/pdf-text.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
const db = () => server.database.db;
const squash = (s: string) => s.replace(/\s+/g, '');

async function fetchPdf(path: string, cookie: string) {
  const res = await fetch(server.url + path, { headers: { cookie } });
  return { status: res.status, type: res.headers.get('content-type'), text: squash(pdfText(Buffer.from(await res.arrayBuffer()))) };
}

describe('inzageverzoek', () => {
  it('the regievoerder gets a PDF with the person record, their actions and every access to the household; audited without the name', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const [person] = await db().select().from(householdPersons).where(eq(householdPersons.householdId, household.id));
    await api.regie.put(`/api/households/${household.id}/persons/${person!.id}`, {
      role: 'slachtoffer',
      label: 'Sandra',
      birthYear: 1988,
      notes: 'Woont in de woning',
    });
    const other = (await api.regie.post(`/api/households/${household.id}/persons`, { role: 'pleger', label: 'Mark' })).body.person;
    await createActionVia(api.regie, household.id, { title: 'Veiligheidsplan opstellen', personId: person!.id, details: 'Samen met Veilig Thuis' });
    await createActionVia(api.regie, household.id, { title: 'Behandeling regelen', personId: other.id });
    expect((await api.partner.get(`/api/households/${household.id}`)).status).toBe(200);

    const pdf = await fetchPdf(`/api/households/${household.id}/persons/${person!.id}/inzage.pdf`, api.regie.cookie!);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    for (const s of [
      'VERTROUWELIJK',
      'Inzageverzoek (AVG art. 15)',
      `Kenmerk: ${household.reference}`,
      'Betrokkene: Sandra (slachtoffer, geboren 1988)',
      'Woont in de woning',
      'Grondslag voor het delen: Huisverbod',
      'Veiligheidsplan opstellen',
      'Samen met Veilig Thuis',
      // An access row: who, organisation, what.
      users.partner.name,
      'Huishouden bekeken',
      'Persoon gewijzigd',
      `geëxporteerd door ${users.regie.name}`,
    ])
      expect(pdf.text, s).toContain(squash(s));
    // Not about Sandra: the other person's action and record.
    expect(pdf.text).not.toContain(squash('Behandeling regelen'));
    expect(pdf.text).not.toContain('Mark');

    const [row] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, household.id), eq(auditLog.event, 'household.inzage_exported')));
    expect(row).toMatchObject({ userId: users.regie.id, organizationId: users.regie.organizationId, target: person!.id });
    expect(row!.details).toMatchObject({ format: 'pdf', actions: 1, rows: expect.any(Number) });
    expect(JSON.stringify(row!.details)).not.toContain('Sandra');
    // The report shows up in the Logboek, filtered by that person, as an export.
    const logboek = await api.regie.get(`/api/households/${household.id}/audit?personId=${person!.id}&kind=export`);
    expect(logboek.body.entries.map((e: any) => e.event)).toContain('household.inzage_exported');
    const forOther = await api.regie.get(`/api/households/${household.id}/audit?personId=${other.id}&kind=export`);
    expect(forOther.body.entries.map((e: any) => e.event)).not.toContain('household.inzage_exported');
  });

  it('is refused to a partner (403), an outsider and a non-participating beheerder (404), and for a person of another household (404)', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const [person] = await db().select().from(householdPersons).where(eq(householdPersons.householdId, household.id));
    const path = `/api/households/${household.id}/persons/${person!.id}/inzage.pdf`;
    expect((await api.partner.get(path)).status).toBe(403);
    expect((await api.observer.get(path)).status).toBe(403);
    expect((await api.outsider.get(path)).status).toBe(404);
    expect((await api.admin.get(path)).status).toBe(404);
    const other = await householdWithCast(db(), server.url);
    const [stranger] = await db().select().from(householdPersons).where(eq(householdPersons.householdId, other.household.id));
    expect((await api.regie.get(`/api/households/${household.id}/persons/${stranger!.id}/inzage.pdf`)).status).toBe(404);
    expect((await api.regie.get(`/api/households/${household.id}/persons/geen-id/inzage.pdf`)).status).toBe(404);
    const made = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, household.id), eq(auditLog.event, 'household.inzage_exported')));
    expect(made).toEqual([]);
  });
});

describe('exports and prints of the plan', () => {
  it('the print page data and the PDF name who exported it and when; both audited with what was exported', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const plan = (await api.partner.get(`/api/households/${household.id}`)).body.household.documents.find((d: any) => d.kind === 'plan');
    const print = await api.partner.get(`/api/documents/${plan.id}/export`);
    expect(print.status).toBe(200);
    const org = (await api.partner.get('/api/me')).body.user.organization.name;
    expect(print.body.meta).toMatchObject({ reference: household.reference, exportedBy: `${users.partner.name} (${org})` });
    expect(print.body.meta.exportedAt).toMatch(/^\d{1,2} \w+ \d{4}( om)? \d{2}:\d{2}$/);

    const pdf = await fetchPdf(`/api/documents/${plan.id}/export.pdf`, api.partner.cookie!);
    expect(pdf.status).toBe(200);
    for (const s of ['VERTROUWELIJK', `Kenmerk: ${household.reference}`, `Geëxporteerd door: ${users.partner.name} (${org})`, 'pagina 1 van 1'])
      expect(pdf.text, s).toContain(squash(s));
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, plan.id), eq(auditLog.event, 'document.export')))
      .orderBy(auditLog.id);
    expect(rows.map((r) => r.details)).toEqual([
      { kind: 'plan', versionId: null, format: 'html' },
      { kind: 'plan', versionId: null, format: 'pdf' },
    ]);
    expect(rows.every((r) => r.userId === users.partner.id)).toBe(true);
  });
});
