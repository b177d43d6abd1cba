// Demo of the huisverbod clock and of evaluations that tell why: each demo household with a huisverbod has its
// advice action (Veilig Thuis, due on day 8); El Amrani's advice was given and the burgemeester's decision
// "verlengd" is recorded; the Jansen startoverleg evaluated one agreement "niet gelukt — niet uitgevoerd door de
// partner". (Gezin Jansen is a herhaald incident through Mark in the closed Visser case: demo.ts.)
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { actionEvaluations, actionEvents, actions, documents, households, organizations, participations, users } from '../db/schema.ts';
import { ADVICE_ACTION_TITLE, adviceDueDate, extensionBounds } from '../../shared/huisverbod-clock.ts';
import { HUISVERBOD_ADVICE_DAY } from '../../shared/enums.ts';
import { addDays } from '../../shared/huisverbod.ts';
import { adviceDetails } from '../households/huisverbod-advice.ts';
import { DEMO_TOTP_USER } from './demo-identity.ts';

const GIVEN = 'HG-2026-0117';
const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);

export async function seedDemoHuisverbod(db: Db): Promise<void> {
  const [vt] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'veilig_thuis'));
  const people = await db.select({ id: users.id, email: users.email }).from(users);
  const userId = (email: string) => people.find((u) => u.email === email)!.id;
  const regie = userId('regie@gemeente.test');
  const tessa = userId(DEMO_TOTP_USER.email);
  const withHuisverbod = await db
    .select()
    .from(households)
    .where(and(isNotNull(households.huisverbodStart), eq(households.status, 'open')));
  await db.transaction(async (tx) => {
    for (const h of withHuisverbod) {
      const start = h.huisverbodStart!;
      const created = at(start, 9);
      const given = h.reference === GIVEN;
      const completedAt = at(addDays(start, 6), 15);
      const [advice] = await tx
        .insert(actions)
        .values({
          householdId: h.id,
          kind: 'huisverbod_advies',
          title: ADVICE_ACTION_TITLE,
          details: adviceDetails(HUISVERBOD_ADVICE_DAY, true),
          ownerOrganizationId: vt?.id ?? null,
          dueDate: adviceDueDate(start, HUISVERBOD_ADVICE_DAY),
          ...(given
            ? {
                status: 'done' as const,
                claimedBy: tessa,
                claimedAt: completedAt,
                completedBy: tessa,
                completedAt,
                completionNote: 'Advies: verlengen; het risico op herhaling blijft hoog.',
                version: 2,
              }
            : {}),
          createdBy: regie,
          createdAt: created,
          updatedAt: given ? completedAt : created,
        })
        .returning();
      await tx.insert(actionEvents).values([
        { actionId: advice!.id, userId: regie, kind: 'created', changes: { title: [null, ADVICE_ACTION_TITLE] }, createdAt: created },
        ...(given
          ? [
              {
                actionId: advice!.id,
                userId: tessa,
                kind: 'completed',
                changes: { status: ['open', 'done'], completedBy: [null, tessa], completionNote: [null, advice!.completionNote] },
                createdAt: completedAt,
              },
            ]
          : []),
      ]);
      if (!given) continue;
      // Veilig Thuis takes part in this case; the gemeente recorded the burgemeester's decision on day 8.
      await tx.insert(participations).values({ householdId: h.id, userId: tessa, role: 'partner', addedBy: regie, statementConfirmedAt: new Date() });
      const decidedOn = addDays(start, HUISVERBOD_ADVICE_DAY);
      const until = extensionBounds(start).max;
      await tx
        .update(households)
        .set({
          huisverbodDecision: 'verlengd',
          huisverbodDecidedOn: decidedOn,
          huisverbodDecisionNote: 'Advies van Veilig Thuis gevolgd.',
          huisverbodDecisionRecordedBy: regie,
          huisverbodDecisionRecordedAt: at(decidedOn, 11),
          huisverbodExtendedUntil: until,
          huisverbodExtendedBy: 'Burgemeester',
          huisverbodExtendedAt: at(decidedOn, 11),
          huisverbodExtensionRecordedBy: regie,
        })
        .where(eq(households.id, h.id));
    }
    await seedDemoEvaluation(tx, regie);
  });
}

/** In the Jansen startoverleg: the jeugdzorg registration was not carried out by the partner. */
async function seedDemoEvaluation(tx: Tx, regie: string) {
  const [row] = await tx
    .select({ documentId: documents.id, actionId: actions.id, meetingAt: documents.meetingAt })
    .from(documents)
    .innerJoin(households, eq(households.id, documents.householdId))
    .innerJoin(actions, eq(actions.householdId, households.id))
    .where(and(eq(households.reference, 'HG-2026-0142'), eq(documents.kind, 'meeting'), eq(actions.title, 'Noah en Emma aanmelden bij jeugdzorg')));
  if (!row) return;
  await tx.insert(actionEvaluations).values({
    documentId: row.documentId,
    actionId: row.actionId,
    verdict: 'niet_gelukt',
    reason: 'niet_uitgevoerd_door_partner',
    note: 'De aanmelding is nog niet gedaan; jeugdzorg pakt het deze week op.',
    evaluatedBy: regie,
    updatedAt: row.meetingAt ?? new Date(),
  });
}
