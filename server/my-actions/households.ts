// The households whose boards a user may read right now, decided exactly as the access seam decides one request:
// the user's participations with their household and its regie organisation (second factor), in one query, each
// passed through `decide` (role, information level, geheimhoudingsverklaring, second factor). Closed households
// are left out: Mijn acties is about work still to do.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { households, organizations, participations } from '../db/schema.ts';
import { decide, type HouseholdGrant, type Requester } from '../access/authorize.ts';

export interface ReadableBoards {
  /** Households whose board the user may read now, as grants (what the board's presenters and audit need). */
  readable: HouseholdGrant[];
  /** Households that open once the user confirms the statement or gives the second factor. */
  gated: { grant: HouseholdGrant; reason: 'statement' | 'stepUp' }[];
}

/** What each row of a user's boards holds; the list selects the actions alongside (one query). */
export const BOARD_ROW = { household: households, participation: participations, twoFactor: organizations.twoFactorRequired };
export const openHousehold = and(eq(households.id, participations.householdId), eq(households.status, 'open'));
export const regieOrganization = eq(organizations.id, households.regieOrganizationId);

export function grantOf(
  requester: Requester,
  row: { household: typeof households.$inferSelect; participation: typeof participations.$inferSelect; twoFactor: boolean | null },
): HouseholdGrant {
  return {
    requester,
    household: row.household,
    participation: row.participation,
    role: row.participation.role,
    secondFactorRequired: row.twoFactor ?? false,
  };
}

/** The seam's answer for reading this household's board (actions are narrowed per action by `decide` too). */
export function boardVerdict(grant: HouseholdGrant, actionOwnerId?: string | null) {
  return decide({
    user: grant.requester.user,
    participation: grant.participation,
    resource: actionOwnerId === undefined ? 'household' : 'action',
    action: 'readBoard',
    secondFactorRequired: grant.secondFactorRequired,
    closed: grant.household.status === 'closed',
    actionOwnerId,
  });
}

export function sortBoards(grants: HouseholdGrant[]): ReadableBoards {
  const out: ReadableBoards = { readable: [], gated: [] };
  for (const grant of grants) {
    const verdict = boardVerdict(grant);
    if (verdict.ok) out.readable.push(grant);
    else if (verdict.status === 403 && (verdict.why === 'statement' || verdict.why === 'stepUp')) out.gated.push({ grant, reason: verdict.why });
  }
  return out;
}

export async function readableBoards(db: DbOrTx, requester: Requester): Promise<ReadableBoards> {
  const rows = await db
    .select(BOARD_ROW)
    .from(participations)
    .innerJoin(households, openHousehold)
    .leftJoin(organizations, regieOrganization)
    .where(eq(participations.userId, requester.user.id));
  return sortBoards(rows.map((r) => grantOf(requester, r)));
}
