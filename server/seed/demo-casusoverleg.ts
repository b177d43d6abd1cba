// The demo's regional casusoverleg: three days from now at 09:30 (Amsterdam time), chaired by the demo
// regievoerder, with the three households she directs on its agenda, twenty minutes each, and each household's
// minutes made as the agenda does. Partners see it with the items of their own households; the rest is
// "Besloten casus" (e.g. Peter Post of the politie sees HG-2025-0388 that way).
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { casusoverlegItems, casusoverleggen, documents, households, users } from '../db/schema.ts';
import { addDays, amsterdamDay } from '../../shared/huisverbod.ts';
import { amsterdamWallTimeToIso } from '../../shared/time.ts';

export const DEMO_CASUSOVERLEG_TITLE = 'Casusoverleg Rotterdam-Zuid';
const AGENDA = ['HG-2026-0142', 'HG-2026-0117', 'HG-2025-0388'];
const SLOT_MINUTES = 20;

export async function seedDemoCasusoverleg(db: Db, now: Date): Promise<void> {
  const [regie] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'regie@gemeente.test'));
  const rows = await db.select({ id: households.id, reference: households.reference }).from(households).where(inArray(households.reference, AGENDA));
  if (!regie || rows.length !== AGENDA.length) return;
  const startsAt = new Date(amsterdamWallTimeToIso(`${addDays(amsterdamDay(now), 3)}T09:30`));
  await db.transaction(async (tx) => {
    const [meeting] = await tx
      .insert(casusoverleggen)
      .values({
        title: DEMO_CASUSOVERLEG_TITLE,
        startsAt,
        place: 'Zorg- en Veiligheidshuis Rotterdam-Rijnmond, zaal 2',
        onlineLink: 'https://vergaderen.example.nl/zvh-zuid',
        chairId: regie.id,
        createdBy: regie.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: casusoverleggen.id });
    for (const [i, reference] of AGENDA.entries()) {
      const householdId = rows.find((r) => r.reference === reference)!.id;
      const slotStart = new Date(startsAt.getTime() + i * SLOT_MINUTES * 60_000);
      const [minutes] = await tx
        .insert(documents)
        .values({ householdId, kind: 'meeting', title: DEMO_CASUSOVERLEG_TITLE, meetingAt: slotStart, createdBy: regie.id })
        .returning({ id: documents.id });
      await tx.insert(casusoverlegItems).values({
        casusoverlegId: meeting!.id,
        householdId,
        documentId: minutes!.id,
        position: i + 1,
        slotStart,
        slotMinutes: SLOT_MINUTES,
        addedBy: regie.id,
      });
    }
  });
}
