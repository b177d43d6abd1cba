// Destroying a household whose retention period has ended, on the functioneel beheerder's confirmation:
// every row of the household goes, in one transaction, except a minimal destruction record (reference,
// dates, who confirmed) and the audit rows, which the database pseudonymises (migrations/0006: the one
// change the append-only trigger allows, computed by the trigger itself and only for a household that no
// longer exists). Live sockets and streams of the household close; clients drop their offline copies.
import { and, eq, inArray, isNotNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  actionEvaluations,
  actionEvents,
  actions,
  auditLog,
  casusoverlegItems,
  docSnapshots,
  docUpdates,
  docVersions,
  documents,
  householdDestructions,
  householdEvents,
  householdPersons,
  households,
  meetingAttendance,
  notifications,
  participations,
  phaseChanges,
} from '../db/schema.ts';
import { AppError, conflict } from '../errors.ts';
import { audit, auditActor } from '../audit/log.ts';
import type { Hub } from '../realtime/hub.ts';
import { announceParticipationChanged } from '../access/revocation.ts';
import type { ActorContext } from '../households/service.ts';
import { announceLifecycle } from '../households/lifecycle.ts';
import type { DestructionListEntry, DestructionRecord } from '../../shared/api.ts';

/** Closed households whose retention has ended and that the retention job has put on the list. */
export async function destructionList(db: Db, now: Date): Promise<DestructionListEntry[]> {
  const rows = await db
    .select()
    .from(households)
    .where(and(eq(households.status, 'closed'), isNotNull(households.destructionListedAt), lte(households.retentionEndsAt, now)))
    .orderBy(households.retentionEndsAt);
  return rows.map((h) => ({
    householdId: h.id,
    reference: h.reference,
    displayName: h.displayName,
    closedAt: h.closedAt!.toISOString(),
    closeReason: h.closeReason,
    retentionEndsAt: h.retentionEndsAt!.toISOString(),
    listedAt: h.destructionListedAt!.toISOString(),
  }));
}

export async function destructionRecords(db: Db): Promise<DestructionRecord[]> {
  const rows = await db.select().from(householdDestructions).orderBy(householdDestructions.destroyedAt);
  return rows.map((r) => ({
    householdId: r.householdId,
    reference: r.reference,
    createdAt: r.createdAt.toISOString(),
    closedAt: r.closedAt.toISOString(),
    retentionEndedAt: r.retentionEndedAt.toISOString(),
    destroyedAt: r.destroyedAt.toISOString(),
    confirmedBy: r.confirmedBy,
  }));
}

const notOnList = () => new AppError(404, 'NOT_ON_DESTRUCTION_LIST', 'Dit huishouden staat niet op de vernietigingslijst.');

export async function destroyHousehold(deps: { db: Db; hub: Hub }, householdId: string, actor: ActorContext): Promise<DestructionRecord> {
  const { record, formerParticipants } = await deps.db.transaction(async (tx) => {
    const [h] = await tx.select().from(households).where(eq(households.id, householdId)).for('update');
    if (h?.status !== 'closed' || !h.destructionListedAt || !h.closedAt || !h.retentionEndsAt) throw notOnList();
    if (h.retentionEndsAt.getTime() > actor.now.getTime()) throw conflict('RETENTION_NOT_ENDED', 'De bewaartermijn van deze casus loopt nog.');

    const docIds = (await tx.select({ id: documents.id }).from(documents).where(eq(documents.householdId, h.id))).map((r) => r.id);
    const actionIds = (await tx.select({ id: actions.id }).from(actions).where(eq(actions.householdId, h.id))).map((r) => r.id);
    const people = await tx.select({ userId: participations.userId }).from(participations).where(eq(participations.householdId, h.id));
    const none = ['00000000-0000-0000-0000-000000000000'];
    const docs = docIds.length ? docIds : none;
    const acts = actionIds.length ? actionIds : none;

    // Children before parents (foreign keys), everything keyed by this household's ids.
    await tx.delete(notifications).where(eq(notifications.householdId, h.id));
    await tx.delete(actionEvaluations).where(or(inArray(actionEvaluations.documentId, docs), inArray(actionEvaluations.actionId, acts)));
    await tx.delete(actionEvents).where(inArray(actionEvents.actionId, acts));
    await tx.delete(actions).where(eq(actions.householdId, h.id));
    await tx.delete(meetingAttendance).where(inArray(meetingAttendance.documentId, docs));
    // Its places on casusoverleg agendas go too (the casusoverleg itself is regional and stays).
    await tx.delete(casusoverlegItems).where(eq(casusoverlegItems.householdId, h.id));
    await tx.delete(docUpdates).where(inArray(docUpdates.documentId, docs));
    await tx.delete(docSnapshots).where(inArray(docSnapshots.documentId, docs));
    await tx.delete(docVersions).where(inArray(docVersions.documentId, docs));
    await tx.delete(documents).where(eq(documents.householdId, h.id));
    await tx.delete(householdEvents).where(eq(householdEvents.householdId, h.id));
    await tx.delete(phaseChanges).where(eq(phaseChanges.householdId, h.id));
    await tx.delete(householdPersons).where(eq(householdPersons.householdId, h.id));
    await tx.delete(participations).where(eq(participations.householdId, h.id));
    await tx.delete(households).where(eq(households.id, h.id));

    const [record] = await tx
      .insert(householdDestructions)
      .values({
        householdId: h.id,
        reference: h.reference,
        createdAt: h.createdAt,
        closedAt: h.closedAt,
        retentionEndedAt: h.retentionEndsAt,
        destroyedAt: actor.now,
        confirmedBy: actor.user.id,
      })
      .returning();

    // Pseudonymise the audit rows: the trigger rebuilds each row from its old values (the SET is ignored)
    // and allows it only for this household, named in this transaction, now that its row is gone.
    await tx.execute(sql`select set_config('casustafel.pseudonymise_household', ${h.id}, true)`);
    await tx
      .update(auditLog)
      .set({ details: sql`${auditLog.details}` })
      .where(eq(auditLog.householdId, h.id));
    await tx.execute(sql`select set_config('casustafel.pseudonymise_household', '', true)`);

    await audit(tx, {
      ...auditActor(actor),
      householdId: h.id,
      event: 'household.destroy',
      details: { count: docIds.length + actionIds.length },
    });
    return { record: record!, formerParticipants: people.map((p) => p.userId) };
  });

  // Live channels end everywhere: document sockets close with 4404, event streams see the participation gone.
  announceLifecycle(deps.hub, { householdId, kind: 'destroyed' });
  await Promise.all(formerParticipants.map((userId) => announceParticipationChanged(deps.hub, householdId, userId, null)));
  return {
    householdId: record.householdId,
    reference: record.reference,
    createdAt: record.createdAt.toISOString(),
    closedAt: record.closedAt.toISOString(),
    retentionEndedAt: record.retentionEndedAt.toISOString(),
    destroyedAt: record.destroyedAt.toISOString(),
    confirmedBy: record.confirmedBy,
  };
}
