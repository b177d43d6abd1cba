// The Meldingen inbox: a user's own notifications, newest first, each told only as far as the user may see it
// NOW: the household's reference only with a participation whose level shows it (volledig, afspraken) and a
// confirmed geheimhoudingsverklaring; the action's title only when the level also shows that action. A user who
// no longer takes part reads "een casus", with no link. One query per page.
import { and, count, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { actions, casusoverlegItems, households, notifications, organizations, participations, users } from '../db/schema.ts';
import { audit, auditActor } from '../audit/log.ts';
import { AppError } from '../errors.ts';
import type { ActorContext } from '../households/service.ts';
import type { SessionUser } from '../auth/session.ts';
import { levelShowsAction } from '../../shared/policy.ts';
import type { EmailPreference, InfoLevel, NotificationKind } from '../../shared/enums.ts';
import type { NotificationItem, NotificationListResponse } from '../../shared/notifications.ts';
import type { NotificationListQuery } from '../../shared/schemas.ts';

const ACTION_KINDS: ReadonlySet<NotificationKind> = new Set(['action_assigned', 'action_changed', 'action_due_tomorrow', 'action_overdue']);
const MEETING_KINDS: ReadonlySet<NotificationKind> = new Set(['meeting_planned', 'minutes_established']);

interface Row {
  n: typeof notifications.$inferSelect;
  reference: string;
  level: InfoLevel | null;
  confirmedAt: Date | null;
  actionTitle: string | null;
  actionOwner: string | null;
  organization: string | null;
  /** For a meeting overview: the regional casusoverleg whose minutes the notification points at. */
  casusoverlegId: string | null;
}

export function presentNotification(r: Row, user: Pick<SessionUser, 'organization'>): NotificationItem {
  const { n } = r;
  const taking = r.level !== null;
  // The same gate as the access seam: a level that shows the reference, and the statement confirmed.
  const named = taking && r.level !== 'signaal' && r.confirmedAt !== null;
  const actionShown = named && n.actionId !== null && r.actionTitle !== null && levelShowsAction(r.level, user.organization.id, r.actionOwner);
  const home = `/huishoudens/${n.householdId}`;
  let link: string | null = taking ? home : null;
  if (actionShown && ACTION_KINDS.has(n.kind)) link = `${home}/acties#actie-${n.actionId}`;
  else if (named && r.level === 'volledig' && n.documentId && MEETING_KINDS.has(n.kind)) link = `${home}/documenten/${n.documentId}`;
  // The overview page shows each viewer only what their own participations let them see.
  if (n.kind === 'meeting_overview') link = taking && r.casusoverlegId ? `/casusoverleggen/${r.casusoverlegId}/overzicht` : null;
  return {
    id: n.id,
    kind: n.kind,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
    reference: named ? r.reference : null,
    actionTitle: actionShown ? r.actionTitle : null,
    organization: r.organization,
    link,
  };
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.recipientId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export async function listNotifications(db: Db, user: SessionUser, query: NotificationListQuery): Promise<NotificationListResponse> {
  const [beforeAt, beforeId] = query.before?.split('_') ?? [];
  const page = db
    .select({
      n: notifications,
      reference: households.reference,
      level: participations.level,
      confirmedAt: participations.statementConfirmedAt,
      actionTitle: actions.title,
      actionOwner: actions.ownerOrganizationId,
      organization: organizations.name,
      casusoverlegId: casusoverlegItems.casusoverlegId,
    })
    .from(notifications)
    .innerJoin(households, eq(households.id, notifications.householdId))
    .leftJoin(participations, and(eq(participations.householdId, notifications.householdId), eq(participations.userId, user.id)))
    .leftJoin(actions, eq(actions.id, notifications.actionId))
    .leftJoin(organizations, eq(organizations.id, notifications.organizationId))
    .leftJoin(casusoverlegItems, and(eq(notifications.kind, 'meeting_overview'), eq(casusoverlegItems.documentId, notifications.documentId)))
    .where(
      and(
        eq(notifications.recipientId, user.id),
        beforeAt ? sql`(${notifications.createdAt}, ${notifications.id}) < (${beforeAt}::timestamptz, ${beforeId}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.limit + 1);
  const [rows, unread] = await Promise.all([page, unreadCount(db, user.id)]);
  const more = rows.length > query.limit;
  const shown = rows.slice(0, query.limit);
  const last = shown.at(-1)?.n;
  return {
    notifications: shown.map((r) => presentNotification(r, user)),
    unread,
    nextBefore: more && last ? `${last.createdAt.toISOString()}_${last.id}` : null,
  };
}

/** Marks one of the user's own notifications read; another's (or a missing one) answers 404 alike. */
export async function markRead(db: Db, userId: string, id: string, now: Date): Promise<number> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.recipientId, userId)))
    .returning({ id: notifications.id });
  if (!row) throw new AppError(404, 'NOT_FOUND', 'Deze melding bestaat niet.');
  return unreadCount(db, userId);
}

export async function markAllRead(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.recipientId, userId), isNull(notifications.readAt)));
}

export async function emailPreference(db: Db, userId: string): Promise<EmailPreference> {
  const [row] = await db.select({ pref: users.emailNotifications }).from(users).where(eq(users.id, userId));
  return row?.pref ?? 'off';
}

/** Sets the user's e-mail choice (audited). Switching it off also drops the e-mails still waiting to go. */
export async function setEmailPreference(db: Db, actor: ActorContext, preference: EmailPreference): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ pref: users.emailNotifications }).from(users).where(eq(users.id, actor.user.id)).for('update');
    if (before?.pref === preference) return;
    await tx.update(users).set({ emailNotifications: preference }).where(eq(users.id, actor.user.id));
    if (preference === 'off') {
      await tx
        .update(notifications)
        .set({ emailMode: 'off' })
        .where(and(eq(notifications.recipientId, actor.user.id), isNull(notifications.emailedAt), ne(notifications.emailMode, 'off')));
    }
    await audit(tx, {
      ...auditActor(actor),
      event: 'account.email_notifications',
      target: actor.user.id,
      details: { preference, previous: before?.pref ?? null },
    });
  });
}
