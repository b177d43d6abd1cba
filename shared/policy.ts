// The one rule book: "may this user do this to this household" and "what may they do to this action".
// Pure and shared: the server enforces it on every route and the socket; the client asks it what to offer
// (never compares role strings itself). Need-to-know: without a participation a user sees nothing of a
// household's content; an administrator (functioneel beheerder) may manage it but not read its content.
import type { ActionStatus, HouseholdRole } from './enums.ts';

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
  | 'audit'
  /** Close the case (with a reason); only while it is open. */
  | 'close'
  /** Reopen a closed case within its retention period (with a reason); allowed while closed. */
  | 'reopen';

export interface Actor {
  admin: boolean;
  /** The actor's role in this household, or null when they take part in it not at all. */
  role: HouseholdRole | null;
  /** The household is closed: read-only for everyone until the regievoerder reopens it. */
  closed: boolean;
}

/** What a closed household still allows: looking (and its own audit trail), and reopening. */
const ALLOWED_WHEN_CLOSED: ReadonlySet<HouseholdAction> = new Set(['view', 'read', 'audit', 'reopen']);

export function can(actor: Actor, action: HouseholdAction): boolean {
  if (actor.closed && !ALLOWED_WHEN_CLOSED.has(action)) return false;
  return canByRole(actor, action);
}

/** Whether `action` is refused only because the household is closed (so the answer can say so). */
export function refusedBecauseClosed(actor: Actor, action: HouseholdAction): boolean {
  return actor.closed && !can(actor, action) && canByRole({ ...actor, closed: false }, action);
}

function canByRole(actor: Actor, action: HouseholdAction): boolean {
  const { role, admin } = actor;
  switch (action) {
    case 'close':
    case 'reopen':
      // Whether the case is in the right state (open to close, closed to reopen) is the verb's own check (409).
      return role === 'regievoerder';
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

/**
 * A participation change made by the admin flag alone (a functioneel beheerder who does not direct this
 * household) must carry a reason: the regievoerder reads it in the Logboek.
 */
export function participationChangeNeedsReason(actor: Pick<Actor, 'admin' | 'role'>): boolean {
  return actor.admin && actor.role !== 'regievoerder';
}

/** Whether the household may be revealed to the actor at all (otherwise: 404, exactly like a missing one). */
export function mayKnowOf(actor: Actor): boolean {
  return can(actor, 'view');
}

// ── Board rules: who may do what to one action, beyond `can(actor, 'write')` ──────────────────────────

/** The actor as the board rules see them: their role in the household and their own ids. */
export interface BoardActor {
  role: HouseholdRole | null;
  userId: string;
  organizationId: string;
  /** The household is closed (read-only for everyone). */
  closed: boolean;
}

/** The fields of an action the rules look at (server row and client response both fit). */
export interface ActionFacts {
  status: ActionStatus;
  ownerOrganizationId: string | null;
  claimedById: string | null;
}

const isRegie = (a: BoardActor) => a.role === 'regievoerder' && !a.closed;
const isWriter = (a: BoardActor) => can({ admin: false, role: a.role, closed: a.closed }, 'write');
const isActive = (f: ActionFacts) => f.status === 'open' || f.status === 'claimed';

/** A partner may claim actions of their own organisation or unowned ones; the regievoerder any (status aside). */
export const mayClaimOwnedBy = (a: BoardActor, ownerOrganizationId: string | null) =>
  isRegie(a) || (isWriter(a) && (ownerOrganizationId === null || ownerOrganizationId === a.organizationId));

export const boardRules = {
  claim: (a: BoardActor, f: ActionFacts) => f.status === 'open' && mayClaimOwnedBy(a, f.ownerOrganizationId),
  /** Release: whoever claimed it, or the regievoerder. */
  release: (a: BoardActor, f: ActionFacts) => f.status === 'claimed' && isWriter(a) && (isRegie(a) || f.claimedById === a.userId),
  /** Complete: the claimer, the regievoerder, or a partner of the owning organisation. */
  complete: (a: BoardActor, f: ActionFacts) =>
    isActive(f) && isWriter(a) && (isRegie(a) || f.claimedById === a.userId || (f.ownerOrganizationId !== null && f.ownerOrganizationId === a.organizationId)),
  /** Reopen a done action: any writer; a cancelled one: only the regievoerder (who alone may cancel). */
  reopen: (a: BoardActor, f: ActionFacts) => isWriter(a) && (f.status === 'done' || (f.status === 'cancelled' && isRegie(a))),
  edit: (a: BoardActor, f: ActionFacts) => isWriter(a) && isActive(f),
  cancel: (a: BoardActor, f: ActionFacts) => isRegie(a) && isActive(f),
  assign: (a: BoardActor, f: ActionFacts) => isRegie(a) && isActive(f),
} satisfies Record<string, (a: BoardActor, f: ActionFacts) => boolean>;

export type BoardVerb = keyof typeof boardRules;

/** Every board verb answered at once, for a client deciding which buttons to show. */
export function boardPermissions(a: BoardActor, f: ActionFacts): Record<BoardVerb, boolean> {
  const out = {} as Record<BoardVerb, boolean>;
  for (const verb of Object.keys(boardRules) as BoardVerb[]) out[verb] = boardRules[verb](a, f);
  return out;
}
