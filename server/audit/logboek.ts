// The Logboek's reads: a household's audit rows, filtered by person, organisation, acting user and kind,
// for the page (paged), its CSV and PDF exports and the inzageverzoek (all rows, up to MAX_EXPORT_ROWS).
// No authorisation here: callers have it (the 'audit' action of the access seam).
import { and, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { actions, auditLog, householdPersons, organizations, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { auditEventsOfKind } from '../../shared/audit.ts';
import type { LogboekFilter } from '../../shared/schemas.ts';
import type { LogboekActors } from '../../shared/api.ts';

/** Rows one export (CSV, PDF, inzage) may hold: beyond it the export is refused, never silently cut short. */
export const MAX_EXPORT_ROWS = 20_000;

export type LogboekRow = Awaited<ReturnType<typeof listLogboek>>[number];

/**
 * The rows that concern person P of household H. A row concerns P when
 *  1. its target is P: their person record (`person.add`, `person.update`) or an inzageverzoek about them;
 *  2. its target is an action now linked to P (`actions.person_id`): its changes, reads, history, evaluation,
 *     and refused attempts on it; or
 *  3. it is about the household as a whole — its target is neither a person nor an action of H (or it has
 *     none): reads of the household, board, documents and live events, exports and prints, household-wide
 *     changes (phase, grondslag, participants, closing) and refused attempts on the household or a document.
 *     Those show or change data about every person of the household, so they concern P too.
 * Rows about another person's record, or about an action linked to someone else or to nobody, do not.
 * An action linked to P earlier and re-linked later counts by its link now.
 */
function concernsPerson(householdId: string, personId: string): SQL {
  const personIds = sql`select ${householdPersons.id}::text from ${householdPersons} where ${householdPersons.householdId} = ${householdId}`;
  const actionIds = sql`select ${actions.id}::text from ${actions} where ${actions.householdId} = ${householdId}`;
  const actionsOfPerson = sql`select ${actions.id}::text from ${actions} where ${actions.householdId} = ${householdId} and ${actions.personId} = ${personId}`;
  return or(
    eq(auditLog.target, personId),
    sql`${auditLog.target} in (${actionsOfPerson})`,
    isNull(auditLog.target),
    sql`(${auditLog.target} not in (${personIds}) and ${auditLog.target} not in (${actionIds}))`,
  )!;
}

function whereOf(householdId: string, filter: LogboekFilter, before?: number): SQL {
  return and(
    eq(auditLog.householdId, householdId),
    before ? lt(auditLog.id, before) : undefined,
    filter.organizationId ? eq(auditLog.organizationId, filter.organizationId) : undefined,
    filter.userId ? eq(auditLog.userId, filter.userId) : undefined,
    filter.kind ? inArray(auditLog.event, auditEventsOfKind(filter.kind)) : undefined,
    filter.personId ? concernsPerson(householdId, filter.personId) : undefined,
  )!;
}

/** The household's rows matching `filter`, newest first. */
export async function listLogboek(db: DbOrTx, householdId: string, filter: LogboekFilter, page: { before?: number; limit: number }) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      userId: auditLog.userId,
      userName: users.name,
      organizationId: auditLog.organizationId,
      organizationName: organizations.name,
      householdId: auditLog.householdId,
      event: auditLog.event,
      target: auditLog.target,
      ip: auditLog.ip,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .leftJoin(organizations, eq(organizations.id, auditLog.organizationId))
    .where(whereOf(householdId, filter, page.before))
    .orderBy(desc(auditLog.id))
    .limit(page.limit);
}

/** Every matching row for an export; more than MAX_EXPORT_ROWS is refused with a request to narrow the filter. */
export async function logboekForExport(db: DbOrTx, householdId: string, filter: LogboekFilter): Promise<LogboekRow[]> {
  const rows = await listLogboek(db, householdId, filter, { limit: MAX_EXPORT_ROWS + 1 });
  if (rows.length > MAX_EXPORT_ROWS) {
    throw new AppError(
      422,
      'EXPORT_TOO_LARGE',
      `Met deze filters heeft het logboek meer dan ${MAX_EXPORT_ROWS.toLocaleString('nl-NL')} regels. Kies een persoon, organisatie, gebruiker of soort om de export kleiner te maken.`,
    );
  }
  return rows;
}

/** Everyone who appears in the household's log, with their organisations (the filters' choices), by name. */
export async function logboekActors(db: DbOrTx, householdId: string): Promise<LogboekActors> {
  const rows = await db
    .selectDistinct({ userId: auditLog.userId, userName: users.name, organizationId: auditLog.organizationId, organizationName: organizations.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .leftJoin(organizations, eq(organizations.id, auditLog.organizationId))
    .where(eq(auditLog.householdId, householdId));
  const orgs = new Map<string, string>();
  const people = new Map<string, { id: string; name: string; organizationName: string | null }>();
  for (const r of rows) {
    if (r.organizationId && r.organizationName) orgs.set(r.organizationId, r.organizationName);
    if (r.userId && r.userName && !people.has(r.userId)) people.set(r.userId, { id: r.userId, name: r.userName, organizationName: r.organizationName });
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'nl');
  return {
    organizations: [...orgs].map(([id, name]) => ({ id, name })).sort(byName),
    users: [...people.values()].sort(byName),
  };
}

/** A person of this household, or 404 (a person id of another household is answered like a missing one). */
export async function personOfHousehold(db: DbOrTx, householdId: string, personId: string) {
  const [person] = await db
    .select()
    .from(householdPersons)
    .where(and(eq(householdPersons.id, personId), eq(householdPersons.householdId, householdId)));
  if (!person) throw new AppError(404, 'NOT_FOUND', 'Deze persoon hoort niet bij dit huishouden.');
  return person;
}
