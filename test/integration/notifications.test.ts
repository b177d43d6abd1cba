// Meldingen made by what people do: an action assigned to your organisation (or to you), your claimed action
// changed by someone else, a casusoverleg planned or its minutes vastgesteld, being added to or removed from a
// household. Each reaches exactly the people it concerns, once, told only as far as they may see the household
// now; read and unread; live over the user's own stream. (Due dates, the plan deadline and e-mail: the
// notification-jobs and notification-email tests, on databases of their own.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { notifications, participations } from '../../server/db/schema.ts';
import { ApiClient } from '../support/client.ts';
import { addParticipant, createUser, householdWithCast } from '../support/factories.ts';
import { createActionVia, sessionClient } from '../support/board.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { openSse } from '../support/sse.ts';
import { addToAgenda, planVia } from '../support/casusoverleg.ts';
import type { NotificationItem } from '../../shared/notifications.ts';
import type { InfoLevel } from '../../shared/enums.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
const db = () => server.database.db;

const inbox = async (api: ApiClient) => {
  const res = await api.get('/api/notifications');
  expect(res.status).toBe(200);
  return res.body as { notifications: NotificationItem[]; unread: number; nextBefore: string | null };
};
const kinds = async (api: ApiClient) => (await inbox(api)).notifications.map((n) => n.kind);

/** A colleague of `orgUserId`'s organisation in the household, at a level, logged in. */
async function colleague(householdId: string, organizationId: string, level: InfoLevel = 'volledig', confirmed = true) {
  const u = await createUser(db(), { organizationId });
  await addParticipant(db(), householdId, u.id, 'partner', { level, confirmed });
  return { user: u, api: await sessionClient(server, u.id) };
}

describe('notifications of actions', () => {
  it('an action assigned to an organisation reaches every participant of it in that household (whose level shows it), not the one who assigned it', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const politie = users.partner.organizationId;
    const mate = await colleague(household.id, politie);
    const signaal = await colleague(household.id, politie, 'signaal');
    const action = await createActionVia(api.regie, household.id, { title: 'Woning bezoeken', ownerOrganizationId: politie });

    for (const who of [api.partner, mate.api]) {
      const [n] = (await inbox(who)).notifications;
      expect(n).toMatchObject({
        kind: 'action_assigned',
        reference: household.reference,
        actionTitle: 'Woning bezoeken',
        link: `/huishoudens/${household.id}/acties#actie-${action.id}`,
        readAt: null,
      });
      expect(n!.organization).toBeTruthy();
    }
    expect(await kinds(signaal.api)).toEqual([]);
    expect(await kinds(api.regie)).toEqual([]);

    // Moved to Veilig Thuis: the observer of that organisation hears of it; politie is not told again.
    const moved = await api.regie.patch(`/api/actions/${action.id}`, { ownerOrganizationId: users.observer.organizationId, version: action.version });
    expect(moved.status).toBe(200);
    expect(await kinds(api.observer)).toEqual(['action_assigned']);
    expect(await kinds(api.partner)).toEqual(['action_assigned']);
  });

  it('the claimer hears when someone else edits, completes or reassigns their action; their own changes are silent', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const mate = await colleague(household.id, users.partner.organizationId);
    const action = await createActionVia(api.regie, household.id, { title: 'Gesprek plannen' });
    expect((await api.partner.post(`/api/actions/${action.id}/claim`)).status).toBe(200);
    const own = await api.partner.patch(`/api/actions/${action.id}`, { details: 'Eigen aantekening', version: 2 });
    expect(own.status).toBe(200);
    expect(await kinds(api.partner)).toEqual([]);

    const edited = await api.regie.patch(`/api/actions/${action.id}`, { title: 'Gesprek plannen met tolk', version: 3 });
    expect(edited.status).toBe(200);
    expect(await kinds(api.partner)).toEqual(['action_changed']);
    expect((await inbox(api.partner)).notifications[0]).toMatchObject({ actionTitle: 'Gesprek plannen met tolk', reference: household.reference });

    // Reassigned by the regievoerder to a colleague: the claimer hears of it, the colleague is assigned.
    const reassigned = await api.regie.patch(`/api/actions/${action.id}`, { assignedUserId: mate.user.id, version: 4 });
    expect(reassigned.status).toBe(200);
    expect(await kinds(api.partner)).toEqual(['action_changed', 'action_changed']);
    expect(await kinds(mate.api)).toEqual(['action_assigned']);
  });
});

