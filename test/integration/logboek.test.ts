// The regievoerder's Logboek: filters by kind (view, change, export, refused), organisation, acting user and
// person of the household; exports as CSV (escaped, formulas defused) and PDF, each export audited with its
// filters and row count; partners are refused (403), outsiders never learn of the household (404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, householdPersons } from '../../server/db/schema.ts';
import { addParticipant, createOrganization, createUser, householdWithCast } from '../support/factories.ts';
import { createActionVia, sessionClient } from '../support/board.ts';
import { pdfText } from '../support/pdf-text.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { auditEventKind } from '../../shared/audit.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
const db = () => server.database.db;

type Entry = { event: string; userId: string | null; organizationId: string | null; target: string | null; details: any };

/** A household with two persons, an action for each, and reads, changes, an export and a refusal by others. */
async function busyHousehold() {
  const cast = await householdWithCast(db(), server.url);
  const { household, api } = cast;
  const [sandra] = await db().select().from(householdPersons).where(eq(householdPersons.householdId, household.id));
  const mark = (await api.regie.post(`/api/households/${household.id}/persons`, { role: 'pleger', label: 'Mark', notes: 'Verblijft bij zijn broer' })).body
    .person;
  const forSandra = await createActionVia(api.regie, household.id, { title: 'Veiligheidsplan met Sandra', personId: sandra!.id });
  const forMark = await createActionVia(api.regie, household.id, { title: 'Gesprek met Mark over behandeling', personId: mark.id });
  expect(
    (await api.regie.put(`/api/households/${household.id}/persons/${sandra!.id}`, { role: 'slachtoffer', label: 'Sandra', notes: 'Woont in de woning' }))
      .status,
  ).toBe(200);
  expect((await api.partner.get(`/api/households/${household.id}`)).status).toBe(200);
  expect((await api.partner.get(`/api/actions/${forSandra.id}`)).status).toBe(200);
  expect((await api.partner.get(`/api/actions/${forMark.id}`)).status).toBe(200);
  const plan = (await api.partner.get(`/api/households/${household.id}`)).body.household.documents.find((d: any) => d.kind === 'plan');
  expect((await api.partner.get(`/api/documents/${plan.id}/export`)).status).toBe(200);
  expect((await api.observer.patch(`/api/households/${household.id}`, { displayName: 'Gezin Anders' })).status).toBe(403);
  return { ...cast, sandra: sandra!, mark, forSandra, forMark, plan };
}

