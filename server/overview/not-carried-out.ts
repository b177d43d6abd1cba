// "Niet uitgevoerd door de partner", counted per organisation over the last three months, so the regievoerder
// can raise it with the partner. One query over the households the user directs. The organisation is the
// agreement's owner, or (for an unowned agreement) the organisation of whoever had claimed it. The date is the
// casusoverleg's (the evaluation's own time for minutes without one). An agreement evaluated so in several
// meetings counts once.
import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { actionEvaluations, actions, documents, organizations, participations, users } from '../db/schema.ts';
import type { NotCarriedOutCount } from '../../shared/board.ts';

export const NOT_CARRIED_OUT_MONTHS = 3;

/** `since` is now minus three calendar months. */
export function notCarriedOutSince(now: Date): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - NOT_CARRIED_OUT_MONTHS);
  return d;
}

export async function notCarriedOutByOrganization(db: Db, userId: string, since: Date): Promise<NotCarriedOutCount[]> {
  const claimer = alias(users, 'claimer');
  const agreements = sql<number>`count(distinct ${actionEvaluations.actionId})::int`.mapWith(Number);
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, count: agreements })
    .from(actionEvaluations)
    .innerJoin(documents, eq(documents.id, actionEvaluations.documentId))
    .innerJoin(actions, eq(actions.id, actionEvaluations.actionId))
    .innerJoin(
      participations,
      and(eq(participations.householdId, actions.householdId), eq(participations.userId, userId), eq(participations.role, 'regievoerder')),
    )
    .leftJoin(claimer, eq(claimer.id, actions.claimedBy))
    .innerJoin(organizations, eq(organizations.id, sql`coalesce(${actions.ownerOrganizationId}, ${claimer.organizationId})`))
    .where(
      and(
        eq(actionEvaluations.verdict, 'niet_gelukt'),
        eq(actionEvaluations.reason, 'niet_uitgevoerd_door_partner'),
        // An SQL expression has no column type to map a Date with: the bound is sent as text (postgres-js needs that).
        gte(sql`coalesce(${documents.meetingAt}, ${actionEvaluations.updatedAt})`, sql`${since.toISOString()}::timestamptz`),
      ),
    )
    .groupBy(organizations.id)
    .orderBy(desc(agreements), asc(organizations.name));
  return rows.map(({ count, ...organization }) => ({ organization, count }));
}
