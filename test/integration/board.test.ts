import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { actionEvents, auditLog, householdEvents } from '../../server/db/schema.ts';
import { createHousehold, createOrganization, householdWithCast } from '../support/factories.ts';
import { createActionVia } from '../support/board.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
const db = () => server.database.db;

describe('board: creating and reading actions', () => {
  it('creates an action with owner, person and due date and presents it fully', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const list0 = await api.partner.get(`/api/households/${household.id}/actions`);
    const person = (await api.regie.get(`/api/households/${household.id}`)).body.household.persons[0];
    const res = await api.partner.post(`/api/households/${household.id}/actions`, {
      title: 'Intake slachtoffer',
      details: 'Binnen drie dagen',
      ownerOrganizationId: users.partner.organizationId,
      dueDate: '2030-01-15',
      personId: person.id,
    });
    expect(res.status).toBe(201);
    expect(res.body.action).toMatchObject({
      householdId: household.id,
      title: 'Intake slachtoffer',
      details: 'Binnen drie dagen',
      status: 'open',
      ownerOrganization: { id: users.partner.organizationId, kind: 'politie' },
      person: { id: person.id, label: 'S.', role: 'slachtoffer' },
      dueDate: '2030-01-15',
      claimedBy: null,
      version: 1,
      overdue: false,
      createdBy: { id: users.partner.id, name: users.partner.name },
    });
    const list = await api.observer.get(`/api/households/${household.id}/actions`);
    expect(list.status).toBe(200);
    expect(list.body.actions.map((a: any) => a.id)).toEqual([res.body.action.id]);
    expect(list.body.eventSeq).toBe(list0.body.eventSeq + 1);
    const one = await api.observer.get(`/api/actions/${res.body.action.id}`);
    expect(one.body.action).toEqual(res.body.action);
  });

  it('filters the list on ?status=', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const a = await createActionVia(api.regie, household.id);
    await createActionVia(api.regie, household.id);
    await api.regie.post(`/api/actions/${a.id}/claim`);
    const claimed = await api.partner.get(`/api/households/${household.id}/actions?status=claimed`);
    expect(claimed.body.actions.map((x: any) => x.id)).toEqual([a.id]);
    expect((await api.partner.get(`/api/households/${household.id}/actions?status=open,claimed`)).body.actions).toHaveLength(2);
    expect((await api.partner.get(`/api/households/${household.id}/actions?status=bogus`)).status).toBe(400);
  });

  it('refuses references outside the household with 400', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const other = await createHousehold(db(), { persons: [{ role: 'kind', label: 'K.' }] });
    const otherPerson = (await db().query.householdPersons.findFirst({ where: (p, { eq }) => eq(p.householdId, other.id) }))!;
    const otherDoc = (await db().query.documents.findFirst({ where: (d, { eq }) => eq(d.householdId, other.id) }))!;
    const base = `/api/households/${household.id}/actions`;
    expect((await api.partner.post(base, { title: 'X y', personId: otherPerson.id })).body.error.code).toBe('UNKNOWN_PERSON');
    expect((await api.partner.post(base, { title: 'X y', sourceDocumentId: otherDoc.id })).body.error.code).toBe('UNKNOWN_DOCUMENT');
    expect((await api.partner.post(base, { title: 'X y', ownerOrganizationId: crypto.randomUUID() })).body.error.code).toBe('UNKNOWN_ORGANIZATION');
    expect((await api.partner.post(base, { title: 'X y', dueDate: '2030-02-30' })).body.error.code).toBe('INVALID_DATE');
    expect((await api.partner.post(base, { title: 'X' })).status).toBe(400);
  });

  it('marks an action overdue when its due date has passed (Europe/Amsterdam day)', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const a = await createActionVia(api.regie, household.id, { dueDate: '2000-01-01' });
    expect(a.overdue).toBe(true);
    const done = await api.regie.post(`/api/actions/${a.id}/complete`, { note: 'klaar' });
    expect(done.body.action.overdue).toBe(false);
  });
});

