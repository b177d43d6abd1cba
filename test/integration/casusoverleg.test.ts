// The regional casusoverleg with an agenda across households. Need-to-know per viewer: a partner sees the
// casusoverleg when they take part in one household on it, and each other item only as "Besloten casus" (time
// slot, never a reference or a name), over HTTP and over the live stream; at `afspraken` the reference but no
// name and no plan summary; a partner who has not confirmed the statement sees nothing of that household.
// Only the chair moves the meeting on and closes it; planning, changing and closing are audited; after the
// meeting the new and changed agreements are there per organisation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, documents } from '../../server/db/schema.ts';
import { meetingOverviewFor } from '../../server/casusoverleg/overview.ts';
import { addParticipant, createHousehold, createUser } from '../support/factories.ts';
import { createActionVia, sessionClient } from '../support/board.ts';
import { addToAgenda, inDays, planVia } from '../support/casusoverleg.ts';
import { appendParagraph, connectClient, waitFor } from '../support/collab.ts';
import { openSse, type SseConnection } from '../support/sse.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { ApiClient } from '../support/client.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
const db = () => server.database.db;

const KINDS = ['full', 'afspraken', 'unconfirmed', 'signaal', 'none'] as const;
type Kind = (typeof KINDS)[number];

/**
 * One regievoerder directs five households and plans a casusoverleg with all five on its agenda, chaired by a
 * colleague who directs none. The partner takes part in four of them, each differently, and in the fifth not at all.
 */
async function setup() {
  const regie = await createUser(db(), { kind: 'gemeente' });
  const chair = await createUser(db(), { kind: 'gemeente' });
  const partner = await createUser(db(), { kind: 'politie' });
  const outsider = await createUser(db(), { kind: 'wijkteam' });
  const h = {} as Record<Kind, Awaited<ReturnType<typeof createHousehold>>>;
  for (const k of KINDS) h[k] = await createHousehold(db(), { regievoerderId: regie.id });
  await addParticipant(db(), h.full.id, partner.id, 'partner');
  await addParticipant(db(), h.afspraken.id, partner.id, 'partner', { level: 'afspraken' });
  await addParticipant(db(), h.unconfirmed.id, partner.id, 'partner', { confirmed: false });
  await addParticipant(db(), h.signaal.id, partner.id, 'partner', { level: 'signaal' });
  const [regieApi, chairApi, partnerApi, outsiderApi] = await Promise.all([regie, chair, partner, outsider].map((u) => sessionClient(server, u.id)));
  const planned = await planVia(regieApi!, { chairId: chair.id });
  let detail = planned;
  for (const k of KINDS) detail = await addToAgenda(regieApi!, planned.id, h[k].id);
  const itemOf = (k: Kind) => detail.items.find((i) => i.householdId === h[k].id)!;
  return {
    users: { regie, chair, partner, outsider },
    h,
    id: planned.id,
    itemOf,
    api: { regie: regieApi!, chair: chairApi!, partner: partnerApi!, outsider: outsiderApi! },
  };
}
type Setup = Awaited<ReturnType<typeof setup>>;

/** What the partner must never receive: reference and name of every household they do not see into, and the afspraken household's name. */
const secretsFor = (s: Setup) => [
  ...(['unconfirmed', 'signaal', 'none'] as const).flatMap((k) => [s.h[k].reference, s.h[k].displayName, s.h[k].id]),
  s.h.afspraken.displayName,
];
const expectNoSecrets = (s: Setup, body: unknown, what: string) => {
  const text = JSON.stringify(body);
  for (const secret of secretsFor(s)) expect(text, `${what} leaks ${secret}`).not.toContain(secret);
};

