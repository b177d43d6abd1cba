// The agenda of a casusoverleg: households, each with a time slot and its own minutes.
// - Adding: any regievoerder who sees the casusoverleg may put a household on it that they direct (the access
//   seam's `direct` on that household), also on someone else's casusoverleg; nobody can add a household they
//   do not direct, the chair included. The household's minutes (a `meeting` document, as a household's own
//   casusoverleg has) are made at the same moment, so attendance, the evaluation block and vaststellen work as before.
// - A time slot is changed, and an item taken off, by the chair, the planner or the household's regievoerder.
//   Taking it off keeps its minutes (they may hold notes already): they stay on the household's page.
// - The order is the chair's and the planner's.
import { and, eq, isNull, max } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { casusoverlegItems, documents } from '../db/schema.ts';
import { AppError, badRequest, conflict } from '../errors.ts';
import { audit, auditActor } from '../audit/log.ts';
import { authorizeHousehold } from '../access/authorize.ts';
import type { ActorContext } from '../households/service.ts';
import type { AgendaItemInput, AgendaItemPatch } from '../../shared/schemas.ts';
import type { CasusoverlegDetail } from '../../shared/casusoverleg.ts';
import { changeCasusoverleg, closedCasusoverleg, notOrganiser, type CasusoverlegDeps } from './service.ts';
import { isOrganiser, type AgendaItemRow, type CasusoverlegRow } from './visibility.ts';
import { notifyParticipants } from '../notifications/triggers.ts';

/** Minutes of a slot when none is given. */
export const DEFAULT_SLOT_MINUTES = 20;

const itemNotFound = () => new AppError(404, 'NOT_FOUND', 'Dit agendapunt bestaat niet.');

function assertOpen(row: CasusoverlegRow) {
  if (row.status === 'closed') throw closedCasusoverleg();
}

async function itemsOf(tx: Tx, casusoverlegId: string): Promise<AgendaItemRow[]> {
  return tx.select().from(casusoverlegItems).where(eq(casusoverlegItems.casusoverlegId, casusoverlegId));
}

async function loadItem(tx: Tx, row: CasusoverlegRow, itemId: string): Promise<AgendaItemRow> {
  const item = (await itemsOf(tx, row.id)).find((i) => i.id === itemId);
  if (!item) throw itemNotFound();
  return item;
}

/** The chair or the planner may change any item; anyone else only an item of a household they direct (through the seam). */
async function assertMayEditItem(tx: Tx, actor: ActorContext, row: CasusoverlegRow, item: AgendaItemRow) {
  if (!isOrganiser(row, actor.user.id)) await authorizeHousehold(tx, actor, item.householdId, 'direct');
}

const itemAudit = (actor: ActorContext, row: CasusoverlegRow, item: AgendaItemRow) => ({
  ...auditActor(actor),
  householdId: item.householdId,
  target: row.id,
});

export async function addAgendaItem(deps: CasusoverlegDeps, actor: ActorContext, id: string, input: AgendaItemInput): Promise<CasusoverlegDetail> {
  return changeCasusoverleg(deps, actor, id, async (tx, row, commit) => {
    assertOpen(row);
    await authorizeHousehold(tx, actor, input.householdId, 'direct');
    const items = await itemsOf(tx, row.id);
    if (items.some((i) => i.householdId === input.householdId)) throw conflict('ALREADY_ON_AGENDA', 'Dit huishouden staat al op de agenda van dit overleg.');
    const slotStart = input.slotStart ? new Date(input.slotStart) : nextSlot(row, items);
    const slotMinutes = input.slotMinutes ?? DEFAULT_SLOT_MINUTES;
    const [doc] = await tx
      .insert(documents)
      .values({ householdId: input.householdId, kind: 'meeting', title: row.title, meetingAt: slotStart, createdBy: actor.user.id })
      .returning();
    const [{ last } = { last: null }] = await tx
      .select({ last: max(casusoverlegItems.position) })
      .from(casusoverlegItems)
      .where(eq(casusoverlegItems.casusoverlegId, row.id));
    const [item] = await tx
      .insert(casusoverlegItems)
      .values({
        casusoverlegId: row.id,
        householdId: input.householdId,
        documentId: doc!.id,
        position: (last ?? 0) + 1,
        slotStart,
        slotMinutes,
        addedBy: actor.user.id,
      })
      .returning();
    const base = itemAudit(actor, row, item!);
    await audit(tx, { ...base, target: doc!.id, event: 'document.create', details: { kind: 'meeting', title: row.title, casusoverlegId: row.id } });
    await audit(tx, {
      ...base,
      event: 'casusoverleg.agenda_add',
      details: { itemId: item!.id, documentId: doc!.id, slotStart: slotStart.toISOString(), slotMinutes },
    });
    // The household's participants hear that a casusoverleg about it is planned (its minutes document exists now).
    await notifyParticipants(tx, commit, actor, {
      householdId: input.householdId,
      kind: 'meeting_planned',
      documentId: doc!.id,
      dedupeKey: `meeting:${doc!.id}`,
    });
  });
}

