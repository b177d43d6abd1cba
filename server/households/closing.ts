// Closing and reopening a case. A closed household is read-only for everyone (shared/policy.ts `closed`),
// leaves the working lists and the overview, and is kept until its retention period ends
// (closedAt + RETENTION_MONTHS, fixed at closing); then it goes on the vernietigingslijst (retention/).
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { households } from '../db/schema.ts';
import { AppError, conflict } from '../errors.ts';
import { audit, auditActor } from '../audit/log.ts';
import type { Hub } from '../realtime/hub.ts';
import type { CloseHouseholdInput } from '../../shared/schemas.ts';
import type { HouseholdRow } from '../access/authorize.ts';
import type { ActorContext } from './service.ts';
import { announceLifecycle } from './lifecycle.ts';

/** A change that reached a closed case after its access check (the row lock re-check in events.ts). */
export const householdClosed = () => new AppError(409, 'HOUSEHOLD_CLOSED', 'Deze casus is gesloten en kan alleen nog worden ingezien.');

/** closedAt + months (calendar months, UTC; the 31st clamps to the month's last day). */
export function retentionEnd(closedAt: Date, months: number): Date {
  const d = new Date(closedAt);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

interface ClosingDeps {
  db: Db;
  hub: Hub;
  retentionMonths: number;
}

const lockHousehold = async (tx: Parameters<Parameters<Db['transaction']>[0]>[0], id: string) => {
  const [row] = await tx.select().from(households).where(eq(households.id, id)).for('update');
  return row!;
};

export async function closeHousehold(deps: ClosingDeps, household: HouseholdRow, input: CloseHouseholdInput, actor: ActorContext): Promise<HouseholdRow> {
  const closed = await deps.db.transaction(async (tx) => {
    // Under the row lock: every board change takes the same lock (events.ts) and re-checks the status.
    const current = await lockHousehold(tx, household.id);
    if (current.status === 'closed') throw conflict('HOUSEHOLD_CLOSED', 'Deze casus is al gesloten.');
    const [h] = await tx
      .update(households)
      .set({
        status: 'closed',
        closedAt: actor.now,
        closedBy: actor.user.id,
        closeReason: input.reason,
        closeNote: input.note,
        retentionEndsAt: retentionEnd(actor.now, deps.retentionMonths),
        destructionListedAt: null,
        updatedAt: actor.now,
      })
      .where(eq(households.id, household.id))
      .returning();
    await audit(tx, {
      ...auditActor(actor),
      householdId: household.id,
      event: 'household.close',
      target: input.reason,
      details: { reason: input.reason, note: input.note, retentionEndsAt: h!.retentionEndsAt!.toISOString() },
    });
    return h!;
  });
  announceLifecycle(deps.hub, { householdId: household.id, kind: 'closed' });
  return closed;
}

export async function reopenHousehold(deps: ClosingDeps, household: HouseholdRow, reason: string, actor: ActorContext): Promise<HouseholdRow> {
  const reopened = await deps.db.transaction(async (tx) => {
    const current = await lockHousehold(tx, household.id);
    if (current.status !== 'closed') throw conflict('HOUSEHOLD_OPEN', 'Deze casus is niet gesloten.');
    if (current.retentionEndsAt && current.retentionEndsAt.getTime() <= actor.now.getTime()) {
      throw conflict('RETENTION_ENDED', 'De bewaartermijn van deze casus is verstreken; heropenen kan niet meer. De casus staat op de vernietigingslijst.');
    }
    const [h] = await tx
      .update(households)
      .set({
        status: 'open',
        // Kept for "herhaald incident" (herhaald.ts): a reopening within 12 months of the closure it undid.
        reopenedAt: actor.now,
        closedBeforeReopenAt: current.closedAt,
        closedAt: null,
        closedBy: null,
        closeReason: null,
        closeNote: '',
        retentionEndsAt: null,
        destructionListedAt: null,
        updatedAt: actor.now,
      })
      .where(eq(households.id, household.id))
      .returning();
    await audit(tx, {
      ...auditActor(actor),
      householdId: household.id,
      event: 'household.reopen',
      details: { reason, closedAt: current.closedAt?.toISOString() ?? null },
    });
    return h!;
  });
  announceLifecycle(deps.hub, { householdId: household.id, kind: 'reopened' });
  return reopened;
}
