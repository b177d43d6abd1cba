// Mijn acties: the open and claimed actions of the user's organisation and their own, across every open household
// they take part in, as the access seam would show each one (statement, level, closed cases), with every household
// read audited; and live over the user's own stream, which follows each readable household's board and stops
// following it the moment access ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../server/db/schema.ts';
import { addParticipant, createHousehold, createUser, householdWithCast } from '../support/factories.ts';
import { createActionVia, sessionClient } from '../support/board.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { openSse, type SseConnection } from '../support/sse.ts';
import type { MyActionsEvent, MyActionsResponse } from '../../shared/my-actions.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
const db = () => server.database.db;

/** A politie partner taking part in several households at different levels, and the actions around them. */
async function partnerWithHouseholds() {
  const main = await householdWithCast(db(), server.url);
  const { users, api } = main;
  const me = users.partner;
  const politie = me.organizationId;
  const other = users.observer.organizationId;
  const second = await createHousehold(db(), { regievoerderId: users.regie.id });
  await addParticipant(db(), second.id, me.id, 'partner', { level: 'afspraken' });
  const unconfirmed = await createHousehold(db(), { regievoerderId: users.regie.id });
  await addParticipant(db(), unconfirmed.id, me.id, 'partner', { confirmed: false });
  const signaal = await createHousehold(db(), { regievoerderId: users.regie.id });
  await addParticipant(db(), signaal.id, me.id, 'partner', { level: 'signaal' });
  const closed = await createHousehold(db(), { regievoerderId: users.regie.id });
  await addParticipant(db(), closed.id, me.id, 'partner');

  const a = {
    own: await createActionVia(api.regie, main.household.id, { title: 'Eigen organisatie', ownerOrganizationId: politie, dueDate: '2020-01-01' }),
    unowned: await createActionVia(api.regie, main.household.id, { title: 'Niemands actie' }),
    foreign: await createActionVia(api.regie, main.household.id, { title: 'Andere organisatie', ownerOrganizationId: other }),
    done: await createActionVia(api.regie, main.household.id, { title: 'Al afgerond', ownerOrganizationId: politie }),
    secondOwn: await createActionVia(api.regie, second.id, { title: 'Afspraken eigen' }),
    secondForeign: await createActionVia(api.regie, second.id, { title: 'Afspraken ander', ownerOrganizationId: other }),
    gated: await createActionVia(api.regie, unconfirmed.id, { title: 'Nog niet bevestigd', ownerOrganizationId: politie }),
    hidden: await createActionVia(api.regie, signaal.id, { title: 'Signaal', ownerOrganizationId: politie }),
    closedOwn: await createActionVia(api.regie, closed.id, { title: 'Gesloten casus', ownerOrganizationId: politie }),
  };
  await api.regie.patch(`/api/actions/${a.secondOwn.id}`, { ownerOrganizationId: politie, version: a.secondOwn.version });
  await api.partner.post(`/api/actions/${a.unowned.id}/claim`);
  await api.partner.post(`/api/actions/${a.done.id}/complete`, { note: 'klaar' });
  await api.regie.post(`/api/households/${closed.id}/close`, { reason: 'doelen_bereikt' });
  return { ...main, me, politie, other, households: { main: main.household, second, unconfirmed, signaal, closed }, a };
}

const titles = (res: MyActionsResponse) => res.actions.map((x) => x.title).sort();

describe('Mijn acties', () => {
  it('lists the open and claimed actions of my organisation and my own, as each household lets me see them', async () => {
    const s = await partnerWithHouseholds();
    const res = await s.api.partner.get('/api/my-actions');
    expect(res.status).toBe(200);
    const body = res.body as MyActionsResponse;
    expect(titles(body)).toEqual(['Afspraken eigen', 'Eigen organisatie', 'Niemands actie'].sort());
    expect(body.actions.find((x) => x.title === 'Eigen organisatie')).toMatchObject({
      overdue: true,
      household: { id: s.households.main.id, reference: s.households.main.reference, myRole: 'partner', myLevel: 'volledig', status: 'open' },
    });
    expect(body.actions.find((x) => x.title === 'Afspraken eigen')).toMatchObject({ person: null, household: { myLevel: 'afspraken' } });
    // The unconfirmed household is one line; signaal and closed ones are not there at all.
    expect(body.gated).toEqual([{ householdId: s.households.unconfirmed.id, reference: s.households.unconfirmed.reference, reason: 'statement' }]);
    expect(body.households.map((h) => h.id).sort()).toEqual([s.households.main.id, s.households.second.id].sort());
    const text = JSON.stringify(body);
    for (const hidden of ['Nog niet bevestigd', 'Signaal', 'Gesloten casus', 'Andere organisatie', 'Afspraken ander', s.households.signaal.reference])
      expect(text).not.toContain(hidden);
  });

  it('each household read is in its Logboek; an outsider has an empty list', async () => {
    const s = await partnerWithHouseholds();
    await s.api.partner.get('/api/my-actions');
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, s.me.id), eq(auditLog.event, 'my_actions.view')));
    expect(rows.map((r) => r.householdId).sort()).toEqual([s.households.main.id, s.households.second.id].sort());
    const outsider = await s.api.outsider.get('/api/my-actions');
    expect(outsider.body).toMatchObject({ actions: [], gated: [], households: [] });
  });

  it('claims and completions made from the list go through the board’s own routes and rules', async () => {
    const s = await partnerWithHouseholds();
    const mate = await createUser(db(), { organizationId: s.politie });
    await addParticipant(db(), s.households.main.id, mate.id, 'partner');
    const mateApi = await sessionClient(server, mate.id);
    expect((await mateApi.post(`/api/actions/${s.a.own.id}/claim`)).status).toBe(200);
    const listed = (await mateApi.get('/api/my-actions')).body as MyActionsResponse;
    expect(listed.actions.find((x) => x.id === s.a.own.id)!.claimedBy!.id).toBe(mate.id);
    // My claim is taken: the server says so.
    expect((await s.api.partner.post(`/api/actions/${s.a.own.id}/claim`)).body.error.code).toBe('ALREADY_CLAIMED');
    expect((await mateApi.post(`/api/actions/${s.a.own.id}/complete`, { note: 'Gedaan' })).status).toBe(200);
    expect(titles((await s.api.partner.get('/api/my-actions')).body)).not.toContain('Eigen organisatie');
  });
});

