// Writes the append-only audit trail. Every call is one INSERT; nothing here (or anywhere) updates rows.
import { and, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { auditLog, organizations, users } from '../db/schema.ts';
import type { AuditEvent } from '../../shared/audit.ts';
export type { AuditEvent };

export interface AuditEntry {
  userId?: string | null;
  organizationId?: string | null;
  householdId?: string | null;
  event: AuditEvent;
  target?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Who did it, for an audit row: the acting user, their organisation and address. */
export function auditActor(actor: { user: { id: string; organization: { id: string } }; ip: string | null }) {
  return { userId: actor.user.id, organizationId: actor.user.organization.id, ip: actor.ip };
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
  const where = opts.before ? and(eq(auditLog.householdId, householdId), lt(auditLog.id, opts.before)) : eq(auditLog.householdId, householdId);
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