/** Right after the last slot, or at the start of the meeting. */
function nextSlot(row: CasusoverlegRow, items: AgendaItemRow[]): Date {
  const ends = items.map((i) => i.slotStart.getTime() + i.slotMinutes * 60_000);
  return new Date(Math.max(row.startsAt.getTime(), ...ends));
}

export async function changeAgendaItem(
  deps: CasusoverlegDeps,
  actor: ActorContext,
  id: string,
  itemId: string,
  patch: AgendaItemPatch,
): Promise<CasusoverlegDetail> {
  return changeCasusoverleg(deps, actor, id, async (tx, row) => {
    assertOpen(row);
    const item = await loadItem(tx, row, itemId);
    await assertMayEditItem(tx, actor, row, item);
    const slotStart = patch.slotStart ? new Date(patch.slotStart) : item.slotStart;
    const slotMinutes = patch.slotMinutes ?? item.slotMinutes;
    await tx.update(casusoverlegItems).set({ slotStart, slotMinutes }).where(eq(casusoverlegItems.id, item.id));
    // The minutes keep the meeting time of their slot (vastgestelde minutes stay as they were).
    await tx
      .update(documents)
      .set({ meetingAt: slotStart })
      .where(and(eq(documents.id, item.documentId), eq(documents.kind, 'meeting'), isNull(documents.lockedAt)));
    await audit(tx, {
      ...itemAudit(actor, row, item),
      event: 'casusoverleg.agenda_change',
      details: { itemId, slotStart: slotStart.toISOString(), slotMinutes },
    });
  });
}

export async function removeAgendaItem(deps: CasusoverlegDeps, actor: ActorContext, id: string, itemId: string): Promise<CasusoverlegDetail> {
  return changeCasusoverleg(deps, actor, id, async (tx, row) => {
    assertOpen(row);
    const item = await loadItem(tx, row, itemId);
    await assertMayEditItem(tx, actor, row, item);
    if (row.currentItemId === item.id) throw conflict('CURRENT_ITEM', 'Dit huishouden wordt nu besproken; ga eerst naar een volgende casus.');
    await tx.delete(casusoverlegItems).where(eq(casusoverlegItems.id, item.id));
    await audit(tx, { ...itemAudit(actor, row, item), event: 'casusoverleg.agenda_remove', details: { itemId, documentId: item.documentId } });
  });
}

export async function reorderAgenda(deps: CasusoverlegDeps, actor: ActorContext, id: string, itemIds: string[]): Promise<CasusoverlegDetail> {
  return changeCasusoverleg(deps, actor, id, async (tx, row) => {
    if (!isOrganiser(row, actor.user.id)) throw notOrganiser();
    assertOpen(row);
    const items = await itemsOf(tx, row.id);
    const known = new Set(items.map((i) => i.id));
    if (itemIds.length !== known.size || new Set(itemIds).size !== itemIds.length || !itemIds.every((i) => known.has(i))) {
      throw badRequest('AGENDA_MISMATCH', 'Geef elk agendapunt van dit overleg precies één keer op. Vernieuw de agenda en probeer het opnieuw.');
    }
    for (const [i, itemId] of itemIds.entries())
      await tx
        .update(casusoverlegItems)
        .set({ position: i + 1 })
        .where(eq(casusoverlegItems.id, itemId));
    await audit(tx, { ...auditActor(actor), target: row.id, event: 'casusoverleg.agenda_order', details: { itemIds } });
  });
}
