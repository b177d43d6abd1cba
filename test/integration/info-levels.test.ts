// Information levels and the geheimhoudingsverklaring, on every transport: HTTP routes, the document socket
// and the household event stream. A participant at `afspraken` sees the board's actions of their own
// organisation only (no plan, minutes or persons); at `signaal` only that the household is there and who
// directs it. Until they confirm the statement, nothing of the content reaches them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../server/db/schema.ts';
import { CloseCode } from '../../shared/limits.ts';
import { ApiClient } from '../support/client.ts';
import { rawSocket, waitFor } from '../support/collab.ts';
import { addParticipant, createHousehold, createUser, householdWithCast, planOf } from '../support/factories.ts';
import { within } from '../support/revocation.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { isolatedDatabase } from '../support/scratch-db.ts';
import { openSse } from '../support/sse.ts';
import type { InfoLevel } from '../../shared/enums.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
const db = () => server.database.db;

/** A household with the cast, one action of the partner's organisation (linked to a person) and one of another. */
async function boardSetup() {
  const cast = await householdWithCast(db(), server.url);
  const h = cast.household.id;
  const detail = await cast.api.regie.get(`/api/households/${h}`);
  const person = detail.body.household.persons[0].id;
  const plan = await planOf(db(), h);
  const own = await cast.api.regie.post(`/api/households/${h}/actions`, {
    title: 'Eigen actie',
    ownerOrganizationId: cast.users.partner.organizationId,
    personId: person,
    sourceDocumentId: plan.id,
  });
  const other = await cast.api.regie.post(`/api/households/${h}/actions`, { title: 'Andere actie', ownerOrganizationId: cast.users.observer.organizationId });
  const unowned = await cast.api.regie.post(`/api/households/${h}/actions`, { title: 'Niemands actie' });
  return { cast, h, plan, own: own.body.action.id as string, other: other.body.action.id as string, unowned: unowned.body.action.id as string };
}

const setLevel = (api: ApiClient, h: string, userId: string, level: InfoLevel) => api.put(`/api/households/${h}/participants/${userId}/level`, { level });

describe('the geheimhoudingsverklaring', () => {
  it('until confirmed, every content route, the socket and the stream refuse with STATEMENT_REQUIRED; confirming once opens them and is audited once', async () => {
    const { cast, h, plan, own } = await boardSetup();
    const u = await createUser(db(), { kind: 'politie' });
    await addParticipant(db(), h, u.id, 'partner', { confirmed: false });
    const api = await new ApiClient(server.url).login(u.email);

    for (const path of [
      `/api/households/${h}`,
      `/api/households/${h}/actions`,
      `/api/documents/${plan.id}`,
      `/api/actions/${own}`,
      `/api/households/${h}/audit`,
    ]) {
      const res = await api.get(path);
      expect(res.status, path).toBe(403);
      if (!path.endsWith('/audit')) expect(res.body.error, path).toMatchObject({ code: 'STATEMENT_REQUIRED', householdId: h });
    }
    const stream = await openSse(`${server.url}/api/households/${h}/events`, { cookie: api.cookie! });
    expect(stream.status).toBe(403);
    expect((stream.body as { error: { code: string } }).error.code).toBe('STATEMENT_REQUIRED');
    const socket = rawSocket(server.url, api.cookie, plan.id);
    expect((await socket.closed).code).toBe(CloseCode.StatementRequired);
    // The household list does show it (so the user can open it and meet the statement).
    expect((await api.get('/api/households')).body.households.find((x: { id: string }) => x.id === h)).toMatchObject({ statementRequired: true });

    const statement = await api.get(`/api/households/${h}/statement`);
    expect(statement.status).toBe(200);
    // (Its text is the installation's; other test files may set it in a shared database.)
    expect(statement.body.statement.text.length).toBeGreaterThanOrEqual(40);
    expect(statement.body.statement.confirmedAt).toBeNull();
    expect(statement.body.household.regievoerders).toEqual([expect.objectContaining({ name: cast.users.regie.name })]);
    // Two confirmations at once (a double click): one audit row.
    const both = await Promise.all([api.post(`/api/households/${h}/statement`, {}), api.post(`/api/households/${h}/statement`, {})]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, h), eq(auditLog.event, 'statement.confirmed'), eq(auditLog.userId, u.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{16}$/) });

    expect((await api.get(`/api/households/${h}`)).status).toBe(200);
    expect((await api.get(`/api/households/${h}/actions`)).status).toBe(200);
    const open = rawSocket(server.url, api.cookie, plan.id);
    await open.opened;
    await waitFor(() => open.messages.length > 0, 'joining the room', 10_000);
    open.ws.close();
  });

  it('an administrator without participation meets no statement (they see no content); an outsider still gets 404', async () => {
    const { cast, h } = await boardSetup();
    expect((await cast.api.admin.get(`/api/households/${h}`)).body.household).toMatchObject({ contentHidden: true, statementRequired: false });
    expect((await cast.api.outsider.get(`/api/households/${h}/statement`)).status).toBe(404);
    expect((await cast.api.outsider.post(`/api/households/${h}/statement`, {})).status).toBe(404);
  });
});

