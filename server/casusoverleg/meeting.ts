// Holding the casusoverleg: only the chair starts it, moves it on ("Volgende casus") and closes it; every open
// screen follows through the live hint (stream.ts). Meeting mode reads the item under discussion as the viewer
// may see it: the plan summary only at `volledig`, read through the access seam and audited.
import { and, eq } from 'drizzle-orm';
import { casusoverlegItems, casusoverleggen, documents } from '../db/schema.ts';
import { AppError, badRequest } from '../errors.ts';
import { audit, auditActor } from '../audit/log.ts';
import { recheckHousehold } from '../access/authorize.ts';
import { AccessRefused } from '../access/refusal.ts';
import { auditRead } from '../access/read-audit.ts';
import type { ActorContext } from '../households/service.ts';
import type { DocumentsContext } from '../documents/service.ts';
import { omissionLog } from '../documents/service.ts';
import { stateJSON } from '../documents/content.ts';
import type { CasusoverlegDetail, MeetingModeResponse } from '../../shared/casusoverleg.ts';
import { changeCasusoverleg, closedCasusoverleg, type CasusoverlegDeps } from './service.ts';
import { presentDetail } from './presenter.ts';
import { isChair, loadVisible, type CasusoverlegRow } from './visibility.ts';
import { planSummary } from './plan-summary.ts';
import { notifyMeetingOverview } from '../notifications/triggers.ts';

const notChair = () => new AppError(403, 'NOT_CHAIR', 'Alleen de voorzitter leidt het overleg: die gaat naar de volgende casus of sluit het overleg.');

function assertChair(row: CasusoverlegRow, actor: ActorContext) {
  if (!isChair(row, actor.user.id)) throw notChair();
  if (row.status === 'closed') throw closedCasusoverleg();
}

/** The chair moves the meeting to an item of its agenda; the first move starts the meeting. */
export async function moveTo(deps: CasusoverlegDeps, actor: ActorContext, id: string, itemId: string): Promise<CasusoverlegDetail> {
  return changeCasusoverleg(deps, actor, id, async (tx, row) => {
    assertChair(row, actor);
    const [item] = await tx
      .select({ position: casusoverlegItems.position })
      .from(casusoverlegItems)
      .where(and(eq(casusoverlegItems.id, itemId), eq(casusoverlegItems.casusoverlegId, row.id)));
    if (!item) throw badRequest('NOT_ON_AGENDA', 'Dit agendapunt hoort niet bij dit overleg.');
    const starting = row.status === 'planned';
    await tx
      .update(casusoverleggen)
      .set({ currentItemId: itemId, ...(starting ? { status: 'in_progress' as const, startedAt: actor.now } : {}) })
      .where(eq(casusoverleggen.id, row.id));
    await audit(tx, {
      ...auditActor(actor),
      target: row.id,
      event: starting ? 'casusoverleg.start' : 'casusoverleg.next',
      details: { itemId, position: item.position },
    });
  });
}

export async function closeCasusoverleg(deps: CasusoverlegDeps, actor: ActorContext, id: string): Promise<CasusoverlegDetail> {
  return changeCasusoverleg(deps, actor, id, async (tx, row, commit) => {
    assertChair(row, actor);
    await tx.update(casusoverleggen).set({ status: 'closed', closedAt: actor.now, currentItemId: null }).where(eq(casusoverleggen.id, row.id));
    await notifyMeetingOverview(tx, commit, actor, row.id);
    await audit(tx, {
      ...auditActor(actor),
      target: row.id,
      event: 'casusoverleg.close',
      details: { startedAt: (row.startedAt ?? row.startsAt).toISOString() },
    });
  });
}

export async function meetingMode(ctx: DocumentsContext, actor: ActorContext, id: string): Promise<MeetingModeResponse> {
  const row = await loadVisible(ctx.db, actor.user.id, id);
  const casusoverleg = await presentDetail(ctx.db, actor, row);
  const item = casusoverleg.items.find((i) => i.id === row.currentItemId);
  if (!item) return { casusoverleg, current: null };
  if (item.visibility === 'besloten') return { casusoverleg, current: { item, planSummary: null } };
  // Through the seam once more, for the grant its read is audited with (and in case access changed meanwhile).
  const grant = await recheckHousehold(ctx.db, actor, item.householdId, item.visibility === 'volledig' ? 'read' : 'readBoard');
  if (grant instanceof AccessRefused) return { casusoverleg, current: { item: hidden(item), planSummary: null } };
  let summary: string | null = null;
  if (item.visibility === 'volledig') {
    const [plan] = await ctx.db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.householdId, item.householdId), eq(documents.kind, 'plan')));
    const state = plan ? await ctx.rooms.stateIn(ctx.db, plan.id) : null;
    summary = state ? planSummary(stateJSON(state, omissionLog(ctx.log, plan!.id))) : '';
  }
  await auditRead(ctx, grant, 'casusoverleg.item_view', row.id, { itemId: item.id });
  return { casusoverleg, current: { item, planSummary: summary } };
}

const hidden = (item: { id: string; position: number; slotStart: string; slotMinutes: number; mayEdit: boolean }) => ({
  id: item.id,
  position: item.position,
  slotStart: item.slotStart,
  slotMinutes: item.slotMinutes,
  mayEdit: item.mayEdit,
  visibility: 'besloten' as const,
});
