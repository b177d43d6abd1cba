// What the board offers a user: the shared rule book answers (the server still decides).
import type { Action } from '../../../shared/board.ts';
import type { HouseholdSummary } from '../../../shared/api.ts';
import { boardPermissions as rules } from '../../../shared/policy.ts';
import type { Me } from '../../lib/auth.tsx';

export function boardPermissions(a: Action, me: Me, household: Pick<HouseholdSummary, 'myRole' | 'myLevel' | 'status'>) {
  return rules(
    { role: household.myRole, userId: me.id, organizationId: me.organization.id, closed: household.status === 'closed', level: household.myLevel },
    { status: a.status, ownerOrganizationId: a.ownerOrganization?.id ?? null, claimedById: a.claimedBy?.id ?? null },
  );
}
