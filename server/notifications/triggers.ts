// Which changes make notifications, and for whom. Called inside the change's own transaction (through the board's
// history, the meeting verbs and the participant verbs), so a notification exists exactly when its change does.
// Need to know: a participant hears of an action only if their information level shows it (`levelShowsAction`:
// `afspraken` only their organisation's, `signaal` none); nobody is told of their own change.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { casusoverlegItems } from '../db/schema.ts';
import type { Emit } from '../realtime/events.ts';
import type { ActorContext } from '../households/service.ts';
import type { ActionRow } from '../board/presenter.ts';
import type { ChangeEntry } from '../board/history.ts';
import { levelShowsAction } from '../../shared/policy.ts';
import type { NotificationKind } from '../../shared/enums.ts';
import { participantsOf, queueNotifications, type AfterCommit, type NotificationDraft, type Recipient } from './store.ts';

/** Changes to an action that its claimer hears of when someone else makes them. */
const CLAIMER_HEARS: ReadonlySet<ChangeEntry['kind']> = new Set(['edited', 'assigned', 'released', 'cancelled', 'completed']);

const newValue = (entries: ChangeEntry[], field: string): string | null | undefined => {
  const pair = entries.find((e) => e.changes[field])?.changes[field];
  return pair ? ((pair[1] as string | null) ?? null) : undefined;
};

/**
 * An action was created or changed: its (new) owner organisation's participants, a user it was assigned to, and the
 * one who had claimed it (when someone else changed it) are told.
 */
export async function notifyActionChange(tx: DbOrTx, emit: Emit, actor: ActorContext, after: ActionRow, entries: ChangeEntry[], created: boolean) {
  const ownerNow = created ? after.ownerOrganizationId : newValue(entries, 'ownerOrganizationId');
  const assignedNow = created ? after.assignedUserId : newValue(entries, 'assignedUserId');
  const claimedBefore = entries.some((e) => e.changes.claimedBy)
    ? (entries.find((e) => e.changes.claimedBy)!.changes.claimedBy![0] as string | null)
    : after.claimedBy;
  const claimerHears = !created && claimedBefore !== null && claimedBefore !== actor.user.id && entries.some((e) => CLAIMER_HEARS.has(e.kind));
  if (!ownerNow && !assignedNow && !claimerHears) return;

  const people = await participantsOf(tx, [after.householdId]);
  const sees = (p: Recipient) => p.userId !== actor.user.id && levelShowsAction(p.level, p.organizationId, after.ownerOrganizationId);
  const about = { householdId: after.householdId, actionId: after.id, actorId: actor.user.id };
  const drafts: NotificationDraft[] = [];
  const assigned = (p: Recipient, organizationId: string) =>
    drafts.push({ ...about, recipientId: p.userId, kind: 'action_assigned', organizationId, dedupeKey: `assigned:${after.id}:v${after.version}` });
  if (ownerNow) for (const p of people) if (p.organizationId === ownerNow && sees(p)) assigned(p, ownerNow);
  const assignee = assignedNow ? people.find((p) => p.userId === assignedNow) : undefined;
  if (assignee && sees(assignee)) assigned(assignee, after.ownerOrganizationId ?? assignee.organizationId);
  const claimer = claimerHears ? people.find((p) => p.userId === claimedBefore) : undefined;
  if (claimer && sees(claimer)) {
    drafts.push({
      ...about,
      recipientId: claimer.userId,
      kind: 'action_changed',
      organizationId: actor.user.organization.id,
      dedupeKey: `changed:${after.id}:v${after.version}`,
    });
  }
  await queueNotifications(tx, emit, drafts, actor.now);
}

/**
 * A household event every participant (but the one who caused it) hears of: a casusoverleg planned (a meeting of the
 * household, or the household put on a regional casusoverleg's agenda: both make its minutes document), its minutes
 * vastgesteld.
 */
export async function notifyParticipants(
  tx: DbOrTx,
  commit: AfterCommit,
  actor: ActorContext,
  event: { householdId: string; kind: Extract<NotificationKind, 'meeting_planned' | 'minutes_established'>; documentId: string; dedupeKey: string },
) {
  const people = await participantsOf(tx, [event.householdId]);
  const drafts = people
    .filter((p) => p.userId !== actor.user.id)
    .map((p) => ({ ...event, recipientId: p.userId, organizationId: actor.user.organization.id, actorId: actor.user.id }));
  await queueNotifications(tx, commit, drafts, actor.now);
}

/** A user was added to or removed from a household (not when they did it themselves). */
export async function notifyParticipation(tx: DbOrTx, emit: Emit, actor: ActorContext, householdId: string, userId: string, added: boolean) {
  if (userId === actor.user.id) return;
  const kind = added ? 'participant_added' : 'participant_removed';
  await queueNotifications(
    tx,
    emit,
    [
      {
        recipientId: userId,
        kind,
        householdId,
        organizationId: actor.user.organization.id,
        actorId: actor.user.id,
        dedupeKey: `${kind}:${householdId}:${actor.now.getTime()}`,
      },
    ],
    actor.now,
  );
}

/**
 * A regional casusoverleg was closed: every participant of a household on its agenda who may see that household's
 * agreements (not `signaal`) is told its overview is ready, once per casusoverleg. The notification points at the
 * first of their households on the agenda (its minutes lead the inbox to the overview); the overview page itself
 * shows each of them only their own organisation's agreements, as far as their participations allow.
 */
export async function notifyMeetingOverview(tx: DbOrTx, commit: AfterCommit, actor: ActorContext, casusoverlegId: string) {
  const items = await tx
    .select({ householdId: casusoverlegItems.householdId, documentId: casusoverlegItems.documentId })
    .from(casusoverlegItems)
    .where(eq(casusoverlegItems.casusoverlegId, casusoverlegId))
    .orderBy(asc(casusoverlegItems.position));
  const people = await participantsOf(
    tx,
    items.map((i) => i.householdId),
  );
  const firstItem = new Map<string, { householdId: string; documentId: string }>();
  for (const item of items) {
    for (const p of people) {
      if (p.householdId !== item.householdId || p.level === 'signaal' || p.userId === actor.user.id || firstItem.has(p.userId)) continue;
      firstItem.set(p.userId, item);
    }
  }
  const drafts: NotificationDraft[] = [...firstItem].map(([recipientId, item]) => ({
    recipientId,
    kind: 'meeting_overview',
    householdId: item.householdId,
    documentId: item.documentId,
    organizationId: actor.user.organization.id,
    actorId: actor.user.id,
    dedupeKey: `overview:${casusoverlegId}`,
  }));
  await queueNotifications(tx, commit, drafts, actor.now);
}
