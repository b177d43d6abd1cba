// Casusoverleg test helpers: plan one through the API, put households on its agenda, and plan one straight into
// the database (for a chair who directs nothing).
import type { Db } from '../../server/db/client.ts';
import { casusoverlegItems, casusoverleggen, documents } from '../../server/db/schema.ts';
import type { ApiClient } from './client.ts';

export const inDays = (days: number, hour = 10) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

/** The casusoverleg as a test reads it (loosely typed: the tests check the shape themselves). */
export type CasusoverlegJson = { id: string; items: { id: string; [k: string]: any }[]; [k: string]: any };

export async function planVia(api: ApiClient, body: Record<string, unknown> = {}) {
  const res = await api.post('/api/casusoverleggen', { title: 'Casusoverleg Zuid', startsAt: inDays(3), place: 'Zorg- en Veiligheidshuis, zaal 2', ...body });
  if (res.status !== 201) throw new Error(`plan failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.casusoverleg as CasusoverlegJson;
}

export async function addToAgenda(api: ApiClient, casusoverlegId: string, householdId: string, body: Record<string, unknown> = {}) {
  const res = await api.post(`/api/casusoverleggen/${casusoverlegId}/agenda`, { householdId, ...body });
  if (res.status !== 201) throw new Error(`add to agenda failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.casusoverleg as CasusoverlegJson;
}

/** A casusoverleg with an empty agenda, chaired and planned by `chairId` (no regievoerder needed). */
export async function insertCasusoverleg(db: Db, chairId: string) {
  const [row] = await db
    .insert(casusoverleggen)
    .values({ title: 'Casusoverleg', startsAt: new Date(inDays(2)), place: 'Zaal 1', chairId, createdBy: chairId })
    .returning();
  return row!;
}

/** A household on a casusoverleg's agenda with its minutes, straight into the database. */
export async function insertAgendaItem(db: Db, casusoverlegId: string, householdId: string) {
  const slotStart = new Date(inDays(2));
  const [doc] = await db.insert(documents).values({ householdId, kind: 'meeting', title: 'Casusoverleg', meetingAt: slotStart }).returning();
  const [item] = await db
    .insert(casusoverlegItems)
    .values({ casusoverlegId, householdId, documentId: doc!.id, position: 1, slotStart, slotMinutes: 20 })
    .returning();
  return item!;
}
