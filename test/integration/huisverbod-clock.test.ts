// The huisverbod clock: on day 0 the advice action "Advies verlenging huisverbod" (Veilig Thuis, due on day 8) goes
// on the board once, and moves with the huisverbod date while open; the burgemeester's decision is recorded by the
// gemeente only (the regievoerder or a gemeente participant), audited, and sets the end date by the domain rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { actionEvents, actions, auditLog, households } from '../../server/db/schema.ts';
import { addParticipant, createOrganization, createUser, householdWithCast, unique } from '../support/factories.ts';
import { sessionClient } from '../support/board.ts';
import { openSse } from '../support/sse.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { addDays } from '../../shared/huisverbod.ts';

const NOW = new Date('2026-03-10T10:00:00Z');
const TODAY = '2026-03-10';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { fixedNow: NOW } });
});
afterAll(() => server?.close());
const db = () => server.database.db;

const adviceOf = async (householdId: string) =>
  db()
    .select()
    .from(actions)
    .where(and(eq(actions.householdId, householdId), eq(actions.kind, 'huisverbod_advies')));

async function newHouseholdVia(cast: Awaited<ReturnType<typeof householdWithCast>>, huisverbodStart: string | null) {
  const res = await cast.api.admin.post('/api/households', {
    reference: unique('HV').toUpperCase().slice(0, 30),
    displayName: 'Gezin Klok',
    huisverbodStart,
    regievoerderId: cast.users.regie.id,
    grondslag: 'huisverbod_wth',
    referringOrganizationId: cast.users.partner.organizationId,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.household.id as string;
  // The new regievoerder confirms the geheimhoudingsverklaring before reading the household.
  expect((await cast.api.regie.post(`/api/households/${id}/statement`, {})).status).toBe(200);
  return id;
}

describe('the advice step', () => {
  it('a household created with a huisverbod gets the advice action once, due on day 8; unowned (and saying so) when no Veilig Thuis takes part among several', async () => {
    const cast = await householdWithCast(db(), server.url);
    // Two Veilig Thuis organisations in this installation, neither taking part: no owner can be chosen.
    await createOrganization(db(), 'veilig_thuis');
    await createOrganization(db(), 'veilig_thuis');
    const id = await newHouseholdVia(cast, addDays(TODAY, -1));
    const [advice, ...more] = await adviceOf(id);
    expect(more).toHaveLength(0);
    expect(advice).toMatchObject({ title: 'Advies verlenging huisverbod', status: 'open', dueDate: addDays(TODAY, 7), ownerOrganizationId: null });
    expect(advice!.details).toMatch(/geen organisatie van Veilig Thuis gevonden/);
    // On the board like any action, created by the one who recorded the huisverbod; and on the household page's clock.
    const board = await cast.api.regie.get(`/api/households/${id}/actions`);
    expect(board.body.actions.map((a: any) => [a.title, a.kind])).toEqual([['Advies verlenging huisverbod', 'huisverbod_advies']]);
    const page = await cast.api.regie.get(`/api/households/${id}`);
    expect(page.body.household.huisverbodClock).toMatchObject({ advice: { id: advice!.id, dueDate: addDays(TODAY, 7) }, decision: null });
    const [created] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, id), eq(auditLog.event, 'action.create')));
    expect(created).toMatchObject({ userId: cast.users.admin.id, target: advice!.id });
    // A household without a huisverbod gets none.
    expect(await adviceOf(await newHouseholdVia(cast, null))).toHaveLength(0);
  });

  it('recording the date later creates it (owned by the Veilig Thuis that takes part); moving the date moves it, once; a done advice stays', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    // The cast's observer works for Veilig Thuis: that organisation takes part and owns the advice.
    const sse = await openSse(`${server.url}/api/households/${household.id}/events`, { cookie: api.partner.cookie! });
    await sse.next((m) => m.event === 'ready');
    const set = await api.regie.patch(`/api/households/${household.id}`, { huisverbodStart: '2026-03-09' });
    expect(set.status).toBe(200);
    let [advice] = await adviceOf(household.id);
    expect(advice).toMatchObject({ ownerOrganizationId: users.observer.organizationId, dueDate: '2026-03-17', version: 1 });
    const live = await sse.next((m) => m.event === 'action.created');
    expect(live.json().payload.action).toMatchObject({ id: advice!.id, kind: 'huisverbod_advies', ownerOrganization: { id: users.observer.organizationId } });
    expect(set.body.household.huisverbodClock.advice).toMatchObject({ id: advice!.id, dueDate: '2026-03-17' });

    // A corrected date moves the due date of the same action (history: edited dueDate); the same date again changes nothing.
    await api.regie.patch(`/api/households/${household.id}`, { huisverbodStart: '2026-03-06' });
    await api.regie.patch(`/api/households/${household.id}`, { huisverbodStart: '2026-03-06' });
    const after = await adviceOf(household.id);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: advice!.id, dueDate: '2026-03-14', version: 2 });
    const moved = await sse.next((m) => m.event === 'action.updated');
    expect(moved.json().payload.action).toMatchObject({ id: advice!.id, dueDate: '2026-03-14' });
    sse.close();
    const history = await db().select().from(actionEvents).where(eq(actionEvents.actionId, advice!.id)).orderBy(actionEvents.id);
    expect(history.map((e) => [e.kind, e.changes])).toEqual([
      ['created', expect.objectContaining({ title: [null, 'Advies verlenging huisverbod'] })],
      ['edited', { dueDate: ['2026-03-17', '2026-03-14'] }],
    ]);

    // Veilig Thuis gives its advice (completes it); a later date change leaves the done advice as it is.
    const vt = await sessionClient(server, users.observer.id);
    expect((await api.regie.post(`/api/actions/${advice!.id}/complete`, { note: 'Advies: verlengen' })).status).toBe(200);
    await api.regie.patch(`/api/households/${household.id}`, { huisverbodStart: '2026-03-08' });
    [advice] = await adviceOf(household.id);
    expect(advice).toMatchObject({ status: 'done', dueDate: '2026-03-14' });
    expect((await vt.get(`/api/households/${household.id}`)).body.household.huisverbodClock.advice.status).toBe('done');
  });
});

