// Who sees a regional casusoverleg, and what of each agenda item. A user sees the casusoverleg when they chair
// it, planned it, or take part in at least one household on its agenda. Each item is then shown as far as the
// access seam's own decision (access/authorize.ts `decide`, with shared/policy.ts underneath) lets this viewer
// into that household: `read` (volledig, statement confirmed) shows reference, name and the minutes; only
// `readBoard` (afspraken) shows the reference; anything less (no participation, signaal, statement not yet
// confirmed, a second factor the household needs) is "Besloten casus": the time slot, nothing of the household.
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { casusoverlegItems, casusoverleggen, documents, households, organizations, participations } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { decide, isUuid, type ParticipationRow, type Requester } from '../access/authorize.ts';
import type { AgendaItemView, AgendaItemVisibility } from '../../shared/casusoverleg.ts';
import type { HouseholdAction } from '../../shared/policy.ts';

export type CasusoverlegRow = typeof casusoverleggen.$inferSelect;
export type AgendaItemRow = typeof casusoverlegItems.$inferSelect;

export const casusoverlegNotFound = () => new AppError(404, 'NOT_FOUND', 'Dit casusoverleg bestaat niet of je neemt er niet aan deel.');

/** SQL: the casusoverleg (the row in the outer query) is visible to the user. */
export const visibleTo = (userId: string) =>
  or(
    eq(casusoverleggen.chairId, userId),
    eq(casusoverleggen.createdBy, userId),
    sql`exists (select 1 from ${casusoverlegItems} i join ${participations} p on p.household_id = i.household_id and p.user_id = ${userId} where i.casusoverleg_id = ${casusoverleggen.id})`,
  );

/** The casusoverleg if the user may see it; 404 exactly like a missing one otherwise. */
export async function loadVisible(db: DbOrTx, userId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<CasusoverlegRow> {
  if (!isUuid(id)) throw casusoverlegNotFound();
  const q = db
    .select()
    .from(casusoverleggen)
    .where(and(eq(casusoverleggen.id, id), visibleTo(userId)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw casusoverlegNotFound();
  return row;
}

export const isChair = (row: CasusoverlegRow, userId: string) => row.chairId === userId;
/** The chair or the planner: they keep the facts and the order of the agenda. */
export const isOrganiser = (row: CasusoverlegRow, userId: string) => row.chairId === userId || row.createdBy === userId;

interface ItemContext {
  item: AgendaItemRow;
  household: typeof households.$inferSelect;
  participation: ParticipationRow | null;
  twoFactor: boolean | null;
  minutesLocked: boolean;
}

/** Every agenda item with its household, the viewer's participation in it and the minutes' lock, in order. */
export async function agendaWithViewer(db: DbOrTx, casusoverlegId: string, userId: string): Promise<ItemContext[]> {
  const rows = await db
    .select({
      item: casusoverlegItems,
      household: households,
      participation: participations,
      twoFactor: organizations.twoFactorRequired,
      lockedAt: documents.lockedAt,
    })
    .from(casusoverlegItems)
    .innerJoin(households, eq(households.id, casusoverlegItems.householdId))
    .innerJoin(documents, eq(documents.id, casusoverlegItems.documentId))
    .leftJoin(participations, and(eq(participations.householdId, casusoverlegItems.householdId), eq(participations.userId, userId)))
    .leftJoin(organizations, eq(organizations.id, households.regieOrganizationId))
    .where(eq(casusoverlegItems.casusoverlegId, casusoverlegId))
    .orderBy(asc(casusoverlegItems.position), asc(casusoverlegItems.createdAt));
  return rows.map((r) => ({ ...r, minutesLocked: r.lockedAt !== null }));
}

/** The access seam's answer for this viewer and this household, as a yes or no. */
function allows(requester: Requester, c: ItemContext, action: HouseholdAction): boolean {
  return decide({
    user: requester.user,
    participation: c.participation,
    resource: 'household',
    action,
    secondFactorRequired: c.twoFactor ?? false,
    closed: c.household.status === 'closed',
  }).ok;
}

export function visibilityOf(requester: Requester, c: ItemContext): AgendaItemVisibility {
  if (allows(requester, c, 'read')) return 'volledig';
  if (allows(requester, c, 'readBoard')) return 'afspraken';
  return 'besloten';
}

/** One agenda item as this viewer may see it. */
export function presentItem(requester: Requester, row: CasusoverlegRow, c: ItemContext): AgendaItemView {
  const base = {
    id: c.item.id,
    position: c.item.position,
    slotStart: c.item.slotStart.toISOString(),
    slotMinutes: c.item.slotMinutes,
    mayEdit: row.status !== 'closed' && (isOrganiser(row, requester.user.id) || allows(requester, c, 'direct')),
  };
  const visibility = visibilityOf(requester, c);
  if (visibility === 'besloten') return { ...base, visibility };
  const household = { myRole: c.participation?.role ?? null, myLevel: c.participation?.level ?? null, status: c.household.status };
  if (visibility === 'afspraken') return { ...base, visibility, householdId: c.household.id, reference: c.household.reference, household };
  return {
    ...base,
    visibility,
    householdId: c.household.id,
    reference: c.household.reference,
    displayName: c.household.displayName,
    documentId: c.item.documentId,
    minutesLocked: c.minutesLocked,
    household,
  };
}
