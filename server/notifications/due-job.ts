// The periodic notifications (a scheduler job, so exactly once across processes; the dedupe key makes a second
// run harmless too): an open action due tomorrow or past its due date (within the last week, so a first run
// on an old installation does not flood anyone), and a huisverbod whose plan van aanpak is due within two days
// while no plan is vastgesteld (the regievoerder). Open households only.
import { and, eq, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { actions, docVersions, documents, households } from '../db/schema.ts';
import { levelShowsAction } from '../../shared/policy.ts';
import { addDays, amsterdamDay, huisverbodTimeline, planDeadlineWarning } from '../../shared/huisverbod.ts';
import { insertNotifications, participantsOf, type NotificationDraft, type Recipient } from './store.ts';
import type { CreatedNotifications } from './topics.ts';

/** How far back a passed due date is still told (once). */
const OVERDUE_LOOKBACK_DAYS = 7;

type ActionRow = typeof actions.$inferSelect;

/** Who answers for an action: whoever claimed it; else its organisation's partners (and regievoerder); else the regievoerder. */
function answerable(a: ActionRow, people: Recipient[]): Recipient[] {
  const here = people.filter((p) => p.householdId === a.householdId && levelShowsAction(p.level, p.organizationId, a.ownerOrganizationId));
  if (a.claimedBy) return here.filter((p) => p.userId === a.claimedBy);
  if (a.ownerOrganizationId) return here.filter((p) => p.organizationId === a.ownerOrganizationId && p.role !== 'observer');
  return here.filter((p) => p.role === 'regievoerder');
}

async function dueActionDrafts(tx: Tx, today: string): Promise<NotificationDraft[]> {
  const tomorrow = addDays(today, 1);
  const rows = await tx
    .select({ action: actions })
    .from(actions)
    .innerJoin(households, eq(households.id, actions.householdId))
    .where(
      and(
        eq(households.status, 'open'),
        inArray(actions.status, ['open', 'claimed']),
        gte(actions.dueDate, addDays(today, -OVERDUE_LOOKBACK_DAYS)),
        lte(actions.dueDate, tomorrow),
      ),
    );
  const due = rows.map((r) => r.action).filter((a) => a.dueDate === tomorrow || a.dueDate! < today);
  const people = await participantsOf(
    tx,
    due.map((a) => a.householdId),
  );
  return due.flatMap((a) => {
    const kind = a.dueDate === tomorrow ? 'action_due_tomorrow' : 'action_overdue';
    return answerable(a, people).map((p) => ({
      recipientId: p.userId,
      kind,
      householdId: a.householdId,
      actionId: a.id,
      organizationId: a.ownerOrganizationId ?? p.organizationId,
      dedupeKey: `${kind}:${a.id}:${a.dueDate}`,
    }));
  });
}

async function planDeadlineDrafts(tx: Tx, today: string): Promise<NotificationDraft[]> {
  const running = await tx
    .select()
    .from(households)
    .where(and(eq(households.status, 'open'), isNotNull(households.huisverbodStart), gte(households.huisverbodStart, addDays(today, -30))));
  // The household page warns from two days before the deadline (planDeadlineWarning); the regievoerder is told then.
  const near = running.flatMap((h) => {
    const t = huisverbodTimeline(h.huisverbodStart, h.huisverbodExtendedUntil, today);
    return t && planDeadlineWarning(t, false) && t.daysUntilPlanDue >= 0 ? [{ ...h, planDue: t.planDue }] : [];
  });
  if (!near.length) return [];
  const established = await tx
    .selectDistinct({ householdId: documents.householdId })
    .from(docVersions)
    .innerJoin(documents, eq(documents.id, docVersions.documentId))
    .where(
      and(
        inArray(
          documents.householdId,
          near.map((h) => h.id),
        ),
        eq(documents.kind, 'plan'),
        eq(docVersions.established, true),
      ),
    );
  const done = new Set(established.map((e) => e.householdId));
  const open = near.filter((h) => !done.has(h.id));
  const people = await participantsOf(
    tx,
    open.map((h) => h.id),
  );
  return open.flatMap((h) =>
    people
      .filter((p) => p.householdId === h.id && p.role === 'regievoerder')
      .map((p) => ({
        recipientId: p.userId,
        kind: 'plan_deadline' as const,
        householdId: h.id,
        organizationId: h.regieOrganizationId,
        dedupeKey: `plan_deadline:${h.id}:${h.planDue}`,
      })),
  );
}

/** One run: every due notification, stored once. */
export async function runDueNotifications(tx: Tx, now: Date): Promise<CreatedNotifications> {
  const today = amsterdamDay(now);
  const drafts = [...(await dueActionDrafts(tx, today)), ...(await planDeadlineDrafts(tx, today))];
  return insertNotifications(tx, drafts, now);
}
