// The periodic notifications: an action due tomorrow, an action past its due date, and a huisverbod whose plan van
// aanpak is due within two days without a vastgesteld plan (the regievoerder). The job scans every household, so
// this file has a database of its own; two servers share it (on PostgreSQL each with its own pool) and run the job
// at the same moment: every notification exists once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { actions, households, notifications, scheduledJobs } from '../../server/db/schema.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { getNotificationScheduler } from '../../server/notifications/module.ts';
import { addDays, amsterdamDay } from '../../shared/huisverbod.ts';
import { addParticipant, createUser, householdWithCast } from '../support/factories.ts';
import { createActionVia } from '../support/board.ts';
import { isolatedDatabase } from '../support/scratch-db.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let second: Database | null = null;
let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  database = await isolatedDatabase('casustafel_notify_jobs');
  second = database.url ? await openDatabase({ databaseUrl: database.url, dataDir: '' }) : null;
  [a, b] = await Promise.all([startTestServer({ database }), startTestServer({ database: second ?? database })]);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  await second?.close();
  await database?.close();
});
const db = () => database.db;
const today = () => amsterdamDay(new Date());

/** Both processes run the due job at the same moment, twice over; returns how many passes ran it. */
async function runDueJobEverywhere() {
  await db()
    .update(scheduledJobs)
    .set({ nextRunAt: new Date(0) })
    .where(eq(scheduledJobs.name, 'notifications.due'));
  const passes = await Promise.all([a, b, a, b].map((s) => getNotificationScheduler(s.deps).tick()));
  return passes.filter((ran) => ran.some((r) => r.name === 'notifications.due')).length;
}

const of = (userId: string) => db().select().from(notifications).where(eq(notifications.recipientId, userId));

describe('due dates', () => {
  it('tomorrow tells whoever claimed it; passed tells the owning organisation; unowned the regievoerder; once, whatever runs it', async () => {
    const { household, api, users } = await householdWithCast(db(), a.url);
    const mate = await createUser(db(), { organizationId: users.partner.organizationId });
    await addParticipant(db(), household.id, mate.id, 'partner');
    const claimed = await createActionVia(api.regie, household.id, {
      title: 'Morgen af',
      ownerOrganizationId: users.partner.organizationId,
      dueDate: addDays(today(), 1),
    });
    await api.partner.post(`/api/actions/${claimed.id}/claim`);
    const late = await createActionVia(api.regie, household.id, {
      title: 'Te laat',
      ownerOrganizationId: users.partner.organizationId,
      dueDate: addDays(today(), 3),
    });
    const loose = await createActionVia(api.regie, household.id, { title: 'Van niemand', dueDate: addDays(today(), 3) });
    const later = await createActionVia(api.regie, household.id, {
      title: 'Volgende week',
      ownerOrganizationId: users.partner.organizationId,
      dueDate: addDays(today(), 7),
    });
    // Past due: set in the database (the board refuses nothing about dates, but the API keeps today's clock).
    await db()
      .update(actions)
      .set({ dueDate: addDays(today(), -2) })
      .where(eq(actions.id, late.id));
    await db()
      .update(actions)
      .set({ dueDate: addDays(today(), -1) })
      .where(eq(actions.id, loose.id));
    const before = { partner: (await of(users.partner.id)).length, mate: (await of(mate.id)).length, regie: (await of(users.regie.id)).length };

    expect(await runDueJobEverywhere()).toBe(1);
    expect(await runDueJobEverywhere()).toBe(1);

    const partner = (await of(users.partner.id)).slice(before.partner);
    expect(partner.map((n) => [n.kind, n.actionId]).sort()).toEqual(
      [
        ['action_due_tomorrow', claimed.id],
        ['action_overdue', late.id],
      ].sort(),
    );
    expect((await of(mate.id)).slice(before.mate).map((n) => [n.kind, n.actionId])).toEqual([['action_overdue', late.id]]);
    expect((await of(users.regie.id)).slice(before.regie).map((n) => [n.kind, n.actionId])).toEqual([['action_overdue', loose.id]]);
    expect((await of(users.observer.id)).map((n) => n.actionId)).not.toContain(later.id);
    const shown = (await api.partner.get('/api/notifications')).body.notifications;
    expect(shown.find((n: { kind: string }) => n.kind === 'action_due_tomorrow')).toMatchObject({ actionTitle: 'Morgen af', reference: household.reference });
  });

  it('a closed household and a done action tell nothing', async () => {
    const { household, api, users } = await householdWithCast(db(), a.url);
    const done = await createActionVia(api.regie, household.id, {
      title: 'Al klaar',
      ownerOrganizationId: users.partner.organizationId,
      dueDate: addDays(today(), 1),
    });
    await api.partner.post(`/api/actions/${done.id}/complete`, { note: 'klaar' });
    const other = await householdWithCast(db(), a.url);
    await createActionVia(other.api.regie, other.household.id, {
      title: 'Gesloten',
      ownerOrganizationId: other.users.partner.organizationId,
      dueDate: addDays(today(), 1),
    });
    await other.api.regie.post(`/api/households/${other.household.id}/close`, { reason: 'doelen_bereikt' });
    await runDueJobEverywhere();
    expect((await of(users.partner.id)).filter((n) => n.kind.startsWith('action_due') || n.kind === 'action_overdue')).toEqual([]);
    expect((await of(other.users.partner.id)).filter((n) => n.kind === 'action_due_tomorrow')).toEqual([]);
  });
});

describe('the plan deadline of a huisverbod', () => {
  it('two days before, the regievoerder is told once; not when the plan is vastgesteld, not the partners', async () => {
    const near = await householdWithCast(db(), a.url);
    const done = await householdWithCast(db(), a.url);
    const start = addDays(today(), -8); // day 0 + 10 = the deadline, two days from now
    for (const h of [near.household, done.household]) await db().update(households).set({ huisverbodStart: start }).where(eq(households.id, h.id));
    const plan = (await done.api.regie.get(`/api/households/${done.household.id}`)).body.household.documents.find((d: { kind: string }) => d.kind === 'plan');
    expect((await done.api.regie.post(`/api/documents/${plan.id}/establish`, {})).status).toBe(201);

    await runDueJobEverywhere();
    await runDueJobEverywhere();
    expect((await of(near.users.regie.id)).filter((n) => n.kind === 'plan_deadline').map((n) => n.householdId)).toEqual([near.household.id]);
    expect((await of(done.users.regie.id)).filter((n) => n.kind === 'plan_deadline')).toEqual([]);
    expect((await of(near.users.partner.id)).filter((n) => n.kind === 'plan_deadline')).toEqual([]);
    const [shown] = (await near.api.regie.get('/api/notifications')).body.notifications;
    expect(shown).toMatchObject({ kind: 'plan_deadline', reference: near.household.reference, link: `/huishoudens/${near.household.id}` });
  });
});