const entries = async (api: { get: (p: string) => Promise<any> }, householdId: string, query: string): Promise<Entry[]> => {
  const res = await api.get(`/api/households/${householdId}/audit?limit=500&${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.entries;
};

describe('Logboek filters', () => {
  it('by kind: views, changes, exports and refusals, each only its own', async () => {
    const { household, api, users } = await busyHousehold();
    const views = await entries(api.regie, household.id, 'kind=view');
    const changes = await entries(api.regie, household.id, 'kind=change');
    const exports = await entries(api.regie, household.id, 'kind=export');
    const refused = await entries(api.regie, household.id, 'kind=refused');
    for (const [kind, list] of [
      ['view', views],
      ['change', changes],
      ['export', exports],
      ['refused', refused],
    ] as const) {
      expect(list.length, kind).toBeGreaterThan(0);
      for (const e of list) expect(auditEventKind(e.event), e.event).toBe(kind);
    }
    expect(views.map((e) => e.event)).toEqual(expect.arrayContaining(['household.view', 'action.view']));
    expect(changes.map((e) => e.event)).toEqual(expect.arrayContaining(['person.add', 'person.update', 'action.create']));
    expect(exports).toMatchObject([{ event: 'document.export', userId: users.partner.id, details: { kind: 'plan', format: 'html' } }]);
    expect(refused).toMatchObject([{ event: 'access.refused', userId: users.observer.id, details: { answer: 403 } }]);
    const all = await entries(api.regie, household.id, '');
    expect(views.length + changes.length + exports.length + refused.length).toBe(all.length);
  });

  it('by organisation and by acting user; the filters offer everyone who appears in the log', async () => {
    const { household, api, users } = await busyHousehold();
    const byOrg = await entries(api.regie, household.id, `organizationId=${users.partner.organizationId}`);
    expect(byOrg.length).toBeGreaterThan(0);
    for (const e of byOrg) expect(e.organizationId).toBe(users.partner.organizationId);
    expect(byOrg.map((e) => e.event)).toEqual(expect.arrayContaining(['household.view', 'document.export']));
    const byUser = await entries(api.regie, household.id, `userId=${users.observer.id}&kind=refused`);
    expect(byUser).toMatchObject([{ event: 'access.refused', userId: users.observer.id }]);
    const res = await api.regie.get(`/api/households/${household.id}/audit`);
    expect(res.body.actors.organizations.map((o: any) => o.id)).toEqual(
      expect.arrayContaining([users.regie.organizationId, users.partner.organizationId, users.observer.organizationId]),
    );
    expect(res.body.actors.organizations.map((o: any) => o.id)).not.toContain(users.outsider.organizationId);
    expect(res.body.actors.users.map((u: any) => u.id)).toEqual(expect.arrayContaining([users.regie.id, users.partner.id, users.observer.id]));
  });

  it('by person: their record, actions linked to them and the household-wide rows, not another person’s', async () => {
    const { household, api, sandra, mark, forSandra, forMark, plan } = await busyHousehold();
    const rows = await entries(api.regie, household.id, `personId=${sandra.id}`);
    const has = (event: string, target: string | null) => rows.some((e) => e.event === event && e.target === target);
    expect(has('person.update', sandra.id)).toBe(true);
    expect(has('action.create', forSandra.id)).toBe(true);
    expect(has('action.view', forSandra.id)).toBe(true);
    // Household-wide: reads of the household and of the plan, the refused change to the household.
    expect(has('household.view', household.reference)).toBe(true);
    expect(has('document.export', plan.id)).toBe(true);
    expect(rows.some((e) => e.event === 'access.refused')).toBe(true);
    // Not about Sandra: Mark's record and his action.
    expect(rows.some((e) => e.target === mark.id || e.target === forMark.id)).toBe(false);
    const markRows = await entries(api.regie, household.id, `personId=${mark.id}&kind=change`);
    expect(markRows.map((e) => e.event)).toEqual(expect.arrayContaining(['person.add', 'action.create']));
    expect(markRows.some((e) => e.target === sandra.id || e.target === forSandra.id)).toBe(false);
  });

  it('refuses bad filters (400) and a person of another household (404)', async () => {
    const { household, api } = await busyHousehold();
    const other = await busyHousehold();
    for (const q of ['kind=alles', 'personId=abc', 'organizationId=%00', 'userId=1', 'kind=account']) {
      const res = await api.regie.get(`/api/households/${household.id}/audit?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await api.regie.get(`/api/households/${household.id}/audit?personId=${other.sandra.id}`)).status).toBe(404);
    // Empty values mean "all".
    expect((await api.regie.get(`/api/households/${household.id}/audit?personId=&kind=`)).status).toBe(200);
  });

  it('a functioneel beheerder reads the Logboek but cannot filter by person (content): 404, audited', async () => {
    const { household, api, users, sandra } = await busyHousehold();
    expect((await api.admin.get(`/api/households/${household.id}/audit?kind=view`)).status).toBe(200);
    expect((await api.admin.get(`/api/households/${household.id}/audit?personId=${sandra.id}`)).status).toBe(404);
    const refusals = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, users.admin.id), eq(auditLog.event, 'access.refused')));
    expect(refusals).toMatchObject([{ householdId: household.id, details: { tried: 'read', answer: 404 } }]);
  });
});

const squash = (s: string) => s.replace(/\s+/g, '');