describe('notifications of the household', () => {
  it('a casusoverleg planned and its minutes vastgesteld reach every other participant once', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const meeting = await api.regie.post(`/api/households/${household.id}/meetings`, { title: 'Casusoverleg', meetingAt: '2026-03-02T10:00:00+01:00' });
    expect(meeting.status).toBe(201);
    const docId = meeting.body.document.id;
    expect((await api.regie.post(`/api/documents/${docId}/establish`, {})).status).toBe(201);
    for (const who of [api.partner, api.observer]) {
      const list = (await inbox(who)).notifications;
      expect(list.map((n) => n.kind)).toEqual(['minutes_established', 'meeting_planned']);
      expect(list[0]).toMatchObject({ reference: household.reference, link: `/huishoudens/${household.id}/documenten/${docId}` });
    }
    expect(await kinds(api.regie)).toEqual([]);
  });

  it('a household put on a regional casusoverleg’s agenda tells its participants (and nobody of another household)', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const other = await householdWithCast(db(), server.url);
    const casusoverleg = await planVia(api.regie);
    const agenda = await addToAgenda(api.regie, casusoverleg.id, household.id);
    const [n] = (await inbox(api.partner)).notifications;
    expect(n).toMatchObject({
      kind: 'meeting_planned',
      reference: household.reference,
      link: `/huishoudens/${household.id}/documenten/${agenda.items[0]!.documentId}`,
    });
    expect(await kinds(api.observer)).toEqual(['meeting_planned']);
    expect(await kinds(api.regie)).toEqual([]);
    expect(await kinds(other.api.partner)).toEqual([]);
  });

  it('a removed user gets the removal notice, told as "een casus", and nothing of the household after', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const newcomer = await createUser(db(), { organizationId: users.partner.organizationId });
    const newcomerApi = await sessionClient(server, newcomer.id);
    expect((await api.regie.post(`/api/households/${household.id}/participants`, { userId: newcomer.id, role: 'partner' })).status).toBe(201);
    // The statement is not confirmed yet: the reference is not named.
    expect((await inbox(newcomerApi)).notifications).toMatchObject([{ kind: 'participant_added', reference: null, link: `/huishoudens/${household.id}` }]);
    await db()
      .update(participations)
      .set({ statementConfirmedAt: new Date() })
      .where(and(eq(participations.householdId, household.id), eq(participations.userId, newcomer.id)));
    expect((await inbox(newcomerApi)).notifications[0]!.reference).toBe(household.reference);

    expect((await api.regie.delete(`/api/households/${household.id}/participants/${newcomer.id}`, {})).status).toBe(204);
    await createActionVia(api.regie, household.id, { title: 'Na vertrek', ownerOrganizationId: users.partner.organizationId });
    await api.regie.post(`/api/households/${household.id}/meetings`, { title: 'Casusoverleg', meetingAt: '2026-03-09T10:00:00+01:00' });
    const after = (await inbox(newcomerApi)).notifications;
    expect(after.map((n) => n.kind)).toEqual(['participant_removed', 'participant_added']);
    // Gone means gone: no reference, no link, not even on the earlier notice.
    for (const n of after) expect(n).toMatchObject({ reference: null, actionTitle: null, link: null });
    expect(JSON.stringify(after)).not.toContain(household.reference);
  });

  it('an unconfirmed or signaal participant is told "een casus"; afspraken names the reference and its own action', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const politie = users.partner.organizationId;
    const unconfirmed = await colleague(household.id, politie, 'afspraken', false);
    const afspraken = await colleague(household.id, politie, 'afspraken');
    const signaal = await colleague(household.id, politie, 'signaal');
    await createActionVia(api.regie, household.id, { title: 'Eigen afspraak', ownerOrganizationId: politie });
    await api.regie.post(`/api/households/${household.id}/meetings`, { title: 'Casusoverleg', meetingAt: '2026-03-02T10:00:00+01:00' });

    const hidden = await inbox(unconfirmed.api);
    expect(hidden.notifications.map((n) => n.kind)).toEqual(['meeting_planned', 'action_assigned']);
    for (const n of hidden.notifications) expect(n).toMatchObject({ reference: null, actionTitle: null, link: `/huishoudens/${household.id}` });
    expect(JSON.stringify(hidden)).not.toContain('Eigen afspraak');

    const named = await inbox(afspraken.api);
    expect(named.notifications.find((n) => n.kind === 'action_assigned')).toMatchObject({ reference: household.reference, actionTitle: 'Eigen afspraak' });
    // The minutes are not theirs to open: the link goes to the household page.
    expect(named.notifications.find((n) => n.kind === 'meeting_planned')).toMatchObject({
      reference: household.reference,
      link: `/huishoudens/${household.id}`,
    });

    const bare = await inbox(signaal.api);
    expect(bare.notifications.map((n) => n.kind)).toEqual(['meeting_planned']);
    expect(bare.notifications[0]).toMatchObject({ reference: null, actionTitle: null });
  });
});

