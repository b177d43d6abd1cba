// Audit rows for reads of a household's data (NEN 7513: who saw what, when), written through the batched
// writer: run it alongside the read (Promise.all) so the answer waits for its row without an extra round-trip in sequence.
import type { AuditEvent } from '../audit/log.ts';
import type { AuditWriter } from '../audit/writer.ts';
import type { HouseholdGrant } from './authorize.ts';

export function auditRead(
  deps: { auditWriter: AuditWriter },
  grant: HouseholdGrant,
  event: AuditEvent,
  target: string,
  details?: Record<string, unknown>,
): Promise<void> {
  const { user, ip } = grant.requester;
  return deps.auditWriter.append({ userId: user.id, organizationId: user.organization.id, householdId: grant.household.id, event, target, ip, details });
}
