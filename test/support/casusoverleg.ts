// Casusoverleg test helpers: plan one through the API, put households on its agenda, and plan one straight into
// the database (for a chair who directs nothing).
import type { Db } from '../../server/db/client.ts';
import { casusoverleggen } from '../../server/db/schema.ts';
import type { ApiClient } from './client.ts';

export const inDays = (days: number, hour = 10) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

export async function planVia(api: ApiClient, body: Record<string, unknown> = {}) {
  const res = await api.post('/api/casusoverleggen', { title: 'Casusoverleg Zuid', startsAt: inDays(3), place: 'Zorg- en Veiligheidshuis, zaal 2', ...body });
  if (res.status !== 201) throw new Error(`plan failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.casusoverleg as { id: string; items: { id: string }[]; [k: string]: any };
}

export async function addToAgenda(api: ApiClient, casusoverlegId: string, householdId: string, body: Record<string, unknown> = {}) {
  const res = await api.post(`/api/casusoverleggen/${casusoverlegId}/agenda`, { householdId, ...body });
  if (res.status !== 201) throw new Error(`add to agenda failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.casusoverleg as { id: string; items: { id: string; [k: string]: any }[]; [k: string]: any };
}

/** A casusoverleg with an empty agenda, chaired and planned by `chairId` (no regievoerder needed). */
export async function insertCasusoverleg(db: Db, chairId: string) {
  const [row] = await db.insert(casusoverleggen).values({ title: 'Casusoverleg', startsAt: new Date(inDays(2)), place: 'Zaal 1', chairId, createdBy: chairId }).returning();
  return row!;
}
