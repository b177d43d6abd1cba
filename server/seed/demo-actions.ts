// Demo board actions for the demo households: open, claimed, overdue and done ones, owned by the demo
// organisations, each with its history. Dates are relative to `now`, so the demo always has work due.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { actionEvents, actions, households, organizations, users } from '../db/schema.ts';
import { addDays, amsterdamDay } from '../../shared/huisverbod.ts';

interface DemoAction {
  household: string;
  title: string;
  details?: string;
  owner: string | null;
  due: number | null;
  claimedBy?: string;
  done?: { by: string; note: string };
}

const DEMO_ACTIONS: DemoAction[] = [
  {
    household: 'HG-2026-0142',
    title: 'Veiligheidsplan opstellen met Sandra',
    owner: 'Maatschappelijk Werk Rotterdam',
    due: 4,
    claimedBy: 'mw@maatschappelijkwerk.test',
  },
  {
    household: 'HG-2026-0142',
    title: 'Intake Mark bij verslavingszorg',
    details: 'Mark verblijft bij zijn broer; bereikbaar via telefoon.',
    owner: 'Verslavingszorg Rijnmond',
    due: 2,
  },
  { household: 'HG-2026-0142', title: 'Noah en Emma aanmelden bij jeugdzorg', owner: 'Jeugdzorg Rijnmond', due: -1 },
  { household: 'HG-2026-0142', title: 'Oma J. betrekken bij opvang van de kinderen', owner: null, due: null },
  {
    household: 'HG-2026-0142',
    title: 'Proces-verbaal huisverbod delen met de partners',
    owner: 'Politie Rotterdam',
    due: -2,
    claimedBy: 'politie@politie.test',
    done: { by: 'politie@politie.test', note: 'Gedeeld via beveiligde mail.' },
  },
  {
    household: 'HG-2026-0117',
    title: 'Voortgang behandeling Y. terugkoppelen',
    owner: 'Verslavingszorg Rijnmond',
    due: -3,
    claimedBy: 'vz@verslavingszorg.test',
  },
  { household: 'HG-2026-0117', title: 'Evaluatie veiligheidsplan met F.', owner: 'Maatschappelijk Werk Rotterdam', due: 6 },
  // Jeugdzorg takes part here at the level `afspraken`: this is the one action it sees.
  { household: 'HG-2026-0117', title: 'Opvoedondersteuning bespreken met de zus van F.', owner: 'Jeugdzorg Rijnmond', due: 5 },
  {
    household: 'HG-2025-0388',
    title: 'Omgangsregeling Lotte afstemmen met beide ouders',
    owner: 'Jeugdzorg Rijnmond',
    due: 10,
    claimedBy: 'jeugd@jeugdzorg.test',
  },
  {
    household: 'HG-2025-0388',
    title: 'Nazorggesprek met Anouk',
    owner: 'Maatschappelijk Werk Rotterdam',
    due: -7,
    claimedBy: 'mw@maatschappelijkwerk.test',
    done: { by: 'mw@maatschappelijkwerk.test', note: 'Gesprek gevoerd; Anouk voelt zich veilig.' },
  },
];

export async function seedDemoActions(db: Db, now: Date): Promise<void> {
  const today = amsterdamDay(now);
  const hh = await db
    .select({ id: households.id, reference: households.reference })
    .from(households)
    .where(inArray(households.reference, [...new Set(DEMO_ACTIONS.map((a) => a.household))]));
  const orgs = await db.select({ id: organizations.id, name: organizations.name }).from(organizations);
  const people = await db.select({ id: users.id, email: users.email }).from(users);
  const [regie] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'regie@gemeente.test'));
  const householdId = (ref: string) => hh.find((h) => h.reference === ref)?.id;
  const orgId = (name: string | null) => (name ? (orgs.find((o) => o.name === name)?.id ?? null) : null);
  const userId = (email: string | undefined) => (email ? (people.find((u) => u.email === email)?.id ?? null) : null);
  const created = new Date(now.getTime() - 2 * 86_400_000);
  await db.transaction(async (tx) => {
    for (const a of DEMO_ACTIONS) {
      const hid = householdId(a.household);
      if (!hid) continue;
      const claimer = userId(a.claimedBy);
      const finisher = userId(a.done?.by);
      const [row] = await tx
        .insert(actions)
        .values({
          householdId: hid,
          title: a.title,
          details: a.details ?? '',
          ownerOrganizationId: orgId(a.owner),
          dueDate: a.due === null ? null : addDays(today, a.due),
          status: a.done ? 'done' : claimer ? 'claimed' : 'open',
          claimedBy: claimer,
          claimedAt: claimer ? new Date(created.getTime() + 3_600_000) : null,
          completedBy: finisher,
          completedAt: finisher ? new Date(created.getTime() + 86_400_000) : null,
          completionNote: a.done?.note ?? null,
          version: 1 + (claimer ? 1 : 0) + (finisher ? 1 : 0),
          createdBy: regie?.id ?? null,
          createdAt: created,
          updatedAt: created,
        })
        .returning();
      const history: (typeof actionEvents.$inferInsert)[] = [
        { actionId: row!.id, userId: regie?.id ?? null, kind: 'created', changes: { title: [null, a.title] }, createdAt: created },
      ];
      if (claimer)
        history.push({
          actionId: row!.id,
          userId: claimer,
          kind: 'claimed',
          changes: { status: ['open', 'claimed'], claimedBy: [null, claimer] },
          createdAt: row!.claimedAt!,
        });
      if (finisher)
        history.push({
          actionId: row!.id,
          userId: finisher,
          kind: 'completed',
          changes: { status: ['claimed', 'done'], completedBy: [null, finisher], completionNote: [null, a.done!.note] },
          createdAt: row!.completedAt!,
        });
      await tx.insert(actionEvents).values(history);
    }
  });
}
