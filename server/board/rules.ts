// Who may do what to one action, beyond the household policy (which already refused observers and
// outsiders). Pure functions over the actor's role and the action row; messages are the Dutch UI text.
import { AppError, conflict, forbidden } from '../errors.ts';
import type { SessionUser } from '../auth/session.ts';
import type { HouseholdRole } from '../../shared/enums.ts';
import type { ActionRow } from './presenter.ts';

export interface BoardActor {
  user: SessionUser;
  role: HouseholdRole | null;
}

export const actionNotFound = () => new AppError(404, 'NOT_FOUND', 'Deze actie bestaat niet of je hebt er geen toegang toe.');

const isRegie = (a: BoardActor) => a.role === 'regievoerder';

/** A partner may claim actions of their own organisation or unowned ones; the regievoerder any. */
export function mayClaim(a: BoardActor, row: Pick<ActionRow, 'ownerOrganizationId'>): boolean {
  if (isRegie(a)) return true;
  return a.role === 'partner' && (row.ownerOrganizationId === null || row.ownerOrganizationId === a.user.organization.id);
}

export function assertMayClaim(a: BoardActor, row: ActionRow, ownerName: string | null): void {
  if (!mayClaim(a, row)) {
    throw forbidden(`Deze actie is van ${ownerName ?? 'een andere organisatie'}; alleen een medewerker van die organisatie of de regievoerder kan haar oppakken.`);
  }
}

export function assertMayRelease(a: BoardActor, row: ActionRow): void {
  if (row.status !== 'claimed') throw conflict('NOT_CLAIMED', 'Deze actie is niet opgepakt, dus er valt niets vrij te geven.');
  if (!isRegie(a) && row.claimedBy !== a.user.id) {
    throw forbidden('Alleen wie deze actie heeft opgepakt of de regievoerder kan haar vrijgeven.');
  }
}

export function assertOpenOrClaimed(row: ActionRow): void {
  if (row.status === 'done') throw conflict('ALREADY_DONE', 'Deze actie is al afgerond.');
  if (row.status === 'cancelled') throw conflict('ACTION_CANCELLED', 'Deze actie is geannuleerd. Heropen haar eerst.');
}

/** Complete: the claimer, the regievoerder, or a partner of the owning organisation. */
export function assertMayComplete(a: BoardActor, row: ActionRow): void {
  assertOpenOrClaimed(row);
  const ok =
    isRegie(a) ||
    row.claimedBy === a.user.id ||
    (a.role === 'partner' && row.ownerOrganizationId !== null && row.ownerOrganizationId === a.user.organization.id);
  if (!ok) throw forbidden('Alleen wie deze actie heeft opgepakt, de eigenaar-organisatie of de regievoerder kan haar afronden.');
}

/** Reopen a done action: any writer; a cancelled one: only the regievoerder (who alone may cancel). */
export function assertMayReopen(a: BoardActor, row: ActionRow): void {
  if (row.status !== 'done' && row.status !== 'cancelled') throw conflict('NOT_CLOSED', 'Deze actie staat nog open.');
  if (row.status === 'cancelled' && !isRegie(a)) throw forbidden('Alleen de regievoerder kan een geannuleerde actie heropenen.');
}

export function assertMayAssign(a: BoardActor): void {
  if (!isRegie(a)) throw forbidden('Alleen de regievoerder mag een actie aan iemand toewijzen.');
}

export function claimedMessage(claimer: { name: string; organization: { name: string } }): string {
  return `Dit is al opgepakt door ${claimer.name} (${claimer.organization.name}).`;
}