describe('the statement text (its own database: a reconfirmation resets every confirmation)', () => {
  it('the beheerder sets it (audited); participants read the new text; with reconfirm everyone confirms again', async () => {
    const own = await startTestServer({ database: await isolatedDatabase('casustafel_statement') });
    try {
      const regie = await createUser(own.database.db, { kind: 'gemeente' });
      const admin = await createUser(own.database.db, { admin: true });
      const household = await createHousehold(own.database.db, { regievoerderId: regie.id });
      const [regieApi, adminApi] = await Promise.all([regie, admin].map((u) => new ApiClient(own.url).login(u.email)));
      const text = 'Ik houd alles wat ik in deze casus lees geheim, ook na afloop; ik deel niets buiten de casustafel.';
      expect((await regieApi!.put('/api/admin/statement', { text })).status).toBe(403);
      expect((await adminApi!.put('/api/admin/statement', { text: 'te kort' })).status).toBe(400);
      expect((await adminApi!.get('/api/admin/statement')).body.statement.isDefault).toBe(true);

      expect((await adminApi!.put('/api/admin/statement', { text })).body.statement).toMatchObject({ text, isDefault: false });
      expect((await regieApi!.get(`/api/households/${household.id}/statement`)).body.statement.text).toBe(text);
      expect((await regieApi!.get(`/api/households/${household.id}`)).status).toBe(200); // still confirmed

      expect((await adminApi!.put('/api/admin/statement', { text: `${text} Aangepast.`, reconfirm: true })).status).toBe(200);
      const gated = await regieApi!.get(`/api/households/${household.id}`);
      expect(gated.body.error.code).toBe('STATEMENT_REQUIRED');
      const changes = await own.database.db.select().from(auditLog).where(eq(auditLog.event, 'settings.statement'));
      expect(changes.map((r) => (r.details as { reconfirm: boolean }).reconfirm)).toEqual([false, true]);
    } finally {
      await own.close();
    }
  });
});

