// The one answer to "may this user do this to this household". Pure: used by every HTTP route
// and by the collaboration socket. Need-to-know: without a participation a user sees nothing of a
// household's content; an administrator (functioneel beheerder) may manage it but not read its content.
import type { HouseholdRole } from '../../shared/enums.ts';

export type HouseholdAction =
  /** See the household's overview (persons, participants, dates). */
  | 'view'
  /** Read the plan, minutes, versions and board; follow live events. */
  | 'read'
  /** Type in documents; create, claim, release, complete actions. */
  | 'write'
  /** Plan meetings, change phase/huisverbod, vaststellen, cancel actions, assign. */
  | 'direct'
  /** Add and remove participants. */
  | 'manageParticipants'
  /** Change the household's core data (reference, profile, package). */
  | 'update'
  /** Read the household's audit trail. */
  | 'audit';

export interface Actor {
  admin: boolean;
  /** The actor's role in this household, or null when they take part in it not at all. */
  role: HouseholdRole | null;
}

export function can(actor: Actor, action: HouseholdAction): boolean {
  const { role, admin } = actor;
  switch (action) {
    case 'view':
      return role !== null || admin;
    case 'read':
      return role !== null;
    case 'write':
      return role === 'regievoerder' || role === 'partner';
    case 'direct':
      return role === 'regievoerder';
    case 'manageParticipants':
    case 'update':
    case 'audit':
      return role === 'regievoerder' || admin;
  }
}

/** Whether the household may be revealed to the actor at all (otherwise: 404, exactly like a missing one). */
export function mayKnowOf(actor: Actor): boolean {
  return can(actor, 'view');
}