describe('who sees what of the agenda', () => {
  it('each item shows as far as the partner’s participation reaches; the rest is "Besloten casus" with its time slot', async () => {
    const s = await setup();
    const res = await s.api.partner.get(`/api/casusoverleggen/${s.id}`);
    expect(res.status).toBe(200);
    const items = res.body.casusoverleg.items;
    expect(items.map((i: { visibility: string }) => i.visibility)).toEqual(['volledig', 'afspraken', 'besloten', 'besloten', 'besloten']);
    expect(items[0]).toMatchObject({ reference: s.h.full.reference, displayName: s.h.full.displayName, documentId: expect.any(String) });
    expect(items[1]).toEqual(expect.objectContaining({ reference: s.h.afspraken.reference, householdId: s.h.afspraken.id }));
    expect(items[1]).not.toHaveProperty('displayName');
    expect(items[1]).not.toHaveProperty('documentId');
    for (const closed of items.slice(2)) expect(Object.keys(closed).sort()).toEqual(['id', 'mayEdit', 'position', 'slotMinutes', 'slotStart', 'visibility']);
    expectNoSecrets(s, res.body, 'GET casusoverleg');
    expectNoSecrets(s, (await s.api.partner.get('/api/casusoverleggen')).body, 'the list');

    // The regievoerder sees all five; the chair, who takes part in none, sees the agenda as five closed items.
    const regie = (await s.api.regie.get(`/api/casusoverleggen/${s.id}`)).body.casusoverleg;
    expect(regie.items.map((i: { visibility: string }) => i.visibility)).toEqual(Array(5).fill('volledig'));
    const chair = (await s.api.chair.get(`/api/casusoverleggen/${s.id}`)).body;
    expect(chair.casusoverleg.items.every((i: { visibility: string }) => i.visibility === 'besloten')).toBe(true);
    expect(chair.casusoverleg.my).toEqual({ chair: true, organiser: true });
    for (const k of KINDS) expect(JSON.stringify(chair)).not.toContain(s.h[k].reference);

    // Someone who takes part in none of them does not learn it exists.
    expect((await s.api.outsider.get(`/api/casusoverleggen/${s.id}`)).status).toBe(404);
    expect((await s.api.outsider.get('/api/casusoverleggen')).body.upcoming.map((c: { id: string }) => c.id)).not.toContain(s.id);
    const stream = await openSse(`${server.url}/api/casusoverleggen/${s.id}/events`, { cookie: s.api.outsider.cookie! });
    expect(stream.status).toBe(404);
  });

  it('meeting mode and the live stream never carry a reference or name the partner may not see; the plan summary only at volledig', async () => {
    const s = await setup();
    const stream = await openSse(`${server.url}/api/casusoverleggen/${s.id}/events`, { cookie: s.api.partner.cookie! });
    const received: string[] = [];
    try {
      expect(stream.status).toBe(200);
      received.push((await stream.next((m) => m.event === 'ready')).data);
      for (const k of KINDS) {
        expect((await s.api.chair.post(`/api/casusoverleggen/${s.id}/current`, { itemId: s.itemOf(k).id })).status).toBe(200);
        const hint = await stream.next((m) => m.event === 'changed');
        received.push(hint.data);
        expect(Object.keys(hint.json()).sort()).toEqual(['casusoverlegId', 'revision']);
        const mode = await s.api.partner.get(`/api/casusoverleggen/${s.id}/vergadering`);
        expect(mode.status).toBe(200);
        expectNoSecrets(s, mode.body, `meeting mode at ${k}`);
        const current = mode.body.current;
        expect(current.item.id).toBe(s.itemOf(k).id);
        if (k === 'full') expect(current).toMatchObject({ item: { visibility: 'volledig' }, planSummary: expect.stringContaining('') });
        else if (k === 'afspraken') expect(current).toMatchObject({ item: { visibility: 'afspraken', reference: s.h.afspraken.reference }, planSummary: null });
        else expect(current).toEqual({ item: expect.objectContaining({ visibility: 'besloten' }), planSummary: null });
      }
      // The regievoerder's own change to a slot reaches the partner as a hint as well.
      await s.api.regie.patch(`/api/casusoverleggen/${s.id}/agenda/${s.itemOf('none').id}`, { slotMinutes: 30 });
      received.push((await stream.next((m) => m.event === 'changed')).data);
    } finally {
      stream.close();
    }
    for (const data of received) for (const secret of secretsFor(s)) expect(data).not.toContain(secret);
    // Reading the item in meeting mode is audited for the households the partner saw into, and only those.
    const reads = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, 'casusoverleg.item_view'), eq(auditLog.userId, s.users.partner.id)));
    expect(new Set(reads.map((r) => r.householdId))).toEqual(new Set([s.h.full.id, s.h.afspraken.id]));
  });

  it('the plan summary is the plan as plain text, section by section, live from the document', async () => {
    const s = await setup();
    await s.api.chair.post(`/api/casusoverleggen/${s.id}/current`, { itemId: s.itemOf('full').id });
    const empty = (await s.api.partner.get(`/api/casusoverleggen/${s.id}/vergadering`)).body.current.planSummary;
    expect(empty).toBe(''); // the template's headings alone say nothing
    const [plan] = await db()
      .select()
      .from(documents)
      .where(and(eq(documents.householdId, s.h.full.id), eq(documents.kind, 'plan')));
    const editor = connectClient(server.url, s.api.regie, plan!.id);
    try {
      await editor.synced();
      appendParagraph(editor.fragment, 'Sandra belt morgen de wijkagent.');
      await waitFor(
        async () =>
          (await s.api.partner.get(`/api/casusoverleggen/${s.id}/vergadering`)).body.current.planSummary === 'Evaluatie: Sandra belt morgen de wijkagent.',
        'the typed text in the summary',
      );
    } finally {
      editor.destroy();
    }
  });

  it('the stream ends with `revoked` once the viewer takes part in no household on the agenda', async () => {
    const regie = await createUser(db(), { kind: 'gemeente' });
    const partner = await createUser(db(), { kind: 'politie' });
    const household = await createHousehold(db(), { regievoerderId: regie.id });
    await addParticipant(db(), household.id, partner.id, 'partner');
    const [regieApi, partnerApi] = await Promise.all([sessionClient(server, regie.id), sessionClient(server, partner.id)]);
    const planned = await planVia(regieApi);
    await addToAgenda(regieApi, planned.id, household.id);
    const stream: SseConnection = await openSse(`${server.url}/api/casusoverleggen/${planned.id}/events`, { cookie: partnerApi.cookie! });
    await stream.next((m) => m.event === 'ready');
    expect((await regieApi.delete(`/api/households/${household.id}/participants/${partner.id}`, {})).status).toBe(204);
    const revoked = await stream.next((m) => m.event === 'revoked');
    expect(revoked.json().message).toMatch(/niet meer/);
    await stream.ended;
    expect((await partnerApi.get(`/api/casusoverleggen/${planned.id}`)).status).toBe(404);
  });
});

