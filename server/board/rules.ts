// The server side of the board rules in shared/policy.ts: the same predicates, as assertions with the
// Dutch message and the right status (409 for a state conflict, 403 for a missing right).
import { AppError, conflict, forbidden } from '../errors.ts';
import type { SessionUser } from '../auth/session.ts';
import type { HouseholdRole, InfoLevel } from '../../shared/enums.ts';
import type { ActionRow } from './presenter.ts';
import { boardRules, can, mayClaimOwnedBy, type ActionFacts, type BoardActor as RuleActor } from '../../shared/policy.ts';

export interface BoardActor {
  user: SessionUser;
  role: HouseholdRole | null;
  /** The household is closed (already refused by authorizeHousehold; kept so the rules see the same facts). */
  closed: boolean;
  /** The actor's information level (null without a participation). */
  level: InfoLevel | null;
}

export const actionNotFound = () => new AppError(404, 'NOT_FOUND', 'Deze actie bestaat niet of je hebt er geen toegang toe.');

const ruleActor = (a: BoardActor): RuleActor => ({ role: a.role, userId: a.user.id, organizationId: a.user.organization.id, closed: a.closed, level: a.level });
const facts = (row: ActionRow): ActionFacts => ({ status: row.status, ownerOrganizationId: row.ownerOrganizationId, claimedById: row.claimedBy });

/** Whether the actor may claim this action at all; who wins a race is decided by the conditional UPDATE. */
export function mayClaim(a: BoardActor, row: Pick<ActionRow, 'ownerOrganizationId'>): boolean {
  return mayClaimOwnedBy(ruleActor(a), row.ownerOrganizationId);
}

export function assertMayClaim(a: BoardActor, row: ActionRow, ownerName: string | null): void {
  if (!mayClaim(a, row)) {
    throw forbidden(
      `Deze actie is van ${ownerName ?? 'een andere organisatie'}; alleen een medewerker van die organisatie of de regievoerder kan haar oppakken.`,
    );
  }
}

export function assertMayRelease(a: BoardActor, row: ActionRow): void {
  if (row.status !== 'claimed') throw conflict('NOT_CLAIMED', 'Deze actie is niet opgepakt, dus er valt niets vrij te geven.');
  if (!boardRules.release(ruleActor(a), facts(row))) throw forbidden('Alleen wie deze actie heeft opgepakt of de regievoerder kan haar vrijgeven.');
}

export function assertOpenOrClaimed(row: ActionRow): void {
  if (row.status === 'done') throw conflict('ALREADY_DONE', 'Deze actie is al afgerond.');
  if (row.status === 'cancelled') throw conflict('ACTION_CANCELLED', 'Deze actie is geannuleerd. Heropen haar eerst.');
}

export function assertMayComplete(a: BoardActor, row: ActionRow): void {
  assertOpenOrClaimed(row);
  if (!boardRules.complete(ruleActor(a), facts(row))) {
    throw forbidden('Alleen wie deze actie heeft opgepakt, de eigenaar-organisatie of de regievoerder kan haar afronden.');
  }
}

export function assertMayReopen(a: BoardActor, row: ActionRow): void {
  if (row.status !== 'done' && row.status !== 'cancelled') throw conflict('NOT_CLOSED', 'Deze actie staat nog open.');
  if (!boardRules.reopen(ruleActor(a), facts(row))) throw forbidden('Alleen de regievoerder kan een geannuleerde actie heropenen.');
}

export function assertMayAssign(a: BoardActor): void {
  if (!can({ admin: false, role: a.role, closed: a.closed, level: a.level }, 'direct'))
    throw forbidden('Alleen de regievoerder mag een actie aan iemand toewijzen.');
}

export function claimedMessage(claimer: { name: string; organization: { name: string } }): string {
  return `Dit is al opgepakt door ${claimer.name} (${claimer.organization.name}).`;
}
