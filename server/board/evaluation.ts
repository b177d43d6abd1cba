// The casusoverleg evaluation block: every action that was open since the previous casusoverleg, with
// the verdict given in this meeting. Verdicts are rows (action_evaluations), audited, and announced live.
import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { actionEvaluations, actions, documents } from '../db/schema.ts';
import { audit } from '../audit/log.ts';
import { AppError, badRequest, conflict } from '../errors.ts';
import type { DocumentRow } from '../access/authorize.ts';
import type { ActorContext } from '../households/service.ts';
import { withHouseholdEvents } from '../realtime/events.ts';
import type { Evaluation, EvaluationResponse } from '../../shared/board.ts';
import type { EvaluationReason, EvaluationVerdict } from '../../shared/enums.ts';
import { loadUserRefs, presentActions, type ActionRow } from './presenter.ts';
import type { BoardDeps } from './service.ts';

type EvaluationRow = typeof actionEvaluations.$inferSelect;

function assertMeeting(doc: DocumentRow, householdId?: string) {
  if (doc.kind !== 'meeting' || (householdId && doc.householdId !== householdId)) {
    throw badRequest('NOT_A_MEETING', 'De evaluatie van acties hoort bij een casusoverleg van dit huishouden.');
  }
}

async function previousMeetingAt(db: Db, doc: DocumentRow): Promise<Date | null> {
  if (!doc.meetingAt) return null;
  const [prev] = await db
    .select({ meetingAt: documents.meetingAt })
    .from(documents)
    .where(and(eq(documents.householdId, doc.householdId), eq(documents.kind, 'meeting'), lt(documents.meetingAt, doc.meetingAt)))
    .orderBy(desc(documents.meetingAt))
    .limit(1);
  return prev?.meetingAt ?? null;
}

/** Open or claimed now, or closed after the previous meeting; agreed before this meeting began. */
export function wasOpenSince(a: ActionRow, previous: Date | null, meetingAt: Date | null): boolean {
  if (meetingAt && a.createdAt > meetingAt) return false;
  if (a.status === 'open' || a.status === 'claimed') return true;
  const closedAt = a.status === 'done' ? (a.completedAt ?? a.updatedAt) : a.updatedAt;
  return previous === null || closedAt > previous;
}

async function presentEvaluations(db: DbOrTx, rows: EvaluationRow[]): Promise<Map<string, Evaluation>> {
  const userRefs = await loadUserRefs(
    db,
    rows.map((r) => r.evaluatedBy),
  );
  return new Map(
    rows.map((r) => [
      r.actionId,
      {
        actionId: r.actionId,
        verdict: r.verdict,
        reason: r.reason,
        note: r.note,
        evaluatedBy: r.evaluatedBy ? (userRefs.get(r.evaluatedBy) ?? null) : null,
        updatedAt: r.updatedAt.toISOString(),
        version: r.version,
      },
    ]),
  );
}

export async function evaluationBlock(db: Db, householdId: string, doc: DocumentRow, now: Date): Promise<EvaluationResponse> {
  assertMeeting(doc, householdId);
  const previous = await previousMeetingAt(db, doc);
  const rows = (await db.select().from(actions).where(eq(actions.householdId, householdId)).orderBy(asc(actions.createdAt), asc(actions.id))).filter((a) =>
    wasOpenSince(a, previous, doc.meetingAt),
  );
  const [presented, saved] = await Promise.all([
    presentActions(db, rows, now),
    db
      .select()
      .from(actionEvaluations)
      .where(eq(actionEvaluations.documentId, doc.id))
      .then((r) => presentEvaluations(db, r)),
  ]);
  return {
    documentId: doc.id,
    meetingAt: doc.meetingAt?.toISOString() ?? null,
    previousMeetingAt: previous?.toISOString() ?? null,
    items: presented.map((action) => ({ action, evaluation: saved.get(action.id) ?? null })),
  };
}

export interface EvaluationSave {
  actionId: string;
  verdict: EvaluationVerdict;
  reason?: EvaluationReason | null;
  note: string;
  version: number;
}

/** "Niet gelukt" tells why: one of the two reasons, and a note. 422 otherwise (the request is well-formed, the evaluation is not). */
export function assertTellsWhy(input: Pick<EvaluationSave, 'verdict' | 'reason' | 'note'>): void {
  if (input.verdict !== 'niet_gelukt') return;
  if (!input.reason) {
    throw new AppError(
      422,
      'REASON_REQUIRED',
      'Bij "niet gelukt" hoort een reden: kies "omstandigheden gewijzigd" of "niet uitgevoerd door de partner" en licht die toe.',
    );
  }
  if (!input.note.trim()) throw new AppError(422, 'NOTE_REQUIRED', 'Licht toe waarom de afspraak niet is gelukt.');
}

export async function saveEvaluation(deps: BoardDeps, doc: DocumentRow, input: EvaluationSave, actor: ActorContext): Promise<Evaluation> {
  assertMeeting(doc);
  assertTellsWhy(input);
  if (doc.lockedAt) throw conflict('DOCUMENT_LOCKED', 'Dit verslag is vastgesteld; heropen het om de evaluatie te wijzigen.');
  return withHouseholdEvents(deps, actor.now, async (tx, emit) => {
    const [action] = await tx
      .select({ id: actions.id })
      .from(actions)
      .where(and(eq(actions.id, input.actionId), eq(actions.householdId, doc.householdId)));
    if (!action) throw badRequest('UNKNOWN_ACTION', 'Deze actie hoort niet bij dit huishouden.');
    const reason = input.verdict === 'niet_gelukt' ? (input.reason ?? null) : null;
    const values = { verdict: input.verdict, reason, note: input.note, evaluatedBy: actor.user.id, updatedAt: actor.now };
    const key = and(eq(actionEvaluations.documentId, doc.id), eq(actionEvaluations.actionId, input.actionId));
    // Conditional write: the first evaluation inserts (version 1), every later one must name the version it
    // was based on. Two people changing the same evaluation at once: one wins, the other gets 409 with the
    // current evaluation, never a silent overwrite.
    const [row] =
      input.version === 0
        ? await tx
            .insert(actionEvaluations)
            .values({ documentId: doc.id, actionId: input.actionId, ...values, version: 1 })
            .onConflictDoNothing()
            .returning()
        : await tx
            .update(actionEvaluations)
            .set({ ...values, version: sql`${actionEvaluations.version} + 1` })
            .where(and(key, eq(actionEvaluations.version, input.version)))
            .returning();
    if (!row) {
      const [current] = await tx.select().from(actionEvaluations).where(key);
      const presented = current ? (await presentEvaluations(tx, [current])).get(input.actionId)! : null;
      const who = presented?.evaluatedBy ? `${presented.evaluatedBy.name} (${presented.evaluatedBy.organization.name})` : 'Iemand anders';
      throw conflict('STALE_VERSION', `${who} heeft deze evaluatie intussen gewijzigd. Je ziet nu de nieuwste versie; jouw wijziging is niet opgeslagen.`, {
        current: presented,
      });
    }
    await audit(tx, {
      userId: actor.user.id,
      organizationId: actor.user.organization.id,
      householdId: doc.householdId,
      event: 'meeting.evaluation',
      target: input.actionId,
      ip: actor.ip,
      details: { documentId: doc.id, verdict: input.verdict, ...(reason ? { reason } : {}) },
    });
    const evaluation = (await presentEvaluations(tx, [row])).get(input.actionId)!;
    await emit(doc.householdId, 'evaluation.updated', { documentId: doc.id, evaluation });
    return evaluation;
  });
}
