// Mijn acties: the open and claimed actions of the user's organisation and the user's own, across the households
// they take part in, grouped by due date. The rule "is this one mine" is here once, for the server's list and
// for the browser applying live changes.
import type { Action } from './board.ts';
import type { HouseholdRole, InfoLevel } from './enums.ts';
import { addDays } from './huisverbod.ts';

/** The household an item belongs to, as far as the user may see it (enough for the board's rules and a link). */
export interface MyActionHousehold {
  id: string;
  reference: string;
  myRole: HouseholdRole | null;
  myLevel: InfoLevel | null;
  status: 'open' | 'closed';
}

export type MyAction = Action & { household: MyActionHousehold };

/** A household whose actions are not shown yet: the statement is not confirmed, or it needs the second factor. */
export interface MyActionsGate {
  householdId: string;
  reference: string;
  reason: 'statement' | 'stepUp';
}

/** GET /api/my-actions. `today` is the server's calendar day (Europe/Amsterdam) the groups are counted from. */
export interface MyActionsResponse {
  today: string;
  actions: MyAction[];
  gated: MyActionsGate[];
  /** The households whose actions are shown (for the filter), by reference. */
  households: MyActionHousehold[];
}

/**
 * `event: actions` on the user's own stream (GET /api/me/events?acties=1): an action of a followed household as the
 * user may see it, an action that left their view, or a household that is no longer followed (closed, removed,
 * level lowered). The browser applies it with `isMine`.
 */
export type MyActionsEvent =
  | { householdId: string; type: 'action'; action: Action }
  | { householdId: string; type: 'hidden'; actionId: string }
  | { householdId: string; type: 'gone' };

export interface MyActionsUser {
  id: string;
  organization: { id: string };
}

/** Open or claimed, and owned by the user's organisation, or claimed by or assigned to the user. */
export function isMine(a: Pick<Action, 'status' | 'ownerOrganization' | 'claimedBy' | 'assignedUser'>, me: MyActionsUser): boolean {
  if (a.status !== 'open' && a.status !== 'claimed') return false;
  return a.ownerOrganization?.id === me.organization.id || a.claimedBy?.id === me.id || a.assignedUser?.id === me.id;
}

export const DUE_GROUPS = ['overdue', 'thisWeek', 'later', 'none'] as const;
export type DueGroup = (typeof DUE_GROUPS)[number];

export const DUE_GROUP_LABELS: Record<DueGroup, string> = {
  overdue: 'Te laat',
  thisWeek: 'Deze week',
  later: 'Later',
  none: 'Zonder datum',
};

/** Which group a due date falls in: before today, today up to and including today + 7 (as the Overzicht regie counts), later, none. */
export function dueGroup(dueDate: string | null, today: string): DueGroup {
  if (dueDate === null) return 'none';
  if (dueDate < today) return 'overdue';
  return dueDate <= addDays(today, 7) ? 'thisWeek' : 'later';
}
