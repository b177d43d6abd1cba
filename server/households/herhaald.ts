// "Herhaald incident": a new huisverbod or a reopened case within 12 months of an earlier huisverbod or closure
// of the same person(s). One SQL expression, correlated to the `households` row of the query it is selected
// in, so a list of any length is flagged by the list's own query (no query per household).
//
// The rule, per household H:
// - H's incident day is the later of its huisverbod start and its latest reopening (Amsterdam calendar days).
// - H is flagged when, in the 12 months up to that day (the boundary day itself included),
//   a. H itself was closed and reopened (the closure that the reopening undid), or
//   b. another household that shares a person with H had a huisverbod start or a closure before that day.
// - "The same person": a person with role slachtoffer, pleger or kind in both households, with the same name
//   (case and surrounding spaces ignored) and the same birth year, both recorded. There is no BSN in this product;
//   name + birth year is a signal for the regievoerder to check, not an identification.
// - The flag never says which other household matched (need to know).
import { eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';
import { households } from '../db/schema.ts';
import { HERHAALD_INCIDENT_MONTHS, type PersonRole } from '../../shared/enums.ts';

/** The household members whose recurrence counts (not network, witnesses or others). */
export const HERHAALD_PERSON_ROLES: readonly PersonRole[] = ['slachtoffer', 'pleger', 'kind'];

const roles = sql.raw(HERHAALD_PERSON_ROLES.map((r) => `'${r}'`).join(', '));
const months = sql.raw(`interval '${HERHAALD_INCIDENT_MONTHS} months'`);
// The outer row's columns, always qualified: drizzle leaves a column unqualified in some positions, and inside
// the subquery an unqualified name would be ambiguous.
const outer = (column: string) => sql.raw(`"households"."${column}"`);
const amsterdamDay = (column: SQL) => sql`(${column} at time zone 'Europe/Amsterdam')::date`;

/** A boolean column: is the `households` row of the surrounding query a herhaald incident? */
export function herhaaldIncident(): SQL<boolean> {
  const incidentDay = sql`greatest(${outer('huisverbod_start')}, ${amsterdamDay(outer('reopened_at'))})`;
  const windowStart = sql`(${incidentDay} - ${months})::date`;
  return sql<boolean>`coalesce(
    ${amsterdamDay(outer('closed_before_reopen_at'))} >= ${windowStart}
    or exists (
      select 1
      from household_persons p
      join household_persons q
        on q.household_id <> p.household_id
        and q.birth_year = p.birth_year
        and lower(btrim(q.label)) = lower(btrim(p.label))
        and q.role in (${roles})
      join households o on o.id = q.household_id
      cross join lateral (values
        (o.huisverbod_start),
        ((o.closed_at at time zone 'Europe/Amsterdam')::date),
        ((o.closed_before_reopen_at at time zone 'Europe/Amsterdam')::date)
      ) as earlier(day)
      where p.household_id = ${outer('id')}
        and p.birth_year is not null
        and p.role in (${roles})
        and earlier.day >= ${windowStart}
        and earlier.day < ${incidentDay}
    ),
    false)`.mapWith(Boolean);
}

/** The flag for one household (the household page). */
export async function isHerhaaldIncident(db: DbOrTx, householdId: string): Promise<boolean> {
  const [row] = await prepared(db, 'household_herhaald', (db) =>
    db
      .select({ flag: herhaaldIncident() })
      .from(households)
      .where(eq(households.id, sql.placeholder('householdId')))
      .prepare('household_herhaald'),
  ).execute({ householdId });
  return row?.flag ?? false;
}
