// Notification e-mails, exactly once across server processes: a transaction takes due rows with FOR UPDATE SKIP
// LOCKED (a row another process holds is skipped, not waited for) and marks them sent (`emailed_at`) before it
// commits; only then is the mail sent, so no database transaction waits on an SMTP server (the embedded database
// runs one query at a time). A send that fails un-marks its rows for a later try (at most MAX_ATTEMPTS); a process
// that dies between the commit and the send loses that one e-mail rather than sending it twice. The in-app
// notification is the record; the e-mail only points to it.
import { and, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { notifications, organizations, users } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import type { NotificationKind } from '../../shared/enums.ts';
import { digestEmail, directEmail } from './email-text.ts';
import { mailError, type Mailer } from './mailer.ts';

/** Rows older than this are not e-mailed any more (e.g. made while no SMTP server was set). */
const SEND_WINDOW_MS = 2 * 86_400_000;
const MAX_ATTEMPTS = 5;
export const DIRECT_BATCH = 50;
const DIGEST_BATCH = 5_000;

export interface ClaimedEmail {
  id: string;
  kind: NotificationKind;
  recipientId: string;
  address: string;
  organization: string | null;
}

/** Takes (and marks sent) up to `limit` unsent rows of `mode`; rows another process holds are skipped. */
export async function claimEmails(
  tx: DbOrTx,
  mode: 'direct' | 'daily',
  now: Date,
  limit = mode === 'direct' ? DIRECT_BATCH : DIGEST_BATCH,
): Promise<ClaimedEmail[]> {
  const rows = await tx
    .select({
      id: notifications.id,
      kind: notifications.kind,
      recipientId: notifications.recipientId,
      address: users.email,
      organization: organizations.name,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.recipientId))
    .leftJoin(organizations, eq(organizations.id, notifications.organizationId))
    .where(
      and(
        isNull(notifications.emailedAt),
        eq(notifications.emailMode, mode),
        gt(notifications.createdAt, new Date(now.getTime() - SEND_WINDOW_MS)),
        lt(notifications.emailAttempts, MAX_ATTEMPTS),
        eq(users.disabled, false),
      ),
    )
    .orderBy(notifications.createdAt, notifications.id)
    .limit(limit)
    .for('update', { of: notifications, skipLocked: true });
  if (rows.length) {
    await tx
      .update(notifications)
      .set({ emailedAt: now })
      .where(
        inArray(
          notifications.id,
          rows.map((r) => r.id),
        ),
      );
  }
  return rows;
}

export interface SendContext {
  db: Db;
  mailer: Mailer;
  log: Logger;
  /** The app's address for the link in the mail. */
  appUrl: string;
}

function byRecipient(claimed: ClaimedEmail[]): Map<string, ClaimedEmail[]> {
  const groups = new Map<string, ClaimedEmail[]>();
  for (const c of claimed) groups.set(c.recipientId, [...(groups.get(c.recipientId) ?? []), c]);
  return groups;
}

/** Sends claimed rows: one mail each (direct) or one summary per recipient (daily). Returns how many mails went out. */
export async function sendClaimed(ctx: SendContext, claimed: ClaimedEmail[], mode: 'direct' | 'daily'): Promise<number> {
  const mails =
    mode === 'direct'
      ? claimed.map((c) => ({ ids: [c.id], to: c.address, ...directEmail(c, ctx.appUrl) }))
      : [...byRecipient(claimed).values()].map((group) => ({
          ids: group.map((c) => c.id),
          to: group[0]!.address,
          ...digestEmail(group, ctx.appUrl),
        }));
  let sent = 0;
  for (const { ids, ...mail } of mails) {
    try {
      await ctx.mailer.send(mail);
      sent++;
    } catch (err) {
      ctx.log.warn('notifications: e-mail not sent, will retry', { notifications: ids.length, ...mailError(err) });
      await ctx.db
        .update(notifications)
        .set({ emailedAt: null, emailAttempts: sql`${notifications.emailAttempts} + 1` })
        .where(inArray(notifications.id, ids));
    }
  }
  return sent;
}

/** Claims and sends direct e-mails until none are left (each batch in its own short transaction). */
export async function deliverDirect(ctx: SendContext, now: () => Date): Promise<number> {
  let sent = 0;
  for (;;) {
    const claimed = await ctx.db.transaction((tx) => claimEmails(tx, 'direct', now()));
    sent += await sendClaimed(ctx, claimed, 'direct');
    if (claimed.length < DIRECT_BATCH) return sent;
  }
}