describe('planning and running the casusoverleg', () => {
  it('a regievoerder plans it and adds only households they direct; another regievoerder adds their own', async () => {
    const s = await setup();
    // A partner who directs nothing cannot plan one.
    const refused = await s.api.partner.post('/api/casusoverleggen', { startsAt: inDays(4), place: 'Zaal 3' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('NOT_A_REGIEVOERDER');
    expect((await s.api.regie.post('/api/casusoverleggen', { startsAt: inDays(4) })).status).toBe(400); // no place, no link
    expect((await s.api.regie.post('/api/casusoverleggen', { startsAt: inDays(4), onlineLink: 'javascript:alert(1)' })).status).toBe(400);

    // The partner cannot put a household on it they do not direct (the seam answers, audited as refused).
    const other = await createHousehold(db(), { regievoerderId: s.users.outsider.id });
    await addParticipant(db(), other.id, s.users.partner.id, 'partner');
    expect((await s.api.partner.post(`/api/casusoverleggen/${s.id}/agenda`, { householdId: other.id })).status).toBe(403);
    // The regievoerder of that other household does not see this casusoverleg yet: 404, like a missing one.
    expect((await s.api.outsider.post(`/api/casusoverleggen/${s.id}/agenda`, { householdId: other.id })).status).toBe(404);
    // Once they take part in a household on it, they may add their own.
    await addParticipant(db(), s.h.none.id, s.users.outsider.id, 'partner');
    const added = await s.api.outsider.post(`/api/casusoverleggen/${s.id}/agenda`, { householdId: other.id });
    expect(added.status).toBe(201);
    const item = added.body.casusoverleg.items.find((i: { householdId?: string }) => i.householdId === other.id);
    expect(item).toMatchObject({ visibility: 'volledig', mayEdit: true, slotMinutes: 20 });
    // It follows the last slot.
    const last = s.itemOf('none');
    expect(new Date(item.slotStart).getTime()).toBe(new Date(last.slotStart).getTime() + last.slotMinutes * 60_000);
    expect((await s.api.outsider.post(`/api/casusoverleggen/${s.id}/agenda`, { householdId: other.id })).body.error.code).toBe('ALREADY_ON_AGENDA');
    // They change their own item, not someone else's, and not the order.
    expect((await s.api.outsider.patch(`/api/casusoverleggen/${s.id}/agenda/${item.id}`, { slotMinutes: 15 })).status).toBe(200);
    expect((await s.api.outsider.delete(`/api/casusoverleggen/${s.id}/agenda/${s.itemOf('full').id}`)).status).toBe(404);
    expect((await s.api.outsider.patch(`/api/casusoverleggen/${s.id}/agenda/${s.itemOf('none').id}`, { slotMinutes: 15 })).status).toBe(403);
    expect((await s.api.outsider.put(`/api/casusoverleggen/${s.id}/agenda/order`, { itemIds: [item.id] })).body.error.code).toBe('NOT_ORGANISER');

    // Each household got its minutes as a casusoverleg of its own, at the time of its slot.
    const [minutes] = await db()
      .select()
      .from(documents)
      .where(eq(documents.id, s.itemOf('full').documentId));
    expect(minutes).toMatchObject({ kind: 'meeting', householdId: s.h.full.id, title: 'Casusoverleg Zuid' });
    expect(minutes!.meetingAt!.toISOString()).toBe(new Date(s.itemOf('full').slotStart).toISOString());
    // Moving the meeting an hour moves every slot and the minutes' time.
    const before = (await s.api.regie.get(`/api/casusoverleggen/${s.id}`)).body.casusoverleg;
    const moved = await s.api.regie.patch(`/api/casusoverleggen/${s.id}`, {
      startsAt: new Date(new Date(before.startsAt).getTime() + 3_600_000).toISOString(),
    });
    expect(moved.status).toBe(200);
    const shifted = (i: { [k: string]: any }) => new Date(i.slotStart).getTime() + 3_600_000;
    expect(moved.body.casusoverleg.items.map((i: { slotStart: string }) => new Date(i.slotStart).getTime())).toEqual(before.items.map(shifted));
    const [after] = await db()
      .select()
      .from(documents)
      .where(eq(documents.id, s.itemOf('full').documentId));
    expect(after!.meetingAt!.getTime()).toBe(shifted(s.itemOf('full')));
    // A closed household cannot go on an agenda.
    const closedOne = await createHousehold(db(), { regievoerderId: s.users.regie.id });
    await s.api.regie.post(`/api/households/${closedOne.id}/close`, { reason: 'doelen_bereikt' });
    expect((await s.api.regie.post(`/api/casusoverleggen/${s.id}/agenda`, { householdId: closedOne.id })).body.error.code).toBe('HOUSEHOLD_CLOSED');
  });

  it('only the chair starts it, moves it on and closes it; afterwards nothing changes', async () => {
    const s = await setup();
    const first = { itemId: s.itemOf('full').id };
    for (const who of ['partner', 'regie'] as const) {
      const res = await s.api[who].post(`/api/casusoverleggen/${s.id}/current`, first);
      expect(res.status, who).toBe(403);
      expect(res.body.error.code).toBe('NOT_CHAIR');
      expect((await s.api[who].post(`/api/casusoverleggen/${s.id}/close`)).status, who).toBe(403);
    }
    const started = await s.api.chair.post(`/api/casusoverleggen/${s.id}/current`, first);
    expect(started.body.casusoverleg).toMatchObject({ status: 'in_progress', currentItemId: first.itemId, startedAt: expect.any(String) });
    expect((await s.api.regie.delete(`/api/casusoverleggen/${s.id}/agenda/${first.itemId}`)).body.error.code).toBe('CURRENT_ITEM');
    const next = await s.api.chair.post(`/api/casusoverleggen/${s.id}/current`, { itemId: s.itemOf('afspraken').id });
    expect(next.body.casusoverleg.currentItemId).toBe(s.itemOf('afspraken').id);
    expect((await s.api.chair.post(`/api/casusoverleggen/${s.id}/current`, { itemId: crypto.randomUUID() })).body.error.code).toBe('NOT_ON_AGENDA');
    const closed = await s.api.chair.post(`/api/casusoverleggen/${s.id}/close`);
    expect(closed.body.casusoverleg).toMatchObject({ status: 'closed', closedAt: expect.any(String), currentItemId: null });
    expect((await s.api.regie.patch(`/api/casusoverleggen/${s.id}`, { place: 'Elders' })).body.error.code).toBe('CASUSOVERLEG_CLOSED');
    expect((await s.api.chair.post(`/api/casusoverleggen/${s.id}/current`, first)).body.error.code).toBe('CASUSOVERLEG_CLOSED');
    const list = (await s.api.partner.get('/api/casusoverleggen')).body;
    expect(list.past.map((c: { id: string }) => c.id)).toContain(s.id);
  });

  it('closing it tells each participant once that the overview of agreements is ready, with a link to it and no case content', async () => {
    const s = await setup();
    // A partner who takes part only at signaal hears nothing; an outsider nothing; the chair (who closed it) nothing.
    const signaalOnly = await createUser(db(), { kind: 'jeugdzorg' });
    await addParticipant(db(), s.h.signaal.id, signaalOnly.id, 'partner', { level: 'signaal' });
    const signaalApi = await sessionClient(server, signaalOnly.id);
    const overviews = async (api: ApiClient) =>
      ((await api.get('/api/notifications')).body.notifications as { kind: string; link: string | null; reference: string | null }[]).filter(
        (n) => n.kind === 'meeting_overview',
      );
    await s.api.chair.post(`/api/casusoverleggen/${s.id}/close`);
    const [mine, ...more] = await overviews(s.api.partner);
    expect(more).toHaveLength(0);
    expect(mine).toMatchObject({ link: `/casusoverleggen/${s.id}/overzicht` });
    expect(await overviews(s.api.regie)).toHaveLength(1);
    for (const api of [signaalApi!, s.api.outsider, s.api.chair]) expect(await overviews(api)).toHaveLength(0);
    // The link leads to the overview, as far as the partner may see.
    expect((await s.api.partner.get(`/api/casusoverleggen/${s.id}/overzicht`)).status).toBe(200);
  });

  it('planning, changing, the agenda and closing are in the audit trail; agenda rows in the household’s Logboek', async () => {
    const s = await setup();
    await s.api.regie.patch(`/api/casusoverleggen/${s.id}`, { place: 'Stadhuis, kamer 4' });
    await s.api.regie.patch(`/api/casusoverleggen/${s.id}/agenda/${s.itemOf('full').id}`, { slotMinutes: 25 });
    await s.api.regie.put(`/api/casusoverleggen/${s.id}/agenda/order`, { itemIds: [...KINDS].reverse().map((k) => s.itemOf(k).id) });
    await s.api.regie.delete(`/api/casusoverleggen/${s.id}/agenda/${s.itemOf('none').id}`);
    await s.api.chair.post(`/api/casusoverleggen/${s.id}/current`, { itemId: s.itemOf('full').id });
    await s.api.chair.post(`/api/casusoverleggen/${s.id}/current`, { itemId: s.itemOf('signaal').id });
    await s.api.chair.post(`/api/casusoverleggen/${s.id}/close`);
    const rows = await db().select().from(auditLog).where(eq(auditLog.target, s.id)).orderBy(auditLog.id);
    expect(rows.map((r) => r.event)).toEqual([
      'casusoverleg.plan',
      ...KINDS.map(() => 'casusoverleg.agenda_add'),
      'casusoverleg.update',
      'casusoverleg.agenda_change',
      'casusoverleg.agenda_order',
      'casusoverleg.agenda_remove',
      'casusoverleg.start',
      'casusoverleg.next',
      'casusoverleg.close',
    ]);
    // Rows about one household's item carry that household; the order and the meeting itself are regional.
    const perHousehold = ['casusoverleg.agenda_add', 'casusoverleg.agenda_change', 'casusoverleg.agenda_remove'];
    expect(rows.filter((r) => perHousehold.includes(r.event)).every((r) => r.householdId !== null)).toBe(true);
    expect(rows.filter((r) => !perHousehold.includes(r.event)).every((r) => r.householdId === null)).toBe(true);
    expect(rows.find((r) => r.event === 'casusoverleg.update')!.details).toMatchObject({ changed: ['place'] });
    expect(rows.find((r) => r.event === 'casusoverleg.close')!.userId).toBe(s.users.chair.id);
    const logboek = await s.api.regie.get(`/api/households/${s.h.full.id}/audit`);
    expect(logboek.body.entries.map((e: { event: string }) => e.event)).toEqual(
      expect.arrayContaining(['casusoverleg.agenda_add', 'casusoverleg.agenda_change']),
    );
  });
});

describe('after the meeting', () => {
  it('new and changed agreements per organisation, as far as each viewer sees; meetingOverviewFor gives one organisation’s', async () => {
    const s = await setup();
    const before = await createActionVia(s.api.regie, s.h.full.id, { title: 'Van voor het overleg' });
    await s.api.chair.post(`/api/casusoverleggen/${s.id}/current`, { itemId: s.itemOf('full').id });
    const politie = s.users.partner.organizationId;
    const mine = await createActionVia(s.api.regie, s.h.full.id, { title: 'Afspraak politie', ownerOrganizationId: politie });
    const theirs = await createActionVia(s.api.regie, s.h.full.id, { title: 'Afspraak gemeente', ownerOrganizationId: s.users.regie.organizationId });
    const otherOrgAtAfspraken = await createActionVia(s.api.regie, s.h.afspraken.id, {
      title: 'Afspraak gemeente bij afspraken',
      ownerOrganizationId: s.users.regie.organizationId,
    });
    const ownAtAfspraken = await createActionVia(s.api.regie, s.h.afspraken.id, { title: 'Afspraak politie bij afspraken', ownerOrganizationId: politie });
    const hidden = await createActionVia(s.api.regie, s.h.none.id, { title: 'Geheime afspraak', ownerOrganizationId: politie });
    expect((await s.api.regie.patch(`/api/actions/${before.id}`, { dueDate: '2030-01-01', version: before.version })).status).toBe(200);
    await s.api.chair.post(`/api/casusoverleggen/${s.id}/close`);

    const res = await s.api.partner.get(`/api/casusoverleggen/${s.id}/overzicht`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ final: true, closedItems: 3 });
    const titles = res.body.organizations.flatMap((o: { agreements: { action: { title: string } }[] }) => o.agreements.map((a) => a.action.title));
    expect(titles.sort()).toEqual(['Afspraak gemeente', 'Afspraak politie', 'Afspraak politie bij afspraken', 'Van voor het overleg'].sort());
    const all = res.body.organizations.flatMap((o: { agreements: unknown[] }) => o.agreements) as {
      action: { id: string };
      isNew: boolean;
      household: object;
    }[];
    expect(all.find((a) => a.action.id === before.id)!.isNew).toBe(false);
    expect(all.find((a) => a.action.id === mine.id)!.isNew).toBe(true);
    expect(all.find((a) => a.action.id === ownAtAfspraken.id)!.household).toEqual({
      id: s.h.afspraken.id,
      reference: s.h.afspraken.reference,
      displayName: '',
    });
    expectNoSecrets(s, res.body, 'the overview');
    expect(JSON.stringify(res.body)).not.toContain(otherOrgAtAfspraken.id);
    expect(JSON.stringify(res.body)).not.toContain(hidden.id);

    // The regievoerder sees everything, grouped by organisation.
    const regie = (await s.api.regie.get(`/api/casusoverleggen/${s.id}/overzicht`)).body;
    expect(regie.organizations.map((o: { agreements: unknown[] }) => o.agreements.length).reduce((a: number, b: number) => a + b, 0)).toBe(6);

    // For a notification sender: the politie's agreements only, by household.
    const forPolitie = await meetingOverviewFor(db(), s.id, politie);
    const ids = forPolitie!.households.flatMap((h) => h.agreements.map((a) => a.actionId));
    expect(ids.sort()).toEqual([mine.id, ownAtAfspraken.id, hidden.id].sort());
    expect(ids).not.toContain(theirs.id);
    expect(await meetingOverviewFor(db(), crypto.randomUUID(), politie)).toBeNull();
    await waitFor(
      async () => (await db().select().from(auditLog).where(eq(auditLog.event, 'casusoverleg.overview_view'))).length >= 2,
      'overview reads audited',
    );
  });
});
