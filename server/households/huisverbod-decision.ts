// The burgemeester's decision on extending a huisverbod ("verlengd" / "niet verlengd"), recorded by the gemeente:
// the regievoerder or a participant of an organisation of kind gemeente (shared/huisverbod-clock.ts). "Verlengd"
// sets the end date by the domain rule: at most 28 days after the start, the longest unless a date is given.
// Audited; open household pages hear of it live. Also the household page's view of the clock (advice + decision).
import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { households } from '../db/schema.ts';
import { badRequest } from '../errors.ts';
import { audit, auditActor } from '../audit/log.ts';
import type { Hub } from '../realtime/hub.ts';
import { withHouseholdEvents } from '../realtime/events.ts';
import type { HouseholdGrant, HouseholdRow } from '../access/authorize.ts';
import { AccessRefused } from '../access/refusal.ts';
import { loadBoard, loadUserRefs } from '../board/presenter.ts';
import { addDays, amsterdamDay } from '../../shared/huisverbod.ts';
import { extensionBounds, mayRecordHuisverbodDecision } from '../../shared/huisverbod-clock.ts';
import { formatDate } from '../../shared/labels.ts';
import { HUISVERBOD_MAX_DAYS } from '../../shared/enums.ts';
import type { HuisverbodDecisionInput } from '../../shared/schemas.ts';
import type { HuisverbodClock } from '../../shared/api.ts';
import type { ActorContext } from './service.ts';

const noHuisverbod = () => badRequest('NO_HUISVERBOD', 'Er is geen huisverbod vastgelegd voor dit huishouden.');

/** The new last day of an extension must lie after the first 10 days and within 28 days of the start. */
export function assertExtensionEnd(start: string, until: string, min = extensionBounds(start).min): void {
  const { max } = extensionBounds(start);
  if (until < min) throw badRequest('EXTENSION_TOO_SHORT', 'De nieuwe einddatum moet na de huidige einddatum liggen.');
  if (until > max) {
    throw badRequest('EXTENSION_TOO_LONG', `Een huisverbod duurt met verlenging ten hoogste ${HUISVERBOD_MAX_DAYS} dagen (uiterlijk ${max}).`);
  }
}

export async function recordHuisverbodDecision(deps: { db: Db; hub: Hub }, grant: HouseholdGrant, input: HuisverbodDecisionInput, actor: ActorContext) {
  const h = grant.household;
  const closed = h.status === 'closed';
  if (!mayRecordHuisverbodDecision({ role: grant.role, closed, level: grant.participation?.level ?? null, organizationKind: actor.user.organization.kind })) {
    throw new AccessRefused(
      403,
      'household',
      h.id,
      'huisverbodDecision',
      h.id,
      'Het besluit van de burgemeester over verlenging legt de gemeente vast: de regievoerder of een deelnemer van de gemeente.',
      'NOT_GEMEENTE',
    );
  }
  const start = h.huisverbodStart;
  if (!start) throw noHuisverbod();
  const today = amsterdamDay(actor.now);
  if (input.decidedOn < start || input.decidedOn > today) {
    throw badRequest('DECISION_DATE', `De datum van het besluit ligt tussen de start van het huisverbod (${formatDate(start)}) en vandaag.`);
  }
  const extendedUntil = input.decision === 'verlengd' ? (input.extendedUntil ?? extensionBounds(start).max) : null;
  if (extendedUntil) assertExtensionEnd(start, extendedUntil);
  return withHouseholdEvents(deps, actor.now, async (tx, emit) => {
    const [after] = await tx
      .update(households)
      .set({
        huisverbodDecision: input.decision,
        huisverbodDecidedOn: input.decidedOn,
        huisverbodDecisionNote: input.note,
        huisverbodDecisionRecordedBy: actor.user.id,
        huisverbodDecisionRecordedAt: actor.now,
        huisverbodExtendedUntil: extendedUntil,
        huisverbodExtendedBy: extendedUntil ? 'Burgemeester' : null,
        huisverbodExtendedAt: extendedUntil ? actor.now : null,
        huisverbodExtensionRecordedBy: extendedUntil ? actor.user.id : null,
        updatedAt: actor.now,
      })
      .where(eq(households.id, h.id))
      .returning();
    await audit(tx, {
      ...auditActor(actor),
      householdId: h.id,
      event: 'household.huisverbod_decision',
      target: input.decision,
      details: { decision: input.decision, decidedOn: input.decidedOn, extendedUntil, note: input.note, previous: h.huisverbodDecision },
    });
    await emit(h.id, 'huisverbod.decided', { decision: input.decision });
    return after!;
  });
}

/** The regievoerder's extension with a free-text "decided by" (kept for existing clients; the UI records the decision). */
export async function extendHuisverbod(db: Db, household: HouseholdRow, extendedUntil: string, decidedBy: string, actor: ActorContext) {
  const start = household.huisverbodStart;
  if (!start) throw noHuisverbod();
  // After the current end: an earlier extension can only be lengthened here.
  assertExtensionEnd(start, extendedUntil, household.huisverbodExtendedUntil ? addDays(household.huisverbodExtendedUntil, 1) : extensionBounds(start).min);
  return db.transaction(async (tx) => {
    const [h] = await tx
      .update(households)
      .set({
        huisverbodExtendedUntil: extendedUntil,
        huisverbodExtendedBy: decidedBy,
        huisverbodExtendedAt: actor.now,
        huisverbodExtensionRecordedBy: actor.user.id,
        updatedAt: actor.now,
      })
      .where(eq(households.id, household.id))
      .returning();
    await audit(tx, { ...auditActor(actor), householdId: household.id, event: 'household.huisverbod', target: extendedUntil, details: { decidedBy } });
    return h!;
  });
}

/** The household page's clock: the advice action and the decision. Null without a huisverbod and without advice. */
export async function huisverbodClock(db: DbOrTx, h: HouseholdRow, now: Date): Promise<HuisverbodClock | null> {
  const [[presented], recorders] = await Promise.all([
    loadBoard(db, h.id, null, null, now, 'huisverbod_advies'),
    loadUserRefs(db, [h.huisverbodDecisionRecordedBy]),
  ]);
  if (!h.huisverbodStart && !presented) return null;
  const by = h.huisverbodDecisionRecordedBy ? recorders.get(h.huisverbodDecisionRecordedBy) : undefined;
  return {
    advice: presented ?? null,
    decision:
      h.huisverbodDecision && h.huisverbodDecidedOn
        ? {
            decision: h.huisverbodDecision,
            decidedOn: h.huisverbodDecidedOn,
            note: h.huisverbodDecisionNote,
            extendedUntil: h.huisverbodDecision === 'verlengd' ? h.huisverbodExtendedUntil : null,
            recordedBy: by ? { id: by.id, name: by.name, organization: by.organization.name } : null,
            recordedAt: h.huisverbodDecisionRecordedAt?.toISOString() ?? null,
          }
        : null,
  };
}
