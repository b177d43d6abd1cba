import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { actions, docVersions, documents } from '../../server/db/schema.ts';
import { addDays } from '../../shared/huisverbod.ts';
import { addParticipant, createHousehold, createUser } from '../support/factories.ts';
import { sessionClient } from '../support/board.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const NOW = new Date('2026-03-10T10:00:00Z');
const TODAY = '2026-03-10';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { fixedNow: NOW } });
});
afterAll(() => server?.close());
const db = () => server.database.db;

type Seed = { status: 'open' | 'claimed' | 'done' | 'cancelled'; due: number | null };
async function seedActions(householdId: string, claimerId: string, seeds: Seed[]) {
  const rows = await db()
    .insert(actions)
    .values(
      seeds.map((s, i) => ({
        householdId,
        title: `Actie ${i} (${s.status}, ${s.due})`,
        status: s.status,
        claimedBy: s.status === 'claimed' ? claimerId : null,
        claimedAt: s.status === 'claimed' ? NOW : null,
        dueDate: s.due === null ? null : addDays(TODAY, s.due),
      })),
    )
    .returning();
  return rows;
}

async function seedWorld() {
  const regie = await createUser(db(), { kind: 'gemeente' });
  const otherRegie = await createUser(db(), { kind: 'gemeente' });
  const partner = await createUser(db(), { kind: 'politie' });
  // H1: huisverbod started 8 days ago, plan not established, no casusoverleg ever.
  const h1 = await createHousehold(db(), { regievoerderId: regie.id, huisverbodStart: addDays(TODAY, -8) });
  // H2: no huisverbod, plan established, casusoverleg two weeks ago (and one planned next week).
  const h2 = await createHousehold(db(), { regievoerderId: regie.id });
  // H3: directed by someone else; must not count.
  const h3 = await createHousehold(db(), { regievoerderId: otherRegie.id });
  for (const h of [h1, h2, h3]) await addParticipant(db(), h.id, partner.id, 'partner');
  const plan2 = (
    await db()
      .select()
      .from(documents)
      .where(and(eq(documents.householdId, h2.id), eq(documents.kind, 'plan')))
  )[0]!;
  await db()
    .insert(docVersions)
    .values({ documentId: plan2.id, name: 'Vastgesteld plan', state: new Uint8Array([0, 0]), established: true });
  const past = await db()
    .insert(documents)
    .values({ householdId: h2.id, kind: 'meeting', title: 'Casusoverleg 1', meetingAt: new Date(NOW.getTime() - 14 * 86_400_000) })
    .returning();
  await db()
    .insert(documents)
    .values({ householdId: h2.id, kind: 'meeting', title: 'Casusoverleg 2', meetingAt: new Date(NOW.getTime() + 7 * 86_400_000) });

  await seedActions(h1.id, partner.id, [
    { status: 'open', due: -3 }, // overdue, unclaimed
    { status: 'claimed', due: -1 }, // overdue, claimed
    { status: 'open', due: null }, // unclaimed
    { status: 'claimed', due: 0 }, // due this week (today)
    { status: 'done', due: -5 }, // done: counts nowhere
  ]);
  await seedActions(h2.id, partner.id, [
    { status: 'open', due: 7 }, // due this week (edge)
    { status: 'claimed', due: 8 }, // open, not this week
    { status: 'cancelled', due: -2 }, // cancelled: counts nowhere
    { status: 'done', due: 2 },
  ]);
  await seedActions(h3.id, partner.id, [
    { status: 'open', due: -10 },
    { status: 'claimed', due: 1 },
  ]);
  return { regie, otherRegie, partner, h1, h2, h3, pastMeeting: past[0]! };
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
}

describe('regievoerder overview', () => {
  it('counts equal a direct database query over the households the user directs', async () => {
    const w = await seedWorld();
    const api = await sessionClient(server, w.regie.id);
    const res = await api.get('/api/overview');
    expect(res.status).toBe(200);
    const result = await db().execute(sql`
      select
        count(*) filter (where a.status in ('open', 'claimed'))::int as open,
        count(*) filter (where a.status = 'open')::int as unclaimed,
        count(*) filter (where a.status in ('open', 'claimed') and a.due_date < ${TODAY}::date)::int as overdue,
        count(*) filter (where a.status in ('open', 'claimed') and a.due_date between ${TODAY}::date and ${TODAY}::date + 7)::int as "dueThisWeek"
      from actions a
      join participations p on p.household_id = a.household_id and p.user_id = ${w.regie.id} and p.role = 'regievoerder'`);
    const expected = rowsOf(result)[0]!;
    expect(res.body.counts).toEqual({
      open: Number(expected.open),
      unclaimed: Number(expected.unclaimed),
      overdue: Number(expected.overdue),
      dueThisWeek: Number(expected.dueThisWeek),
    });
    expect(res.body.counts).toEqual({ open: 6, unclaimed: 3, overdue: 2, dueThisWeek: 2 });
    expect(res.body.actions.open).toHaveLength(6);
    expect(res.body.actions.overdue.map((a: any) => a.household.reference).sort()).toEqual([w.h1.reference, w.h1.reference]);
    for (const list of Object.values(res.body.actions) as any[][]) {
      for (const a of list) {
        expect([w.h1.id, w.h2.id]).toContain(a.householdId);
        expect(a.household.id).toBe(a.householdId);
        expect(a.id).toBeTruthy();
      }
    }
    // The other regievoerder sees only their own household.
    const other = await (await sessionClient(server, w.otherRegie.id)).get('/api/overview');
    expect(other.body.counts).toEqual({ open: 2, unclaimed: 1, overdue: 1, dueThisWeek: 1 });
  });

  it('shows per household the huisverbod deadline, plan state, last casusoverleg and urgency order', async () => {
    const w = await seedWorld();
    const res = await (await sessionClient(server, w.regie.id)).get('/api/overview');
    const [first, second] = res.body.households;
    expect(res.body.households).toHaveLength(2);
    expect(first).toMatchObject({
      householdId: w.h1.id,
      reference: w.h1.reference,
      planEstablished: false,
      lastMeetingAt: null,
      noRecentMeeting: true,
      counts: { open: 4, unclaimed: 2, overdue: 2, dueThisWeek: 1 },
      huisverbod: {
        start: addDays(TODAY, -8),
        planDue: addDays(TODAY, 2),
        end: addDays(TODAY, 2),
        maxEnd: addDays(TODAY, 20),
        daysUntilPlanDue: 2,
        day: 9,
        active: true,
      },
    });
    expect(first.planDocumentId).toBeTruthy();
    expect(first.urgency.reasons.map((r: any) => r.code)).toEqual(
      expect.arrayContaining(['plan_due', 'huisverbod_ending', 'overdue_actions', 'no_recent_meeting']),
    );
    expect(second).toMatchObject({
      householdId: w.h2.id,
      huisverbod: null,
      planEstablished: true,
      lastMeetingAt: w.pastMeeting.meetingAt!.toISOString(),
      lastMeetingDocumentId: w.pastMeeting.id,
      noRecentMeeting: false,
    });
    expect(first.urgency.score).toBeGreaterThan(second.urgency.score);
    const oneWeek = await (await sessionClient(server, w.regie.id)).get('/api/overview?weeks=1');
    expect(oneWeek.body.households.find((h: any) => h.householdId === w.h2.id).noRecentMeeting).toBe(true);
    expect((await (await sessionClient(server, w.regie.id)).get('/api/overview?weeks=0')).status).toBe(400);
  });
});