describe('Mijn acties, live', () => {
  const actionsOf = (stream: SseConnection, timeoutMs?: number) => stream.next((m) => m.event === 'actions', timeoutMs).then((m) => m.json<MyActionsEvent>());

  it('passes on changes of followed households as I may see them, and nothing of other organisations at afspraken', async () => {
    const s = await partnerWithHouseholds();
    const stream = await openSse(`${server.url}/api/me/events?acties=1`, { cookie: s.api.partner.cookie! });
    await stream.next((m) => m.event === 'ready');
    // At afspraken another organisation's action is never sent; my organisation's is.
    await createActionVia(s.api.regie, s.households.second.id, { title: 'Ander, niet voor mij', ownerOrganizationId: s.other });
    await createActionVia(s.api.regie, s.households.unconfirmed.id, { title: 'Niet bevestigd', ownerOrganizationId: s.politie });
    const mine = await createActionVia(s.api.regie, s.households.second.id, { title: 'Voor mij', ownerOrganizationId: s.politie });
    const first = await actionsOf(stream);
    expect(first).toMatchObject({ householdId: s.households.second.id, type: 'action', action: { id: mine.id, title: 'Voor mij', person: null } });
    // Moved to another organisation: only that it left my view.
    await s.api.regie.patch(`/api/actions/${mine.id}`, { ownerOrganizationId: s.other, version: mine.version });
    expect(await actionsOf(stream)).toEqual({ householdId: s.households.second.id, type: 'hidden', actionId: mine.id });
    // A claim on another screen arrives with who has it.
    await s.api.regie.post(`/api/actions/${s.a.own.id}/claim`);
    expect(await actionsOf(stream)).toMatchObject({ type: 'action', action: { id: s.a.own.id, status: 'claimed', claimedBy: { id: s.users.regie.id } } });
    stream.close();
  });

  it('stops following a household at once when I am removed or it is closed, and follows one I am added to', async () => {
    const s = await partnerWithHouseholds();
    const stream = await openSse(`${server.url}/api/me/events?acties=1`, { cookie: s.api.partner.cookie! });
    await stream.next((m) => m.event === 'ready');
    expect((await s.api.regie.delete(`/api/households/${s.households.second.id}/participants/${s.me.id}`, {})).status).toBe(204);
    expect(await actionsOf(stream)).toEqual({ householdId: s.households.second.id, type: 'gone' });
    expect((await s.api.regie.post(`/api/households/${s.households.main.id}/close`, { reason: 'doelen_bereikt' })).status).toBe(200);
    expect(await actionsOf(stream)).toEqual({ householdId: s.households.main.id, type: 'gone' });

    const added = await createHousehold(db(), { regievoerderId: s.users.regie.id });
    expect((await s.api.regie.post(`/api/households/${added.id}/participants`, { userId: s.me.id, role: 'partner' })).status).toBe(201);
    // Added, but the statement is not confirmed: nothing until it is.
    await createActionVia(s.api.regie, added.id, { title: 'Nog geheim', ownerOrganizationId: s.politie });
    expect((await s.api.partner.post(`/api/households/${added.id}/statement`)).status).toBe(200);
    // The stream looks again on its heartbeat and on every participation change (here: the regievoerder saves the role again).
    await s.api.regie.post(`/api/households/${added.id}/participants`, { userId: s.me.id, role: 'partner' });
    await stream.next((m) => m.event === 'participation' && m.json().householdId === added.id && m.json().role === 'partner');
    await stream.next((m) => m.event === 'participation' && m.json().householdId === added.id && m.json().role === 'partner');
    const later = await createActionVia(s.api.regie, added.id, { title: 'Nu zichtbaar', ownerOrganizationId: s.politie });
    const seen = await stream.next((m) => m.event === 'actions' && m.json<MyActionsEvent>().householdId === added.id);
    expect(seen.json()).toMatchObject({ type: 'action', action: { id: later.id } });
    expect(seen.data).not.toContain('Nog geheim');
    stream.close();
  });

  it('a plain user stream (without ?acties=1) carries no actions', async () => {
    const s = await partnerWithHouseholds();
    const stream = await openSse(`${server.url}/api/me/events`, { cookie: s.api.partner.cookie! });
    await stream.next((m) => m.event === 'ready');
    await createActionVia(s.api.regie, s.households.main.id, { title: 'Stil', ownerOrganizationId: s.politie });
    await s.api.regie.post(`/api/households/${s.households.main.id}/participants`, { userId: s.users.partner.id, role: 'observer' });
    expect((await stream.next((m) => m.event !== 'ready')).event).toBe('participation');
    stream.close();
  });
});