describe('board: changing actions', () => {
  it('claims, releases, completes with a note, reopens; each change bumps the version', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const a = await createActionVia(api.regie, household.id);
    const claimed = await api.partner.post(`/api/actions/${a.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.action).toMatchObject({
      status: 'claimed',
      version: 2,
      claimedBy: { id: users.partner.id, organization: { id: users.partner.organizationId } },
    });
    expect(claimed.body.action.claimedAt).toBeTruthy();
    const released = await api.partner.post(`/api/actions/${a.id}/release`);
    expect(released.body.action).toMatchObject({ status: 'open', claimedBy: null, claimedAt: null, version: 3 });
    await api.partner.post(`/api/actions/${a.id}/claim`);
    const done = await api.partner.post(`/api/actions/${a.id}/complete`, { note: 'Intake gedaan op dinsdag' });
    expect(done.body.action).toMatchObject({ status: 'done', completionNote: 'Intake gedaan op dinsdag', completedBy: { id: users.partner.id }, version: 5 });
    const again = await api.partner.post(`/api/actions/${a.id}/complete`, { note: '' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_DONE');
    const reopened = await api.partner.post(`/api/actions/${a.id}/reopen`);
    expect(reopened.body.action).toMatchObject({ status: 'open', completedBy: null, completionNote: null, claimedBy: null, version: 6 });
  });

  it('edits with the current version and answers a stale version with 409 STALE_VERSION and the current action', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const a = await createActionVia(api.regie, household.id);
    const edited = await api.partner.patch(`/api/actions/${a.id}`, { title: 'Intake met tolk', dueDate: '2030-03-01', version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body.action).toMatchObject({ title: 'Intake met tolk', dueDate: '2030-03-01', version: 2 });
    const stale = await api.regie.patch(`/api/actions/${a.id}`, { title: 'Iets anders', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    expect(stale.body.error.current).toMatchObject({ id: a.id, title: 'Intake met tolk', version: 2 });
    expect((await api.regie.get(`/api/actions/${a.id}`)).body.action.title).toBe('Intake met tolk');
  });

  it('lets the regievoerder assign an action to a participant, which claims it for them', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const a = await createActionVia(api.regie, household.id);
    const assigned = await api.regie.patch(`/api/actions/${a.id}`, { assignedUserId: users.partner.id, version: 1 });
    expect(assigned.status).toBe(200);
    expect(assigned.body.action).toMatchObject({ status: 'claimed', assignedUser: { id: users.partner.id }, claimedBy: { id: users.partner.id } });
    const byPartner = await api.partner.patch(`/api/actions/${a.id}`, { assignedUserId: users.regie.id, version: 2 });
    expect(byPartner.status).toBe(403);
    const toObserver = await api.regie.patch(`/api/actions/${a.id}`, { assignedUserId: users.observer.id, version: 2 });
    expect(toObserver.body.error.code).toBe('NOT_A_PARTICIPANT');
    const toOutsider = await api.regie.post(`/api/households/${household.id}/actions`, { title: 'Nieuw', assignedUserId: users.outsider.id });
    expect(toOutsider.body.error.code).toBe('NOT_A_PARTICIPANT');
    const created = await api.regie.post(`/api/households/${household.id}/actions`, { title: 'Nieuw', assignedUserId: users.partner.id });
    expect(created.body.action).toMatchObject({ status: 'claimed', claimedBy: { id: users.partner.id } });
    const withdrawn = await api.regie.patch(`/api/actions/${a.id}`, { assignedUserId: null, version: 2 });
    expect(withdrawn.body.action).toMatchObject({ status: 'open', assignedUser: null, claimedBy: null, version: 3 });
    const history = await api.regie.get(`/api/actions/${a.id}/history`);
    expect(history.body.events.map((e: any) => e.kind)).toEqual(['created', 'assigned', 'assigned']);
  });

  it('only the claimer or the regievoerder may release; only the regievoerder may cancel', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const second = await createOrganization(db(), 'jeugdzorg');
    void second;
    const a = await createActionVia(api.regie, household.id);
    await api.regie.post(`/api/actions/${a.id}/claim`);
    const byPartner = await api.partner.post(`/api/actions/${a.id}/release`);
    expect(byPartner.status).toBe(403);
    expect(byPartner.body.error.message).toMatch(/opgepakt/);
    expect((await api.partner.post(`/api/actions/${a.id}/cancel`)).status).toBe(403);
    const cancelled = await api.regie.post(`/api/actions/${a.id}/cancel`);
    expect(cancelled.body.action).toMatchObject({ status: 'cancelled', claimedBy: null });
    expect((await api.partner.post(`/api/actions/${a.id}/reopen`)).status).toBe(403);
    expect((await api.regie.post(`/api/actions/${a.id}/reopen`)).body.action.status).toBe('open');
    void users;
  });

  it('writes a history row, an audit row and a household event for every change, in one transaction', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const a = await createActionVia(api.partner, household.id, { ownerOrganizationId: users.partner.organizationId });
    await api.partner.post(`/api/actions/${a.id}/claim`);
    await api.partner.patch(`/api/actions/${a.id}`, { details: 'Met tolk', version: 2 });
    await api.partner.post(`/api/actions/${a.id}/complete`, { note: 'Gedaan' });
    const history = await api.observer.get(`/api/actions/${a.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.events.map((e: any) => e.kind)).toEqual(['created', 'claimed', 'edited', 'completed']);
    const [created, claimed, edited, completed] = history.body.events;
    expect(created.changes.title).toEqual([null, 'Intake plannen']);
    expect(created.changes.ownerOrganization[1]).toMatchObject({ id: users.partner.organizationId });
    expect(claimed.changes.status).toEqual(['open', 'claimed']);
    expect(claimed.changes.claimedBy[1]).toMatchObject({ id: users.partner.id, name: users.partner.name });
    expect(edited.changes).toEqual({ details: ['', 'Met tolk'] });
    expect(completed.changes.completionNote).toEqual([null, 'Gedaan']);
    expect(completed.user).toMatchObject({ id: users.partner.id, organization: { id: users.partner.organizationId } });
    expect(typeof completed.at).toBe('string');

    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, household.id), eq(auditLog.target, a.id)))
      .orderBy(auditLog.id);
    // The observer's read of the history is audited too (NEN 7513).
    expect(audits.map((r) => r.event)).toEqual(['action.create', 'action.claim', 'action.edit', 'action.complete', 'action.history']);
    const events = await db().select().from(householdEvents).where(eq(householdEvents.householdId, household.id)).orderBy(householdEvents.seq);
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'action.created'],
      [2, 'action.updated'],
      [3, 'action.updated'],
      [4, 'action.updated'],
    ]);
    expect((events[3]!.payload as any).action).toMatchObject({ id: a.id, status: 'done', version: 4 });
    expect(await db().select().from(actionEvents).where(eq(actionEvents.actionId, a.id))).toHaveLength(4);
  });

  it('a refused change leaves no history, audit or event behind', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const a = await createActionVia(api.regie, household.id);
    await api.regie.patch(`/api/actions/${a.id}`, { title: 'Nieuw', version: 7 });
    await api.partner.post(`/api/actions/${a.id}/release`);
    const events = await db().select().from(householdEvents).where(eq(householdEvents.householdId, household.id));
    expect(events).toHaveLength(1);
    expect(await db().select().from(actionEvents).where(eq(actionEvents.actionId, a.id))).toHaveLength(1);
  });
});