describe('information levels', () => {
  it('only the regievoerder sets a level, never lower for a regievoerder; the change is audited with before and after', async () => {
    const { cast, h } = await boardSetup();
    expect((await setLevel(cast.api.partner, h, cast.users.observer.id, 'signaal')).status).toBe(403);
    expect((await setLevel(cast.api.admin, h, cast.users.partner.id, 'signaal')).status).toBe(404);
    const fixed = await setLevel(cast.api.regie, h, cast.users.regie.id, 'afspraken');
    expect(fixed.status).toBe(422);
    expect(fixed.body.error.code).toBe('LEVEL_FIXED');
    expect((await setLevel(cast.api.regie, h, cast.users.outsider.id, 'afspraken')).status).toBe(404);
    expect((await setLevel(cast.api.regie, h, cast.users.partner.id, 'afspraken')).status).toBe(200);
    const [row] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, h), eq(auditLog.event, 'participant.level')));
    expect(row).toMatchObject({ userId: cast.users.regie.id, target: cast.users.partner.id, details: { level: 'afspraken', previousLevel: 'volledig' } });
    const listed = (await cast.api.regie.get(`/api/households/${h}`)).body.household.participants;
    expect(listed.find((p: { user: { id: string } }) => p.user.id === cast.users.partner.id).level).toBe('afspraken');
  });

  it('afspraken: the reference and its own organisation’s actions without persons or document links; no plan, minutes or persons; another organisation’s action is hidden like a missing one', async () => {
    const { cast, h, plan, own, other, unowned } = await boardSetup();
    await setLevel(cast.api.regie, h, cast.users.partner.id, 'afspraken');
    const api = cast.api.partner;

    const detail = (await api.get(`/api/households/${h}`)).body.household;
    expect(detail).toMatchObject({
      myLevel: 'afspraken',
      reference: cast.household.reference,
      displayName: '',
      persons: [],
      documents: [],
      phaseHistory: [],
      huisverbod: null,
    });
    const board = (await api.get(`/api/households/${h}/actions`)).body.actions;
    expect(board.map((a: { id: string }) => a.id)).toEqual([own]);
    expect(board[0]).toMatchObject({ person: null, sourceDocumentId: null });
    const history = (await api.get(`/api/actions/${own}/history`)).body.events;
    expect(history.some((e: { changes: Record<string, unknown> }) => 'personId' in e.changes || 'sourceDocumentId' in e.changes)).toBe(false);

    for (const id of [other, unowned]) {
      const hidden = await api.get(`/api/actions/${id}`);
      const missing = await api.get(`/api/actions/${crypto.randomUUID()}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body).toEqual(missing.body);
      expect((await api.post(`/api/actions/${id}/claim`)).status).toBe(404);
    }
    const doc = await api.get(`/api/documents/${plan.id}`);
    expect(doc.status).toBe(403);
    expect(doc.body.error.code).toBe('INFORMATION_LEVEL');
    expect((await api.get(`/api/documents/${plan.id}/export`)).status).toBe(403);
    const socket = rawSocket(server.url, api.cookie, plan.id);
    expect((await socket.closed).code).toBe(CloseCode.Forbidden);
    expect((await api.post('/api/documents/readable', { ids: [plan.id] })).body.readable).toEqual([]);

    // Their own work goes on: claim and complete, but not create, nor move it to another organisation.
    expect((await api.post(`/api/actions/${own}/claim`)).status).toBe(200);
    expect((await api.post(`/api/households/${h}/actions`, { title: 'Nieuw' })).status).toBe(403);
    const moved = await api.patch(`/api/actions/${own}`, { ownerOrganizationId: cast.users.observer.organizationId, version: 2 });
    expect(moved.status).toBe(403);
    expect(moved.body.error.code).toBe('INFORMATION_LEVEL');
    expect((await api.post(`/api/actions/${own}/complete`, { note: 'klaar' })).status).toBe(200);
  });

  it('afspraken: the event stream carries only its own organisation’s actions (without persons), the participant list, and a stand-in when an action leaves it', async () => {
    const { cast, h, own } = await boardSetup();
    await setLevel(cast.api.regie, h, cast.users.partner.id, 'afspraken');
    const stream = await openSse(`${server.url}/api/households/${h}/events`, { cookie: cast.api.partner.cookie! });
    expect(stream.status).toBe(200);
    await stream.next((m) => m.event === 'ready');
    const detail = (await cast.api.regie.get(`/api/households/${h}`)).body.household;
    const person = detail.persons[0].id;

    await cast.api.regie.post(`/api/households/${h}/actions`, { title: 'Voor een ander', ownerOrganizationId: cast.users.observer.organizationId });
    await cast.api.regie.post(`/api/households/${h}/meetings`, { title: 'Casusoverleg', meetingAt: '2026-12-01T10:00:00+01:00' });
    await cast.api.regie.post(`/api/households/${h}/actions`, { title: 'Voor ons', ownerOrganizationId: cast.users.partner.organizationId, personId: person });
    const mine = await stream.next((m) => m.event !== 'ready');
    expect(mine.event).toBe('action.created');
    expect(mine.json().payload.action).toMatchObject({ title: 'Voor ons', person: null });

    const current = (await cast.api.regie.get(`/api/actions/${own}`)).body.action;
    await cast.api.regie.patch(`/api/actions/${own}`, { ownerOrganizationId: cast.users.observer.organizationId, version: current.version });
    const gone = await stream.next((m) => m.event !== 'ready');
    expect(gone.event).toBe('action.hidden');
    expect(gone.json().payload).toEqual({ actionId: own });
    expect(JSON.stringify(gone.json())).not.toContain(current.title);

    const newcomer = await createUser(db());
    await cast.api.regie.post(`/api/households/${h}/participants`, { userId: newcomer.id, role: 'observer' });
    expect((await stream.next((m) => m.event !== 'ready')).event).toBe('participants.updated');
    stream.close();
  });

  it('signaal: only that the household is there and who directs it; no board, stream or socket', async () => {
    const { cast, h, plan } = await boardSetup();
    await setLevel(cast.api.regie, h, cast.users.partner.id, 'signaal');
    const api = cast.api.partner;
    const detail = (await api.get(`/api/households/${h}`)).body.household;
    expect(detail).toMatchObject({ myLevel: 'signaal', reference: '', displayName: '', persons: [], documents: [], grondslag: null, statementRequired: false });
    expect(detail.participants.map((p: { role: string }) => p.role)).toEqual(['regievoerder']);
    expect((await api.get('/api/households')).body.households.find((x: { id: string }) => x.id === h)).toMatchObject({ reference: '', displayName: '' });
    for (const path of [`/api/households/${h}/actions`, `/api/documents/${plan.id}`]) {
      const res = await api.get(path);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe('INFORMATION_LEVEL');
    }
    expect((await openSse(`${server.url}/api/households/${h}/events`, { cookie: api.cookie! })).status).toBe(403);
    expect((await rawSocket(server.url, api.cookie, plan.id).closed).code).toBe(CloseCode.Forbidden);
  });

  it('lowering a level ends what it no longer reaches within 1 s: the plan socket at afspraken, the stream at signaal', async () => {
    const { cast, h, plan } = await boardSetup();
    const socket = rawSocket(server.url, cast.api.partner.cookie, plan.id);
    await socket.opened;
    await waitFor(() => socket.messages.length > 0, 'joining the room', 10_000);
    const stream = await openSse(`${server.url}/api/households/${h}/events`, { cookie: cast.api.partner.cookie! });
    await stream.next((m) => m.event === 'ready');

    await setLevel(cast.api.regie, h, cast.users.partner.id, 'afspraken');
    const closed = await within(1_000, socket.closed, 'the plan socket closing');
    expect(closed.code).toBe(CloseCode.Forbidden);
    expect(closed.reason).toMatch(/informatieniveau/);
    // The stream stays (the board is still theirs), now filtered: a meeting planned does not reach it.
    await cast.api.regie.post(`/api/households/${h}/meetings`, { title: 'Overleg', meetingAt: '2026-12-01T10:00:00+01:00' });
    await cast.api.regie.post(`/api/households/${h}/actions`, { title: 'Na de wijziging', ownerOrganizationId: cast.users.partner.organizationId });
    const next = await stream.next((m) => m.event !== 'ready' && m.event !== 'participants.updated');
    expect(next.event).toBe('action.created');

    await setLevel(cast.api.regie, h, cast.users.partner.id, 'signaal');
    await within(1_000, stream.ended, 'the stream ending');
  });
});
