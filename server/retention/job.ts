// The retention job: closed households whose retention period has ended go on the functioneel
// beheerder's vernietigingslijst, each exactly once (one audit row), however many processes run the job.
import { and, eq, isNull, lte } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { households } from '../db/schema.ts';
import { audit } from '../audit/log.ts';

export async function markRetentionEnded(tx: DbOrTx, now: Date): Promise<number> {
  const listed = await tx
    .update(households)
    .set({ destructionListedAt: now })
    .where(and(eq(households.status, 'closed'), isNull(households.destructionListedAt), lte(households.retentionEndsAt, now)))
    .returning({ id: households.id, retentionEndsAt: households.retentionEndsAt });
  for (const h of listed) {
    await audit(tx, { householdId: h.id, event: 'household.retention_expired', details: { retentionEndsAt: h.retentionEndsAt?.toISOString() ?? null } });
  }
  return listed.length;
}