describe("the burgemeester's decision", () => {
  it('only the gemeente records it (regievoerder or a gemeente participant); others are refused and the refusal is audited', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    await db().update(households).set({ huisverbodStart: '2026-03-02' }).where(eq(households.id, household.id));
    const gemeente = await createUser(db(), { kind: 'gemeente' });
    await addParticipant(db(), household.id, gemeente.id, 'partner');
    const path = `/api/households/${household.id}/huisverbod/decision`;
    const body = { decision: 'verlengd', decidedOn: '2026-03-09', note: 'Advies Veilig Thuis gevolgd' };

    const refused = await api.partner.post(path, body);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'NOT_GEMEENTE', message: expect.stringMatching(/legt de gemeente vast/) });
    expect((await api.observer.post(path, body)).status).toBe(403);
    expect((await api.outsider.post(path, body)).status).toBe(404);
    expect((await api.admin.post(path, body)).status).toBe(404);
    await expect
      .poll(
        async () =>
          (
            await db()
              .select()
              .from(auditLog)
              .where(and(eq(auditLog.householdId, household.id), eq(auditLog.event, 'access.refused'), eq(auditLog.userId, users.partner.id)))
          ).length,
      )
      .toBe(1);

    // The regievoerder records "verlengd": the end date becomes the longest the rule allows (28 days after the start).
    const extended = await api.regie.post(path, body);
    expect(extended.status).toBe(200);
    expect(extended.body.household.huisverbod).toMatchObject({ extendedUntil: '2026-03-30', extendedBy: 'Burgemeester', timeline: { end: '2026-03-30' } });
    expect(extended.body.household.huisverbodClock.decision).toMatchObject({
      decision: 'verlengd',
      decidedOn: '2026-03-09',
      extendedUntil: '2026-03-30',
      note: 'Advies Veilig Thuis gevolgd',
      recordedBy: { id: users.regie.id },
    });

    // A gemeente participant corrects it to "niet verlengd": the huisverbod ends after the first ten days again.
    const gem = await sessionClient(server, gemeente.id);
    const notExtended = await gem.post(path, { decision: 'niet_verlengd', decidedOn: '2026-03-10' });
    expect(notExtended.status).toBe(200);
    expect(notExtended.body.household.huisverbod).toMatchObject({ extendedUntil: null, timeline: { end: '2026-03-12' } });
    expect(notExtended.body.household.huisverbodClock.decision).toMatchObject({
      decision: 'niet_verlengd',
      extendedUntil: null,
      recordedBy: { id: gemeente.id },
    });

    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, household.id), eq(auditLog.event, 'household.huisverbod_decision')))
      .orderBy(auditLog.id);
    expect(rows.map((r) => [r.userId, r.details])).toEqual([
      [users.regie.id, expect.objectContaining({ decision: 'verlengd', extendedUntil: '2026-03-30', previous: null })],
      [gemeente.id, expect.objectContaining({ decision: 'niet_verlengd', extendedUntil: null, previous: 'verlengd' })],
    ]);
  });

  it('keeps to the rules: a huisverbod to decide on, a date between its start and today, at most 28 days; closed cases refuse', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const path = `/api/households/${household.id}/huisverbod/decision`;
    expect((await api.regie.post(path, { decision: 'verlengd', decidedOn: TODAY })).body.error.code).toBe('NO_HUISVERBOD');
    await db().update(households).set({ huisverbodStart: '2026-03-02' }).where(eq(households.id, household.id));
    expect((await api.regie.post(path, { decision: 'verlengd', decidedOn: '2026-03-01' })).body.error.code).toBe('DECISION_DATE');
    expect((await api.regie.post(path, { decision: 'verlengd', decidedOn: '2026-03-11' })).body.error.code).toBe('DECISION_DATE');
    expect((await api.regie.post(path, { decision: 'verlengd', decidedOn: TODAY, extendedUntil: '2026-03-31' })).body.error.code).toBe('EXTENSION_TOO_LONG');
    expect((await api.regie.post(path, { decision: 'verlengd', decidedOn: TODAY, extendedUntil: '2026-03-12' })).body.error.code).toBe('EXTENSION_TOO_SHORT');
    expect((await api.regie.post(path, { decision: 'misschien', decidedOn: TODAY })).status).toBe(400);
    const shorter = await api.regie.post(path, { decision: 'verlengd', decidedOn: TODAY, extendedUntil: '2026-03-20' });
    expect(shorter.body.household.huisverbod.timeline.end).toBe('2026-03-20');
    await api.regie.post(`/api/households/${household.id}/close`, { reason: 'doelen_bereikt' });
    expect((await api.regie.post(path, { decision: 'niet_verlengd', decidedOn: TODAY })).status).toBe(409);
  });
});
