// THE access seam: "load the row → authorise its household with can() → refuse exactly like a missing id".
// HTTP routes, the collaboration socket (at upgrade and on every re-check) and the event stream (at open and
// on every re-check) all come through here. Each load is one query: the row, its household and the
// requester's participation (if any), joined.
//
// Extension point (issue 11): `decide` is the one place that turns (requester, participation, resource,
// action) into an answer. A per-participation information level (volledig / afspraken / signaal) and a
// "confidentiality statement confirmed" gate belong there: the participation row is loaded whole, so new
// columns arrive without touching the loaders, and the resource kind is known.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { actions, documents, households, organizations, participations } from '../db/schema.ts';
import { STEP_UP_REQUIRED, stepUpRequired } from '../auth/step-up.ts';
import { AppError } from '../errors.ts';
import { can, mayKnowOf, refusedBecauseClosed, type HouseholdAction } from '../../shared/policy.ts';
import type { SessionUser } from '../auth/session.ts';
import type { HouseholdRole } from '../../shared/enums.ts';
import { AccessRefused, type ResourceKind } from './refusal.ts';

export type HouseholdRow = typeof households.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;
export type ActionRow = typeof actions.$inferSelect;
export type ParticipationRow = typeof participations.$inferSelect;

/** Who asks: the signed-in user and where from (for the audit trail of refusals and reads). */
export interface Requester {
  user: SessionUser;
  ip: string | null;
}

export interface HouseholdGrant {
  requester: Requester;
  household: HouseholdRow;
  /** The requester's participation, or null for an administrator who manages without taking part. */
  participation: ParticipationRow | null;
  role: HouseholdRole | null;
  /** The household's regie organisation requires sessions that passed a second factor. */
  secondFactorRequired: boolean;
}
export interface DocumentGrant extends HouseholdGrant {
  document: DocumentRow;
}
export interface ActionGrant extends HouseholdGrant {
  action: ActionRow;
}

