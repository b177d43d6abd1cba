// Writes the append-only audit trail. Every call is one INSERT; nothing here (or anywhere) updates rows.
import { and, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { auditLog, organizations, users } from '../db/schema.ts';

export type AuditEvent =
  | 'login.success'
  | 'login.failure'
  | 'logout'
  | 'household.view'
  | 'household.create'
  | 'household.update'
  | 'household.phase'
  | 'household.huisverbod'
  | 'person.add'
  | 'person.update'
  | 'participant.add'
  | 'participant.change'
  | 'participant.remove'
  | 'organization.create'
  | 'user.create'
  | 'document.create'
  | 'document.open'
  | 'document.edit_session'
  | 'document.version'
  | 'document.restore'
  | 'document.lock'
  | 'document.unlock'
  | 'document.export'
  | 'meeting.attendance'
  | 'meeting.evaluation'
  | `action.${string}`;

export interface AuditEntry {
  userId?: string | null;
  organizationId?: string | null;
  householdId?: string | null;
  event: AuditEvent;
  target?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export async function audit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    userId: entry.userId ?? null,
    organizationId: entry.organizationId ?? null,
    householdId: entry.householdId ?? null,
    event: entry.event,
    target: entry.target ?? null,
    ip: entry.ip ?? null,
    details: entry.details ?? null,
  });
}

export async function listHouseholdAudit(db: DbOrTx, householdId: string, opts: { before?: number; limit: number }) {
  const where = opts.before
    ? and(eq(auditLog.householdId, householdId), lt(auditLog.id, opts.before))
    : eq(auditLog.householdId, householdId);
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      userId: auditLog.userId,
      userName: users.name,
      organizationId: auditLog.organizationId,
      organizationName: organizations.name,
      householdId: auditLog.householdId,
      event: auditLog.event,
      target: auditLog.target,
      ip: auditLog.ip,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .leftJoin(organizations, eq(organizations.id, auditLog.organizationId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(opts.limit);
}