describe('the inbox', () => {
  it('counts unread, marks one or all read, and never touches another user’s notification', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    for (const title of ['Een', 'Twee', 'Drie']) await createActionVia(api.regie, household.id, { title, ownerOrganizationId: users.partner.organizationId });
    expect((await api.partner.get('/api/notifications/unread')).body).toEqual({ unread: 3 });
    const [first] = (await inbox(api.partner)).notifications;
    expect(first!.actionTitle).toBe('Drie');
    expect((await api.partner.post(`/api/notifications/${first!.id}/read`)).body).toEqual({ unread: 2 });
    // Marking it again changes nothing; another user cannot mark it at all (404, like a missing one).
    expect((await api.partner.post(`/api/notifications/${first!.id}/read`)).body).toEqual({ unread: 2 });
    expect((await api.observer.post(`/api/notifications/${first!.id}/read`)).status).toBe(404);
    expect((await api.observer.post(`/api/notifications/${crypto.randomUUID()}/read`)).status).toBe(404);
    const list = await inbox(api.partner);
    expect(list.notifications.find((n) => n.id === first!.id)!.readAt).not.toBeNull();
    expect((await api.partner.post('/api/notifications/read-all')).body).toEqual({ unread: 0 });
    expect((await inbox(api.partner)).notifications.every((n) => n.readAt !== null)).toBe(true);
    expect((await new ApiClient(server.url).get('/api/notifications')).status).toBe(401);
  });

  it('pages newest first without skipping or repeating', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    for (let i = 0; i < 5; i++) await createActionVia(api.regie, household.id, { title: `Actie ${i}`, ownerOrganizationId: users.partner.organizationId });
    const page1 = await api.partner.get('/api/notifications?limit=2');
    const page2 = await api.partner.get(`/api/notifications?limit=2&before=${page1.body.nextBefore}`);
    const page3 = await api.partner.get(`/api/notifications?limit=2&before=${page2.body.nextBefore}`);
    const titles = [page1, page2, page3].flatMap((p) => p.body.notifications.map((n: NotificationItem) => n.actionTitle));
    expect(titles).toEqual(['Actie 4', 'Actie 3', 'Actie 2', 'Actie 1', 'Actie 0']);
    expect(page3.body.nextBefore).toBeNull();
  });

  it('each event is stored once per recipient, however often it is offered', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    await createActionVia(api.regie, household.id, { title: 'Eenmaal', ownerOrganizationId: users.partner.organizationId });
    const [row] = await db().select().from(notifications).where(eq(notifications.recipientId, users.partner.id));
    const { insertNotifications } = await import('../../server/notifications/store.ts');
    const again = await insertNotifications(db(), [{ ...row!, actionId: row!.actionId }], new Date());
    expect(again.recipients).toEqual([]);
    expect(await db().select().from(notifications).where(eq(notifications.recipientId, users.partner.id))).toHaveLength(1);
  });

  it('the user’s own stream says "notification" (and nothing more) when one arrives', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const stream = await openSse(`${server.url}/api/me/events?meldingen=1`, { cookie: api.partner.cookie! });
    await stream.next((m) => m.event === 'ready');
    await createActionVia(api.regie, household.id, { title: 'Geheime titel', ownerOrganizationId: users.partner.organizationId });
    const hint = await stream.next((m) => m.event === 'notification');
    expect(hint.json()).toEqual({});
    stream.close();
    // A household stream held in the same tab carries it too, when asked.
    const board = await openSse(`${server.url}/api/households/${household.id}/events?meldingen=1`, { cookie: api.partner.cookie! });
    await board.next((m) => m.event === 'ready');
    await createActionVia(api.regie, household.id, { title: 'Nog een', ownerOrganizationId: users.partner.organizationId });
    expect((await board.next((m) => m.event === 'notification')).id).toBeNull();
    board.close();
  });
});