export interface LoadOptions {
  /** Lock the loaded row (FOR UPDATE) for the rest of the caller's transaction. */
  forUpdate?: boolean;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID_RE.test(s);

type Verdict = { ok: true } | { ok: false; status: 403 | 404; stepUp?: true } | { ok: false; status: 409; closed: true };

/** The one decision. 404 ("hidden") whenever the requester may not know the resource exists. */
export function decide(input: {
  user: SessionUser;
  participation: ParticipationRow | null;
  resource: ResourceKind;
  action: HouseholdAction;
  secondFactorRequired: boolean;
  /** The household is closed: read-only for everyone (shared/policy.ts). */
  closed: boolean;
}): Verdict {
  const actor = { admin: input.user.admin, role: input.participation?.role ?? null, closed: input.closed };
  if (!mayKnowOf(actor)) return { ok: false, status: 404 };
  // A change to a closed case is refused as such (409 HOUSEHOLD_CLOSED), so the client can say why.
  if (refusedBecauseClosed(actor, input.action)) return { ok: false, status: 409, closed: true };
  if (!can(actor, input.action)) {
    // An administrator without a participation may manage the household but must not learn of its content.
    return { ok: false, status: actor.role === null ? 404 : 403 };
  }
  // Only after the policy: an outsider learns nothing, not even that the household needs two factors.
  if (input.secondFactorRequired && !input.user.secondFactor) return { ok: false, status: 403, stepUp: true };
  // Issue 11 plugs in here: information level of the participation, confidentiality statement confirmed.
  return { ok: true };
}

function refuseOrGrant<G extends HouseholdGrant>(requester: Requester, resource: ResourceKind, id: string, action: HouseholdAction, grant: G | null): G {
  if (!grant) throw new AccessRefused(404, resource, id, action, null);
  const verdict = decide({
    user: requester.user,
    participation: grant.participation,
    resource,
    action,
    secondFactorRequired: grant.secondFactorRequired,
    closed: grant.household.status === 'closed',
  });
  if (verdict.ok) return grant;
  if ('closed' in verdict) {
    throw new AccessRefused(409, resource, id, action, grant.household.id, 'Deze casus is gesloten en kan alleen nog worden ingezien.', 'HOUSEHOLD_CLOSED');
  }
  if (verdict.stepUp) {
    // Asked for, not just refused: the client shows the second-factor step (STEP_UP_REQUIRED).
    const ask = stepUpRequired();
    throw new AccessRefused(403, resource, id, action, grant.household.id, ask.message, STEP_UP_REQUIRED);
  }
  throw new AccessRefused(verdict.status, resource, id, action, grant.household.id);
}

const participationOf = (userId: string, householdId: typeof households.id | typeof documents.householdId | typeof actions.householdId) =>
  and(eq(participations.householdId, householdId), eq(participations.userId, userId));

const regieOf = eq(organizations.id, households.regieOrganizationId);

export async function authorizeHousehold(
  db: DbOrTx,
  requester: Requester,
  householdId: string,
  action: HouseholdAction,
  opts: LoadOptions = {},
): Promise<HouseholdGrant> {
  let grant: HouseholdGrant | null = null;
  if (isUuid(householdId)) {
    const q = db
      .select({ household: households, participation: participations, twoFactor: organizations.twoFactorRequired })
      .from(households)
      .leftJoin(participations, participationOf(requester.user.id, households.id))
      .leftJoin(organizations, regieOf)
      .where(eq(households.id, householdId));
    const [row] = opts.forUpdate ? await q.for('update', { of: households }) : await q;
    if (row) grant = householdGrant(requester, row);
  }
  return refuseOrGrant(requester, 'household', householdId, action, grant);
}

/** The household part of a grant, from a row joined as the loaders below join it. */
function householdGrant(
  requester: Requester,
  row: { household: HouseholdRow; participation: ParticipationRow | null; twoFactor: boolean | null },
): HouseholdGrant {
  return {
    requester,
    household: row.household,
    participation: row.participation,
    role: row.participation?.role ?? null,
    secondFactorRequired: row.twoFactor ?? false,
  };
}

export async function authorizeDocument(
  db: DbOrTx,
  requester: Requester,
  documentId: string,
  action: HouseholdAction,
  opts: LoadOptions = {},
): Promise<DocumentGrant> {
  let grant: DocumentGrant | null = null;
  if (isUuid(documentId)) {
    const q = db
      .select({ document: documents, household: households, participation: participations, twoFactor: organizations.twoFactorRequired })
      .from(documents)
      .innerJoin(households, eq(households.id, documents.householdId))
      .leftJoin(participations, participationOf(requester.user.id, documents.householdId))
      .leftJoin(organizations, regieOf)
      .where(eq(documents.id, documentId));
    const [row] = opts.forUpdate ? await q.for('update', { of: documents }) : await q;
    if (row) grant = { ...householdGrant(requester, row), document: row.document };
  }
  return refuseOrGrant(requester, 'document', documentId, action, grant);
}

/** A casusoverleg's minutes: a document of kind `meeting` (another document answers 400 NOT_A_MEETING after authorisation). */
export async function authorizeMeeting(
  db: DbOrTx,
  requester: Requester,
  documentId: string,
  action: HouseholdAction,
  opts: LoadOptions = {},
): Promise<DocumentGrant> {
  const grant = await authorizeDocument(db, requester, documentId, action, opts);
  if (grant.document.kind !== 'meeting') throw new NotAMeeting();
  return grant;
}

export async function authorizeAction(
  db: DbOrTx,
  requester: Requester,
  actionId: string,
  action: HouseholdAction,
  opts: LoadOptions = {},
): Promise<ActionGrant> {
  let grant: ActionGrant | null = null;
  if (isUuid(actionId)) {
    const q = db
      .select({ action: actions, household: households, participation: participations, twoFactor: organizations.twoFactorRequired })
      .from(actions)
      .innerJoin(households, eq(households.id, actions.householdId))
      .leftJoin(participations, participationOf(requester.user.id, actions.householdId))
      .leftJoin(organizations, regieOf)
      .where(eq(actions.id, actionId));
    const [row] = opts.forUpdate ? await q.for('update', { of: actions }) : await q;
    if (row) grant = { ...householdGrant(requester, row), action: row.action };
  }
  return refuseOrGrant(requester, 'action', actionId, action, grant);
}

/** Re-check of a live channel (socket, event stream): the same load and decision, as a value. */
export async function recheckHousehold(
  db: DbOrTx,
  requester: Requester,
  householdId: string,
  action: HouseholdAction,
): Promise<HouseholdGrant | AccessRefused> {
  try {
    return await authorizeHousehold(db, requester, householdId, action);
  } catch (err) {
    if (err instanceof AccessRefused) return err;
    throw err;
  }
}

class NotAMeeting extends AppError {
  constructor() {
    super(400, 'NOT_A_MEETING', 'Dit hoort bij een casusoverleg; dit document is geen verslag van een casusoverleg.');
  }
}
