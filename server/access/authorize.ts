// THE access seam: "load the row → authorise its household with can() → refuse exactly like a missing id".
// HTTP routes, the collaboration socket (at upgrade and on every re-check) and the event stream (at open and
// on every re-check) all come through here. Each load is one query: the row, its household and the
// requester's participation (if any), joined.
//
// `decide` is the one place that turns (requester, participation, resource, action) into an answer: the
// role's rights (shared/policy.ts `can`), the participation's information level (volledig / afspraken /
// signaal; an `afspraken` partner does not even learn of another organisation's action), a closed case,
// the second factor, and the geheimhoudingsverklaring: until the participant confirmed it for this
// household, every content route, the socket and the event stream refuse with STATEMENT_REQUIRED.
import { and, eq, inArray, type Placeholder, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared.ts';
import type { DbOrTx } from '../db/client.ts';
import { actions, documents, households, organizations, participations } from '../db/schema.ts';
import { STEP_UP_REQUIRED, stepUpRequired } from '../auth/step-up.ts';
import { AppError } from '../errors.ts';
import { can, levelShowsAction, mayKnowOf, refusedBecauseClosed, refusedBecauseOfLevel, type HouseholdAction } from '../../shared/policy.ts';
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
  /** Only for reading and confirming the geheimhoudingsverklaring itself: pass before it is confirmed. */
  beforeStatement?: boolean;
}

/** The participant has not yet confirmed the geheimhoudingsverklaring of this household. */
export const STATEMENT_REQUIRED = 'STATEMENT_REQUIRED';
/** The participant's information level does not reach this part of the household. */
export const INFORMATION_LEVEL = 'INFORMATION_LEVEL';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID_RE.test(s);

type Verdict =
  | { ok: true }
  | { ok: false; status: 404 }
  | { ok: false; status: 403; why: 'role' | 'level' | 'stepUp' | 'statement' }
  | { ok: false; status: 409; why: 'closed' };

/** The one decision. 404 ("hidden") whenever the requester may not know the resource exists. */
export function decide(input: {
  user: SessionUser;
  participation: ParticipationRow | null;
  resource: ResourceKind;
  action: HouseholdAction;
  secondFactorRequired: boolean;
  /** The household is closed: read-only for everyone (shared/policy.ts). */
  closed: boolean;
  /** For an action: the organisation that owns it (an `afspraken` partner sees only their own). */
  actionOwnerId?: string | null;
  /** Reading or confirming the geheimhoudingsverklaring itself. */
  beforeStatement?: boolean;
}): Verdict {
  const p = input.participation;
  const actor = { admin: input.user.admin, role: p?.role ?? null, closed: input.closed, level: p?.level ?? null };
  if (!mayKnowOf(actor)) return { ok: false, status: 404 };
  // An action outside the participant's level is hidden like a missing one (not even its existence leaks).
  if (input.resource === 'action' && !levelShowsAction(actor.level, input.user.organization.id, input.actionOwnerId ?? null)) return { ok: false, status: 404 };
  // A change to a closed case is refused as such (409 HOUSEHOLD_CLOSED), so the client can say why.
  if (refusedBecauseClosed(actor, input.action)) return { ok: false, status: 409, why: 'closed' };
  if (!can(actor, input.action)) {
    if (refusedBecauseOfLevel(actor, input.action)) return { ok: false, status: 403, why: 'level' };
    // An administrator without a participation may manage the household but must not learn of its content.
    return actor.role === null ? { ok: false, status: 404 } : { ok: false, status: 403, why: 'role' };
  }
  // Only after the policy: an outsider learns nothing, not even that the household needs two factors.
  if (input.secondFactorRequired && !input.user.secondFactor) return { ok: false, status: 403, why: 'stepUp' };
  // A participant opens content only after confirming the statement; `signaal` reaches no content at all.
  if (p && p.level !== 'signaal' && p.statementConfirmedAt === null && !input.beforeStatement) return { ok: false, status: 403, why: 'statement' };
  return { ok: true };
}

const LEVEL_MESSAGE: Record<ResourceKind, string> = {
  household: 'Jouw informatieniveau bij dit huishouden geeft hier geen toegang toe.',
  document: 'Jouw informatieniveau bij dit huishouden geeft geen toegang tot het plan en de verslagen.',
  action: 'Jouw informatieniveau bij dit huishouden geeft hier geen toegang toe.',
};

function refuseOrGrant<G extends HouseholdGrant>(
  requester: Requester,
  resource: ResourceKind,
  id: string,
  action: HouseholdAction,
  grant: G | null,
  opts: LoadOptions,
  actionOwnerId?: string | null,
): G {
  if (!grant) throw new AccessRefused(404, resource, id, action, null);
  const verdict = decide({
    user: requester.user,
    participation: grant.participation,
    resource,
    action,
    secondFactorRequired: grant.secondFactorRequired,
    closed: grant.household.status === 'closed',
    actionOwnerId,
    beforeStatement: opts.beforeStatement,
  });
  if (verdict.ok) return grant;
  const householdId = grant.household.id;
  if (verdict.status === 404) throw new AccessRefused(404, resource, id, action, householdId);
  switch (verdict.why) {
    case 'closed':
      throw new AccessRefused(409, resource, id, action, householdId, 'Deze casus is gesloten en kan alleen nog worden ingezien.', 'HOUSEHOLD_CLOSED');
    case 'stepUp':
      // Asked for, not just refused: the client shows the second-factor step (STEP_UP_REQUIRED).
      throw new AccessRefused(403, resource, id, action, householdId, stepUpRequired().message, STEP_UP_REQUIRED);
    case 'statement':
      // The client turns this into the statement page of this household.
      throw new AccessRefused(403, resource, id, action, householdId, 'Bevestig eerst de geheimhoudingsverklaring voor dit huishouden.', STATEMENT_REQUIRED);
    case 'level':
      throw new AccessRefused(403, resource, id, action, householdId, LEVEL_MESSAGE[resource], INFORMATION_LEVEL);
    case 'role':
      throw new AccessRefused(403, resource, id, action, householdId);
  }
}

