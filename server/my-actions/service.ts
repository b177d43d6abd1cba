// Mijn acties: the open and claimed actions of the user's organisation and the user's own, across every open
// household they take part in, in ONE query (participations → household → regie organisation → actions), each
// row then passed through the access seam's `decide` exactly as a request for that action would be: a household
// whose statement is not confirmed (or that needs the second factor) shows as one line instead, `signaal` shows
// nothing, `afspraken` only its organisation's actions. The actions' people and organisations are resolved in the
// board's batched presenter (a fixed number of queries for any number of actions). Each household read is audited.
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import { actions, households, organizations, participations } from '../db/schema.ts';
import type { Requester } from '../access/authorize.ts';
import { auditRead } from '../access/read-audit.ts';
import { actionForLevel, presentActions } from '../board/presenter.ts';
import { amsterdamDay } from '../../shared/huisverbod.ts';
import { isMine, type MyActionHousehold, type MyActionsResponse } from '../../shared/my-actions.ts';
import { BOARD_ROW, boardVerdict, grantOf, openHousehold, regieOrganization, sortBoards } from './households.ts';

const householdOf = (grant: ReturnType<typeof grantOf>): MyActionHousehold => ({
  id: grant.household.id,
  reference: grant.household.reference,
  myRole: grant.role,
  myLevel: grant.participation?.level ?? null,
  status: grant.household.status,
});

export async function listMyActions(deps: Pick<Deps, 'db' | 'auditWriter'>, requester: Requester, now: Date): Promise<MyActionsResponse> {
  const { db } = deps;
  const me = requester.user;
  const rows = await db
    .select({ ...BOARD_ROW, action: actions })
    .from(participations)
    .innerJoin(households, openHousehold)
    .leftJoin(organizations, regieOrganization)
    .leftJoin(
      actions,
      and(
        eq(actions.householdId, participations.householdId),
        inArray(actions.status, ['open', 'claimed']),
        or(eq(actions.ownerOrganizationId, me.organization.id), eq(actions.claimedBy, me.id), eq(actions.assignedUserId, me.id)),
      ),
    )
    .where(eq(participations.userId, me.id));

  const grants = new Map(rows.map((r) => [r.household.id, grantOf(requester, r)]));
  const { readable, gated } = sortBoards([...grants.values()]);
  const open = new Set(readable.map((g) => g.household.id));
  // Per action, the seam's own answer (an `afspraken` partner is refused another organisation's action).
  const shown = rows.filter((r) => r.action && open.has(r.household.id) && boardVerdict(grants.get(r.household.id)!, r.action.ownerOrganizationId).ok);
  const presented = await presentActions(
    db,
    shown.map((r) => r.action!),
    now,
  );
  const list = presented
    .map((a) => {
      const grant = grants.get(a.householdId)!;
      return { ...actionForLevel(a, grant.participation?.level ?? null), household: householdOf(grant) };
    })
    .filter((a) => isMine(a, me));

  await Promise.all(
    readable
      .filter((g) => list.some((a) => a.householdId === g.household.id))
      .map((g) =>
        auditRead(deps, g, 'my_actions.view', g.household.id, {
          actions: list.filter((a) => a.householdId === g.household.id).map((a) => a.id),
        }),
      ),
  );
  return {
    today: amsterdamDay(now),
    actions: list,
    gated: gated.map(({ grant, reason }) => ({ householdId: grant.household.id, reference: grant.household.reference, reason })),
    households: readable.map(householdOf).sort((a, b) => a.reference.localeCompare(b.reference)),
  };
}
