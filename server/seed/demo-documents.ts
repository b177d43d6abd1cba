// Demo content beyond the empty templates: the Gezin Jansen plan van aanpak with its agreements as live
// action chips, and a first casusoverleg (yesterday, 14:00 Amsterdam time) with attendance marked. So the demo
// (and the browser tests' accessibility checks) show what a plan in use looks like.
import { and, eq, inArray } from 'drizzle-orm';
import type { JSONContent } from '@tiptap/core';
import type { Db } from '../db/client.ts';
import { actions, docUpdates, documents, households, meetingAttendance, participations, users } from '../db/schema.ts';
import { jsonToState } from '../documents/content.ts';
import { templateJSON } from '../documents/templates.ts';
import { addDays, amsterdamDay } from '../../shared/huisverbod.ts';
import { amsterdamWallTimeToIso } from '../../shared/time.ts';

const REFERENCE = 'HG-2026-0142';
const text = (t: string): JSONContent => ({ type: 'text', text: t });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });

export async function seedDemoDocuments(db: Db, now: Date): Promise<void> {
  const [household] = await db.select({ id: households.id }).from(households).where(eq(households.reference, REFERENCE));
  if (!household) return;
  const [plan] = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.householdId, household.id), eq(documents.kind, 'plan')));
  const agreed = await db
    .select({ id: actions.id, title: actions.title })
    .from(actions)
    .where(and(eq(actions.householdId, household.id), inArray(actions.status, ['open', 'claimed'])))
    .orderBy(actions.createdAt, actions.title);
  const [regie] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'regie@gemeente.test'));

  // The plan: the template, with the situation filled in and every open agreement as a chip under "Afspraken".
  const json = templateJSON('plan');
  const body = json.content!;
  const fill = (heading: string, ...paragraphs: JSONContent[]) => {
    const at = body.findIndex((n) => n.type === 'heading' && n.content?.[0]?.text === heading);
    if (at >= 0) body.splice(at + 1, 1, ...paragraphs);
  };
  fill(
    'Aanleiding en signalen',
    paragraph(
      text('Na een melding van huiselijk geweld heeft de burgemeester Mark een huisverbod van tien dagen opgelegd. Sandra en de kinderen wonen in de woning.'),
    ),
  );
  fill('Directe veiligheid', paragraph(text('Geen contact tussen Mark en Sandra tijdens het huisverbod. Oma J. kan de kinderen opvangen.')));
  fill('Afspraken', ...agreed.map((a) => paragraph({ type: 'actionRef', attrs: { actionId: a.id, title: a.title } })));
  if (plan) await db.insert(docUpdates).values({ documentId: plan.id, data: jsonToState(json), updateCount: 1 });

  // A first casusoverleg, yesterday at 14:00 in Amsterdam, with attendance of the regievoerder and two partners.
  const yesterday = addDays(amsterdamDay(now), -1);
  const [meeting] = await db
    .insert(documents)
    .values({
      householdId: household.id,
      kind: 'meeting',
      title: 'Startoverleg',
      meetingAt: new Date(amsterdamWallTimeToIso(`${yesterday}T14:00`)),
      createdBy: regie?.id ?? null,
    })
    .returning({ id: documents.id });
  const members = await db
    .select({ userId: participations.userId, email: users.email })
    .from(participations)
    .innerJoin(users, eq(users.id, participations.userId))
    .where(and(eq(participations.householdId, household.id), eq(participations.level, 'volledig')));
  const present = new Set(['regie@gemeente.test', 'politie@politie.test', 'mw@maatschappelijkwerk.test']);
  const absent = new Set(['vz@verslavingszorg.test']);
  const marks = members
    .filter((m) => present.has(m.email) || absent.has(m.email))
    .map((m) => ({ documentId: meeting!.id, userId: m.userId, present: present.has(m.email), updatedAt: now }));
  if (marks.length) await db.insert(meetingAttendance).values(marks);
}
