// The one rule book: "may this user do this to this household" and "what may they do to this action".
// Pure and shared: the server enforces it on every route and the socket; the client asks it what to offer
// (never compares role strings itself). Need-to-know: without a participation a user sees nothing of a
// household's content; an administrator (functioneel beheerder) may manage it but not read its content.
import type { ActionStatus, HouseholdRole, InfoLevel } from './enums.ts';

export type HouseholdAction =
  /** Know the household is there and who its regievoerder is (its page, as far as the level shows). */
  | 'view'
  /** Read the board (as far as the level shows: `afspraken` only their organisation's actions); follow live events. */
  | 'readBoard'
  /** Claim, release, complete and edit actions (as far as the level shows). */
  | 'writeBoard'
  /** Read the plan, minutes, versions and persons; export them. */
  | 'read'
  /** Type in documents; create actions. */
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
  /** The information level of the actor's participation; null without one. */
  level: InfoLevel | null;
}

/**
 * What each information level reaches, on top of the role's rights. `afspraken` reaches the board's actions
 * of the participant's own organisation only (the access seam narrows it per action).
 */
const LEVEL_REACH: Record<InfoLevel, ReadonlySet<HouseholdAction> | 'all'> = {
  volledig: 'all',
  afspraken: new Set(['view', 'readBoard', 'writeBoard']),
  signaal: new Set(['view']),
};

/** Whether the level lets the participant reach `action` at all (the role decides the rest). */
export function levelReaches(level: InfoLevel | null, action: HouseholdAction): boolean {
  if (level === null) return true; // no participation: the role (null) decides
  const reach = LEVEL_REACH[level];
  return reach === 'all' || reach.has(action);
}

/** Whether a refusal is only for the information level (so the answer can say so). */
export function refusedBecauseOfLevel(actor: Actor, action: HouseholdAction): boolean {
  return !levelReaches(actor.level, action) && canByRole(actor, action);
}

/** What a closed household still allows: looking (and its own audit trail), and reopening. */
const ALLOWED_WHEN_CLOSED: ReadonlySet<HouseholdAction> = new Set(['view', 'readBoard', 'read', 'audit', 'reopen']);

export function can(actor: Actor, action: HouseholdAction): boolean {
  if (actor.closed && !ALLOWED_WHEN_CLOSED.has(action)) return false;
  return levelReaches(actor.level, action) && canByRole(actor, action);
}

/** Whether `action` is refused only because the household is closed (so the answer can say so). */
export function refusedBecauseClosed(actor: Actor, action: HouseholdAction): boolean {
  return actor.closed && !can(actor, action) && can({ ...actor, closed: false }, action);
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
    case 'readBoard':
      return role !== null;
    case 'write':
    case 'writeBoard':
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

/**
 * Whether an action of the board is shown to a participant at this level: `afspraken` sees only the actions
 * its own organisation owns (not unowned ones, not other partners'); `signaal` sees none.
 */
export function levelShowsAction(level: InfoLevel | null, organizationId: string, ownerOrganizationId: string | null): boolean {
  if (level === 'signaal') return false;
  if (level === 'afspraken') return ownerOrganizationId !== null && ownerOrganizationId === organizationId;
  return true;
}

/** The regievoerder always sees everything: their level cannot be lowered. */
export const levelFixedForRole = (role: HouseholdRole) => role === 'regievoerder';

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
  /** The actor's information level in this household (null without a participation). */
  level: InfoLevel | null;
}

/** The fields of an action the rules look at (server row and client response both fit). */
export interface ActionFacts {
  status: ActionStatus;
  ownerOrganizationId: string | null;
  claimedById: string | null;
}

const isRegie = (a: BoardActor) => a.role === 'regievoerder' && !a.closed;
const isWriter = (a: BoardActor) => can({ admin: false, role: a.role, closed: a.closed, level: a.level }, 'writeBoard');
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
