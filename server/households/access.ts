// Loads a household together with the actor's role and enforces the policy in one step.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { households, participations } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { can, mayKnowOf, type HouseholdAction } from '../policies/household.ts';
import type { SessionUser } from '../auth/session.ts';
import type { HouseholdRole } from '../../shared/enums.ts';

export type HouseholdRow = typeof households.$inferSelect;

export async function roleIn(db: DbOrTx, userId: string, householdId: string): Promise<HouseholdRole | null> {
  const [row] = await db
    .select({ role: participations.role })
    .from(participations)
    .where(and(eq(participations.userId, userId), eq(participations.householdId, householdId)));
  return row?.role ?? null;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID_RE.test(s);

export const householdNotFound = () => new AppError(404, 'NOT_FOUND', 'Dit huishouden bestaat niet of je neemt er niet aan deel.');

/**
 * Returns the household and the user's role, or throws: 404 when the user may not know the household exists
 * (same answer as a missing one), 403 when they may know it but not do `action`.
 */
export async function authorizeHousehold(
  db: DbOrTx,
  user: SessionUser,
  householdId: string,
  action: HouseholdAction,
): Promise<{ household: HouseholdRow; role: HouseholdRole | null }> {
  if (!isUuid(householdId)) throw householdNotFound();
  const [row] = await db
    .select({ household: households, role: participations.role })
    .from(households)
    .leftJoin(participations, and(eq(participations.householdId, households.id), eq(participations.userId, user.id)))
    .where(eq(households.id, householdId));
  if (!row) throw householdNotFound();
  const actor = { admin: user.admin, role: row.role ?? null };
  if (!mayKnowOf(actor)) throw householdNotFound();
  if (!can(actor, action)) {
    // An admin who is not a participant may manage the household but must not learn its content.
    if (actor.role === null) throw householdNotFound();
    throw new AppError(403, 'FORBIDDEN', forbiddenMessage(action));
  }
  return { household: row.household, role: actor.role };
}

function forbiddenMessage(action: HouseholdAction): string {
  switch (action) {
    case 'write':
      return 'Je kijkt mee bij dit huishouden en kunt niets wijzigen.';
    case 'direct':
      return 'Alleen de regievoerder van dit huishouden mag dit doen.';
    case 'manageParticipants':
    case 'update':
    case 'audit':
      return 'Alleen de regievoerder of een functioneel beheerder mag dit doen.';
    default:
      return 'Je hebt geen toegang tot deze handeling.';
  }
}