const participationOf = (userId: string | Placeholder, householdId: typeof households.id | typeof documents.householdId | typeof actions.householdId) =>
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
    const load = (db: DbOrTx, userId: string | Placeholder, id: string | Placeholder) =>
      db
        .select({ household: households, participation: participations, twoFactor: organizations.twoFactorRequired })
        .from(households)
        .leftJoin(participations, participationOf(userId, households.id))
        .leftJoin(organizations, regieOf)
        .where(eq(households.id, id));
    const [row] = opts.forUpdate
      ? await load(db, requester.user.id, householdId).for('update', { of: households })
      : await prepared(db, 'access_household', (db) => load(db, sql.placeholder('userId'), sql.placeholder('id')).prepare('access_household')).execute({
          userId: requester.user.id,
          id: householdId,
        });
    if (row) grant = householdGrant(requester, row);
  }
  return refuseOrGrant(requester, 'household', householdId, action, grant, opts);
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
  const loaded = isUuid(documentId) ? await loadInHousehold(db, documents, documentId, requester, opts) : null;
  const grant = loaded && { ...loaded.grant, document: loaded.row as DocumentRow };
  return refuseOrGrant(requester, 'document', documentId, action, grant, opts);
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
  const loaded = isUuid(actionId) ? await loadInHousehold(db, actions, actionId, requester, opts) : null;
  const grant = loaded && { ...loaded.grant, action: loaded.row as ActionRow };
  return refuseOrGrant(requester, 'action', actionId, action, grant, opts, grant?.action.ownerOrganizationId ?? null);
}

/** One query: a row of a household's table, its household and the requester's participation in it. */
async function loadInHousehold(db: DbOrTx, table: typeof documents | typeof actions, id: string, requester: Requester, opts: LoadOptions) {
  const load = (db: DbOrTx, userId: string | Placeholder, id: string | Placeholder) =>
    db
      .select({ row: table, household: households, participation: participations, twoFactor: organizations.twoFactorRequired })
      .from(table)
      .innerJoin(households, eq(households.id, table.householdId))
      .leftJoin(participations, participationOf(userId, table.householdId))
      .leftJoin(organizations, regieOf)
      .where(eq(table.id, id));
  const name = table === actions ? 'access_action' : 'access_document';
  const [row] = opts.forUpdate
    ? await load(db, requester.user.id, id).for('update', { of: table })
    : await prepared(db, name, (db) => load(db, sql.placeholder('userId'), sql.placeholder('id')).prepare(name)).execute({ userId: requester.user.id, id });
  return row ? { grant: householdGrant(requester, row), row: row.row } : null;
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

export interface HouseholdCheck {
  requester: Requester;
  householdId: string;
  action: HouseholdAction;
}

/** Households per query of a batched re-check (bounds the IN lists). */
const RECHECK_CHUNK = 500;

/**
 * Re-check of many live channels at once (the periodic sweep): the same load and decision as recheckHousehold
 * for each (requester, household, action), answered in order, from two queries per RECHECK_CHUNK households
 * (the households with their regie organisation's second-factor rule; the requesters' participations in them)
 * instead of one query per pair. Nothing is locked.
 */
export async function recheckHouseholds(db: DbOrTx, checks: HouseholdCheck[]): Promise<(HouseholdGrant | AccessRefused)[]> {
  const ids = [...new Set(checks.map((c) => c.householdId).filter(isUuid))];
  const users = [...new Set(checks.map((c) => c.requester.user.id))];
  const found = new Map<string, { household: HouseholdRow; twoFactor: boolean | null }>();
  const taking = new Map<string, ParticipationRow>();
  for (let i = 0; i < ids.length; i += RECHECK_CHUNK) {
    const chunk = ids.slice(i, i + RECHECK_CHUNK);
    const rows = await db
      .select({ household: households, twoFactor: organizations.twoFactorRequired })
      .from(households)
      .leftJoin(organizations, regieOf)
      .where(inArray(households.id, chunk));
    for (const row of rows) found.set(row.household.id, row);
    // A superset (every pair of these users and households); each check below takes its own pair only.
    const parts = await db
      .select()
      .from(participations)
      .where(and(inArray(participations.householdId, chunk), inArray(participations.userId, users)));
    for (const p of parts) taking.set(`${p.userId}/${p.householdId}`, p);
  }
  return checks.map(({ requester, householdId, action }) => {
    const row = found.get(householdId);
    const grant = row ? householdGrant(requester, { ...row, participation: taking.get(`${requester.user.id}/${householdId}`) ?? null }) : null;
    try {
      return refuseOrGrant(requester, 'household', householdId, action, grant, {});
    } catch (err) {
      if (err instanceof AccessRefused) return err;
      throw err;
    }
  });
}

class NotAMeeting extends AppError {
  constructor() {
    super(400, 'NOT_A_MEETING', 'Dit hoort bij een casusoverleg; dit document is geen verslag van een casusoverleg.');
  }
}
