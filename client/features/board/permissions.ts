// What the board offers a user; mirrors the server's rules (the server still decides).
import type { Action } from '../../../shared/board.ts';
import type { HouseholdRole } from '../../../shared/enums.ts';
import type { Me } from '../../lib/auth.tsx';

export function boardPermissions(a: Action, me: Me, role: HouseholdRole | null) {
  const regie = role === 'regievoerder';
  const writer = regie || role === 'partner';
  const ownOrg = !a.ownerOrganization || a.ownerOrganization.id === me.organization.id;
  const claimer = a.claimedBy?.id === me.id;
  const active = a.status === 'open' || a.status === 'claimed';
  return {
    claim: writer && a.status === 'open' && (regie || ownOrg),
    release: writer && a.status === 'claimed' && (claimer || regie),
    complete: writer && active && (claimer || regie || (a.ownerOrganization?.id === me.organization.id)),
    reopen: writer && (a.status === 'done' || (a.status === 'cancelled' && regie)),
    edit: writer && active,
    cancel: regie && active,
    assign: regie && active,
  };
}