/** Minimal RFC 4180 parser for semicolon-separated text (quoted cells may hold ; " and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const next = text[i + 1];
    i++;
    if (quoted && ch === '"' && next === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ';') {
      row.push(cell);
      cell = '';
    } else if (!quoted && ch === '\r' && next === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

describe('Logboek exports', () => {
  it('CSV: every filtered row, quoted properly, formulas defused, and the export itself audited', async () => {
    const { household, api, users } = await busyHousehold();
    // A name and an organisation a spreadsheet would run as formulas; a reason with quotes, a separator and a line break.
    const org = await createOrganization(db(), 'politie', `@SUM(A1) ${Date.now()}`);
    const sneaky = await createUser(db(), { organizationId: org.id, name: '=HYPERLINK("http://evil.test","klik")' });
    await addParticipant(db(), household.id, sneaky.id, 'partner');
    const sneakyApi = await sessionClient(server, sneaky.id);
    expect((await sneakyApi.get(`/api/households/${household.id}`)).status).toBe(200);
    expect(
      (await api.regie.post(`/api/households/${household.id}/phase`, { phase: 'stabiele_veiligheid', reason: 'Rust; "stabiel"\nvolgens iedereen' })).status,
    ).toBe(200);

    const res = await fetch(`${server.url}/api/households/${household.id}/audit.csv?kind=view`, { headers: { cookie: api.regie.cookie! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="Logboek-.*\.csv"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['Tijd (Europe/Amsterdam)', 'Wie', 'Organisatie', 'Soort', 'Wat', 'Toelichting', 'Gebeurtenis', 'Object', 'IP-adres']);
    const listed = await entries(api.regie, household.id, 'kind=view');
    expect(rows.length).toBe(listed.length);
    for (const r of rows) expect(r[3]).toBe('Inzage');
    const sneakyRow = rows.find((r) => r[1]!.includes('HYPERLINK'))!;
    expect(sneakyRow[1]).toBe(`'=HYPERLINK("http://evil.test","klik")`);
    expect(sneakyRow[2]).toBe(`'${org.name}`);
    expect(sneakyRow[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // No cell of the whole file starts with a formula character.
    for (const cell of parseCsv(text).flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);

    const changes = await fetch(`${server.url}/api/households/${household.id}/audit.csv?kind=change`, { headers: { cookie: api.regie.cookie! } });
    const phaseRow = parseCsv((await changes.text()).replace(/^\uFEFF/, '')).find((r) => r[6] === 'household.phase')!;
    expect(phaseRow[5]).toBe('Reden: Rust; "stabiel"\nvolgens iedereen');

    const exported = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, household.id), eq(auditLog.event, 'household.audit_exported')))
      .orderBy(auditLog.id);
    expect(exported).toHaveLength(2);
    expect(exported[0]).toMatchObject({ userId: users.regie.id, organizationId: users.regie.organizationId, target: household.id });
    expect(exported[0]!.details).toEqual({ format: 'csv', filter: { kind: 'view' }, rows: rows.length });
    // The export shows in the Logboek under "export".
    expect((await entries(api.regie, household.id, 'kind=export')).map((e) => e.event)).toContain('household.audit_exported');
  });

  it('PDF: marked confidential, with the case, the filters, who exported it and the rows; audited', async () => {
    const { household, api, users } = await busyHousehold();
    const res = await fetch(`${server.url}/api/households/${household.id}/audit.pdf?kind=export&organizationId=${users.partner.organizationId}`, {
      headers: { cookie: api.regie.cookie! },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    // Cells wrap (at the hyphens of the test's unique names): compare without whitespace.
    const text = squash(pdfText(Buffer.from(await res.arrayBuffer())));
    for (const s of [
      'VERTROUWELIJK',
      'Logboek',
      `Kenmerk: ${household.reference}`,
      users.partner.name,
      'Document geëxporteerd',
      'soort export of afdruk',
      `geëxporteerd door ${users.regie.name}`,
      'pagina 1 van 1',
    ])
      expect(text).toContain(squash(s));
    const [row] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, household.id), eq(auditLog.event, 'household.audit_exported')));
    expect(row!.details).toEqual({ format: 'pdf', filter: { kind: 'export', organizationId: users.partner.organizationId }, rows: 1 });
  });

  it('a partner is refused the Logboek and its exports (403), an outsider does not learn of the household (404)', async () => {
    const { household, api } = await busyHousehold();
    for (const path of ['audit', 'audit.csv', 'audit.pdf']) {
      expect((await api.partner.get(`/api/households/${household.id}/${path}`)).status, path).toBe(403);
      expect((await api.observer.get(`/api/households/${household.id}/${path}`)).status, path).toBe(403);
      expect((await api.outsider.get(`/api/households/${household.id}/${path}`)).status, path).toBe(404);
    }
    const exported = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, household.id), eq(auditLog.event, 'household.audit_exported')));
    expect(exported).toEqual([]);
  });
});
