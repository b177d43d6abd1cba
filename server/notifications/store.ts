// Writing notifications: inside the transaction of the change they tell about, one INSERT for any number of
// recipients. A notification is unique per (recipient, dedupe key), so an event counted twice (a job run in two
// processes, a retried transaction) is stored once. Each row takes the recipient's e-mail preference of the moment.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { notifications, participations, users } from '../db/schema.ts';
import type { Emit } from '../realtime/events.ts';
import type { HouseholdRole, InfoLevel, NotificationKind } from '../../shared/enums.ts';
import { announceNotifications, type CreatedNotifications } from './topics.ts';

export interface NotificationDraft {
  recipientId: string;
  kind: NotificationKind;
  householdId: string;
  actionId?: string | null;
  documentId?: string | null;
  organizationId?: string | null;
  actorId?: string | null;
  /** Unique per recipient: the same event never makes a second notification. */
  dedupeKey: string;
}

/** A participant as the notification rules see them. */
export interface Recipient {
  userId: string;
  householdId: string;
  organizationId: string;
  role: HouseholdRole;
  level: InfoLevel;
}

/** The active (not disabled) participants of the given households, in one query. */
export async function participantsOf(db: DbOrTx, householdIds: string[]): Promise<Recipient[]> {
  if (!householdIds.length) return [];
  return db
    .select({
      userId: participations.userId,
      householdId: participations.householdId,
      organizationId: users.organizationId,
      role: participations.role,
      level: participations.level,
    })
    .from(participations)
    .innerJoin(users, eq(users.id, participations.userId))
    .where(and(inArray(participations.householdId, [...new Set(householdIds)]), eq(users.disabled, false)));
}

/** Stores the drafts (a duplicate is skipped); returns who received a new one. */
export async function insertNotifications(db: DbOrTx, drafts: NotificationDraft[], now: Date): Promise<CreatedNotifications> {
  const unique = [...new Map(drafts.map((d) => [`${d.recipientId}\u0000${d.dedupeKey}`, d])).values()];
  if (!unique.length) return { recipients: [], direct: false };
  const prefs = await db
    .select({ id: users.id, pref: users.emailNotifications })
    .from(users)
    .where(inArray(users.id, [...new Set(unique.map((d) => d.recipientId))]));
  const prefOf = new Map(prefs.map((p) => [p.id, p.pref]));
  const rows = await db
    .insert(notifications)
    .values(
      unique.map((d) => ({
        recipientId: d.recipientId,
        kind: d.kind,
        householdId: d.householdId,
        actionId: d.actionId ?? null,
        documentId: d.documentId ?? null,
        organizationId: d.organizationId ?? null,
        actorId: d.actorId ?? null,
        dedupeKey: d.dedupeKey,
        createdAt: now,
        emailMode: prefOf.get(d.recipientId) ?? 'off',
      })),
    )
    .onConflictDoNothing()
    .returning({ recipientId: notifications.recipientId, emailMode: notifications.emailMode });
  return { recipients: rows.map((r) => r.recipientId), direct: rows.some((r) => r.emailMode === 'direct') };
}

/** What a transaction offers for work after its commit (`emit` of withHouseholdEvents has it; so does a casusoverleg change). */
export type AfterCommit = Pick<Emit, 'afterCommit'>;

/** Stores the drafts in the change's transaction; the recipients' screens hear of them once it has committed. */
export async function queueNotifications(tx: DbOrTx, commit: AfterCommit, drafts: NotificationDraft[], now: Date): Promise<void> {
  const created = await insertNotifications(tx, drafts, now);
  if (created.recipients.length) commit.afterCommit((hub) => announceNotifications(hub, created));
}
