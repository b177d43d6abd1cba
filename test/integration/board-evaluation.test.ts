import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { actions, auditLog, documents } from '../../server/db/schema.ts';
import { householdWithCast } from '../support/factories.ts';
import { createActionVia } from '../support/board.ts';
import { openSse } from '../support/sse.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
const db = () => server.database.db;
const DAY = 86_400_000;

async function meeting(householdId: string, at: Date, lockedAt: Date | null = null) {
  const [d] = await db().insert(documents).values({ householdId, kind: 'meeting', title: `Casusoverleg ${at.toISOString()}`, meetingAt: at, lockedAt }).returning();
  return d!;
}

describe('casusoverleg evaluation block', () => {
  it('lists the actions open since the previous casusoverleg, and saves a verdict live and audited', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const now = Date.now();
    const previous = await meeting(household.id, new Date(now - 14 * DAY));
    const current = await meeting(household.id, new Date(now + DAY));
    const open = await createActionVia(api.regie, household.id, { title: 'Nog open' });
    const doneRecently = await createActionVia(api.regie, household.id, { title: 'Net afgerond' });
    await api.regie.post(`/api/actions/${doneRecently.id}/complete`, { note: 'ok' });
    const doneLongAgo = await createActionVia(api.regie, household.id, { title: 'Lang geleden afgerond' });
    await api.regie.post(`/api/actions/${doneLongAgo.id}/complete`, { note: 'ok' });
    await db().update(actions).set({ completedAt: new Date(now - 20 * DAY) }).where(eq(actions.id, doneLongAgo.id));

    const block = await api.partner.get(`/api/households/${household.id}/evaluation?documentId=${current.id}`);
    expect(block.status).toBe(200);
    expect(block.body.previousMeetingAt).toBe(previous.meetingAt!.toISOString());
    expect(block.body.items.map((i: any) => i.action.title)).toEqual(['Nog open', 'Net afgerond']);
    expect(block.body.items.every((i: any) => i.evaluation === null)).toBe(true);

    const sse = await openSse(`${server.url}/api/households/${household.id}/events`, { cookie: api.observer.cookie! });
    await sse.next((m) => m.event === 'ready');
    const saved = await api.partner.put(`/api/documents/${current.id}/evaluations`, { actionId: open.id, verdict: 'loopt', note: 'Intake gepland' });
    expect(saved.status).toBe(200);
    expect(saved.body.evaluation).toMatchObject({ actionId: open.id, verdict: 'loopt', note: 'Intake gepland', evaluatedBy: { id: users.partner.id } });
    const live = await sse.next();
    expect(live.event).toBe('evaluation.updated');
    expect(live.json().payload).toMatchObject({ documentId: current.id, evaluation: { actionId: open.id, verdict: 'loopt' } });
    sse.close();
    const changed = await api.regie.put(`/api/documents/${current.id}/evaluations`, { actionId: open.id, verdict: 'niet_gelukt', note: '' });
    expect(changed.body.evaluation.verdict).toBe('niet_gelukt');
    const again = await api.partner.get(`/api/households/${household.id}/evaluation?documentId=${current.id}`);
    expect(again.body.items[0].evaluation).toMatchObject({ verdict: 'niet_gelukt', evaluatedBy: { id: users.regie.id } });
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.householdId, household.id), eq(auditLog.event, 'meeting.evaluation')));
    expect(audits).toHaveLength(2);
  });

  it('refuses observers (403), outsiders (404), locked minutes (409) and actions of other households (400)', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const other = await householdWithCast(db(), server.url);
    const doc = await meeting(household.id, new Date());
    const locked = await meeting(household.id, new Date(Date.now() - DAY), new Date());
    const a = await createActionVia(api.regie, household.id);
    const foreign = await createActionVia(other.api.regie, other.household.id);
    const body = { actionId: a.id, verdict: 'afgerond', note: '' };
    expect((await api.observer.put(`/api/documents/${doc.id}/evaluations`, body)).status).toBe(403);
    expect((await api.outsider.put(`/api/documents/${doc.id}/evaluations`, body)).status).toBe(404);
    expect((await api.outsider.get(`/api/households/${household.id}/evaluation?documentId=${doc.id}`)).status).toBe(404);
    expect((await api.partner.put(`/api/documents/${locked.id}/evaluations`, body)).body.error.code).toBe('DOCUMENT_LOCKED');
    expect((await api.partner.put(`/api/documents/${doc.id}/evaluations`, { ...body, actionId: foreign.id })).body.error.code).toBe('UNKNOWN_ACTION');
    expect((await api.partner.put(`/api/documents/${doc.id}/evaluations`, { ...body, verdict: 'misschien' })).status).toBe(400);
  });
});
