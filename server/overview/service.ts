// The regievoerder's overview: every open agreement across the households they direct, each
// household's huisverbod deadlines and casusoverleg rhythm, sorted by urgency. Read-only; no HTTP here.
import { and, asc, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { actions, docVersions, documents, households, participations } from '../db/schema.ts';
import { presentActions } from '../board/presenter.ts';
import { addDays, amsterdamDay, huisverbodTimeline } from '../../shared/huisverbod.ts';
import type { Action, OverviewAction, OverviewCounts, OverviewHousehold, OverviewResponse } from '../../shared/board.ts';
import { urgencyOf } from './urgency.ts';
import { herhaaldIncident } from '../households/herhaald.ts';
import { notCarriedOutByOrganization, notCarriedOutSince } from './not-carried-out.ts';

export const DEFAULT_MEETING_WEEKS = 4;

export interface Buckets {
  open: Action[];
  unclaimed: Action[];
  overdue: Action[];
  dueThisWeek: Action[];
}

/** open = open|claimed; unclaimed = open; overdue = open|claimed due before today;
 * dueThisWeek = open|claimed due from today up to and including today + 7. */
export function bucket(list: Action[], today: string): Buckets {
  const weekEnd = addDays(today, 7);
  const open = list.filter((a) => a.status === 'open' || a.status === 'claimed');
  return {
    open,
    unclaimed: open.filter((a) => a.status === 'open'),
    overdue: open.filter((a) => a.dueDate !== null && a.dueDate < today),
    dueThisWeek: open.filter((a) => a.dueDate !== null && a.dueDate >= today && a.dueDate <= weekEnd),
  };
}

const countsOf = (b: Buckets): OverviewCounts => ({
  open: b.open.length,
  unclaimed: b.unclaimed.length,
  overdue: b.overdue.length,
  dueThisWeek: b.dueThisWeek.length,
});

const byDue = (a: Action, b: Action) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.createdAt.localeCompare(b.createdAt);

export async function regievoerderOverview(db: Db, userId: string, now: Date, weeks = DEFAULT_MEETING_WEEKS): Promise<OverviewResponse> {
  const today = amsterdamDay(now);
  const since = notCarriedOutSince(now);
  const [directed, notCarriedOut] = await Promise.all([
    db
      .select({ household: households, herhaald: herhaaldIncident() })
      .from(participations)
      .innerJoin(households, eq(households.id, participations.householdId))
      .where(and(eq(participations.userId, userId), eq(participations.role, 'regievoerder'), eq(households.status, 'open')))
      .orderBy(asc(households.reference)),
    notCarriedOutByOrganization(db, userId, since),
  ]);
  const empty: OverviewResponse = {
    today,
    weeks,
    counts: { open: 0, unclaimed: 0, overdue: 0, dueThisWeek: 0 },
    actions: { open: [], unclaimed: [], overdue: [], dueThisWeek: [] },
    households: [],
    notCarriedOut: { since: since.toISOString(), organizations: notCarriedOut },
  };
  if (!directed.length) return empty;
  const ids = directed.map((d) => d.household.id);

  const [actionRows, docs] = await Promise.all([
    db
      .select()
      .from(actions)
      .where(and(inArray(actions.householdId, ids), inArray(actions.status, ['open', 'claimed']))),
    db.select().from(documents).where(inArray(documents.householdId, ids)),
  ]);
  const planIds = docs.filter((d) => d.kind === 'plan').map((d) => d.id);
  const established = planIds.length
    ? await db
        .selectDistinct({ documentId: docVersions.documentId })
        .from(docVersions)
        .where(and(inArray(docVersions.documentId, planIds), eq(docVersions.established, true)))
    : [];
  const establishedIds = new Set(established.map((e) => e.documentId));
  const pastMeetings = await db
    .select({ id: documents.id, householdId: documents.householdId, meetingAt: documents.meetingAt })
    .from(documents)
    .where(and(inArray(documents.householdId, ids), eq(documents.kind, 'meeting'), isNotNull(documents.meetingAt), lte(documents.meetingAt, now)));

  const presented = (await presentActions(db, actionRows, now)).sort(byDue);
  const refOf = new Map(directed.map(({ household: h }) => [h.id, { id: h.id, reference: h.reference, displayName: h.displayName }]));
  const withHousehold = (list: Action[]): OverviewAction[] => list.map((a) => ({ ...a, household: refOf.get(a.householdId)! }));
  const all = bucket(presented, today);
  const recentSince = now.getTime() - weeks * 7 * 86_400_000;

  const rows: OverviewHousehold[] = directed.map(({ household: h, herhaald }) => {
    const b = bucket(
      presented.filter((a) => a.householdId === h.id),
      today,
    );
    const plan = docs.find((d) => d.householdId === h.id && d.kind === 'plan') ?? null;
    const last = pastMeetings.filter((m) => m.householdId === h.id).sort((x, y) => y.meetingAt!.getTime() - x.meetingAt!.getTime())[0];
    const timeline = huisverbodTimeline(h.huisverbodStart, h.huisverbodExtendedUntil, today);
    const planEstablished = plan ? establishedIds.has(plan.id) : false;
    const noRecentMeeting = !last || last.meetingAt!.getTime() < recentSince;
    const counts = countsOf(b);
    return {
      householdId: h.id,
      reference: h.reference,
      displayName: h.displayName,
      status: h.status,
      phase: h.phase,
      huisverbod: timeline,
      planDocumentId: plan?.id ?? null,
      planEstablished,
      lastMeetingAt: last?.meetingAt?.toISOString() ?? null,
      lastMeetingDocumentId: last?.id ?? null,
      noRecentMeeting,
      herhaaldIncident: herhaald,
      counts,
      urgency: urgencyOf({ counts, timeline, planEstablished, noRecentMeeting, closed: h.status === 'closed', weeks }),
    };
  });
  rows.sort((a, b) => b.urgency.score - a.urgency.score || a.reference.localeCompare(b.reference));

  return {
    ...empty,
    counts: countsOf(all),
    actions: {
      open: withHousehold(all.open),
      unclaimed: withHousehold(all.unclaimed),
      overdue: withHousehold(all.overdue),
      dueThisWeek: withHousehold(all.dueThisWeek),
    },
    households: rows,
  };
}
