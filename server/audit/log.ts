// Writes the append-only audit trail. Every call is one INSERT; nothing here (or anywhere) updates rows.
import type { DbOrTx } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';
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
