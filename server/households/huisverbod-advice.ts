// The huisverbod clock's advice step: on day 0 (the day a huisverbod date is recorded on a household) the board
// gets the action "Advies verlenging huisverbod", owned by Veilig Thuis and due on day HUISVERBOD_ADVICE_DAY.
// Once per household (a unique index): changing the date moves the due date of the advice while it is still
// open or claimed; a done or cancelled advice is left as it is. Runs inside the caller's transaction, with
// the board's own history, audit row and live event (board/history.ts).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { actions, organizations } from '../db/schema.ts';
import type { Emit } from '../realtime/events.ts';
import type { HouseholdRow } from '../access/authorize.ts';
import { diff, recordChange } from '../board/history.ts';
import { ADVICE_ACTION_TITLE, adviceDueDate } from '../../shared/huisverbod-clock.ts';
import { HUISVERBOD_MAX_DAYS } from '../../shared/enums.ts';
import type { ActorContext } from './service.ts';

/**
 * The Veilig Thuis organisation that advises: one of kind `veilig_thuis` taking part in the household (through a
 * participant), else the installation's only one (one installation serves one region). Null when there is none,
 * or several and none takes part: the action is then unowned and says so.
 */
export async function veiligThuisFor(tx: Tx, householdId: string): Promise<string | null> {
  const rows = await tx
    .select({
      id: organizations.id,
      participates: sql<boolean>`exists (
        select 1 from participations pa join users u on u.id = pa.user_id
        where pa.household_id = ${householdId} and u.organization_id = "organizations"."id")`.mapWith(Boolean),
    })
    .from(organizations)
    .where(eq(organizations.kind, 'veilig_thuis'))
    .orderBy(asc(organizations.name));
  const taking = rows.find((r) => r.participates);
  if (taking) return taking.id;
  return rows.length === 1 ? rows[0]!.id : null;
}

export function adviceDetails(adviceDay: number, owned: boolean): string {
  const what = `Veilig Thuis adviseert de burgemeester uiterlijk op dag ${adviceDay} na de start van het huisverbod of het huisverbod verlengd moet worden (ten hoogste ${HUISVERBOD_MAX_DAYS} dagen in totaal). Het besluit legt de gemeente vast bij het huisverbod.`;
  return owned ? what : `${what}\n\nEr is geen organisatie van Veilig Thuis gevonden: wijs deze actie toe aan de juiste organisatie.`;
}

/** Creates the advice action, or moves its due date with the huisverbod date. No-op without a huisverbod. */
export async function syncAdviceAction(tx: Tx, emit: Emit, household: HouseholdRow, adviceDay: number, actor: ActorContext): Promise<void> {
  if (!household.huisverbodStart) return;
  const due = adviceDueDate(household.huisverbodStart, adviceDay);
  const [existing] = await tx
    .select()
    .from(actions)
    .where(and(eq(actions.householdId, household.id), eq(actions.kind, 'huisverbod_advies')))
    .for('no key update');
  if (!existing) {
    const owner = await veiligThuisFor(tx, household.id);
    const [row] = await tx
      .insert(actions)
      .values({
        householdId: household.id,
        kind: 'huisverbod_advies',
        title: ADVICE_ACTION_TITLE,
        details: adviceDetails(adviceDay, owner !== null),
        ownerOrganizationId: owner,
        dueDate: due,
        createdBy: actor.user.id,
        createdAt: actor.now,
        updatedAt: actor.now,
      })
      .onConflictDoNothing()
      .returning();
    if (row) await recordChange(tx, emit, actor, row, [{ kind: 'created', changes: diff(null, row) }], true);
    return;
  }
  const active = existing.status === 'open' || existing.status === 'claimed';
  if (!active || existing.dueDate === due) return;
  const [after] = await tx
    .update(actions)
    .set({ dueDate: due, version: existing.version + 1, updatedAt: actor.now })
    .where(eq(actions.id, existing.id))
    .returning();
  await recordChange(tx, emit, actor, after!, [{ kind: 'edited', changes: diff(existing, after!, ['dueDate']) }]);
}
