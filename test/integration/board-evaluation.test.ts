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
  const [d] = await db()
    .insert(documents)
    .values({ householdId, kind: 'meeting', title: `Casusoverleg ${at.toISOString()}`, meetingAt: at, lockedAt })
    .returning();
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
    await db()
      .update(actions)
      .set({ completedAt: new Date(now - 20 * DAY) })
      .where(eq(actions.id, doneLongAgo.id));

    const block = await api.partner.get(`/api/households/${household.id}/evaluation?documentId=${current.id}`);
    expect(block.status).toBe(200);
    expect(block.body.previousMeetingAt).toBe(previous.meetingAt!.toISOString());
    expect(block.body.items.map((i: any) => i.action.title)).toEqual(['Nog open', 'Net afgerond']);
    expect(block.body.items.every((i: any) => i.evaluation === null)).toBe(true);

    const sse = await openSse(`${server.url}/api/households/${household.id}/events`, { cookie: api.observer.cookie! });
    await sse.next((m) => m.event === 'ready');
    const saved = await api.partner.put(`/api/documents/${current.id}/evaluations`, {
      actionId: open.id,
      verdict: 'loopt',
      note: 'Intake gepland',
      version: 0,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.evaluation).toMatchObject({
      actionId: open.id,
      verdict: 'loopt',
      note: 'Intake gepland',
      evaluatedBy: { id: users.partner.id },
      version: 1,
    });
    const live = await sse.next();
    expect(live.event).toBe('evaluation.updated');
    expect(live.json().payload).toMatchObject({ documentId: current.id, evaluation: { actionId: open.id, verdict: 'loopt' } });
    sse.close();
    const changed = await api.regie.put(`/api/documents/${current.id}/evaluations`, {
      actionId: open.id,
      verdict: 'niet_gelukt',
      reason: 'omstandigheden_gewijzigd',
      note: 'Mark is verhuisd',
      version: 1,
    });
    expect(changed.body.evaluation).toMatchObject({ verdict: 'niet_gelukt', reason: 'omstandigheden_gewijzigd' });
    const again = await api.partner.get(`/api/households/${household.id}/evaluation?documentId=${current.id}`);
    expect(again.body.items[0].evaluation).toMatchObject({ verdict: 'niet_gelukt', evaluatedBy: { id: users.regie.id } });
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, household.id), eq(auditLog.event, 'meeting.evaluation')));
    expect(audits).toHaveLength(2);
  });

  it('refuses observers (403), outsiders (404), locked minutes (409) and actions of other households (400)', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const other = await householdWithCast(db(), server.url);
    const doc = await meeting(household.id, new Date());
    const locked = await meeting(household.id, new Date(Date.now() - DAY), new Date());
    const a = await createActionVia(api.regie, household.id);
    const foreign = await createActionVia(other.api.regie, other.household.id);
    const body = { actionId: a.id, verdict: 'afgerond', note: '', version: 0 };
    expect((await api.observer.put(`/api/documents/${doc.id}/evaluations`, body)).status).toBe(403);
    expect((await api.outsider.put(`/api/documents/${doc.id}/evaluations`, body)).status).toBe(404);
    expect((await api.outsider.get(`/api/households/${household.id}/evaluation?documentId=${doc.id}`)).status).toBe(404);
    expect((await api.partner.put(`/api/documents/${locked.id}/evaluations`, body)).body.error.code).toBe('DOCUMENT_LOCKED');
    expect((await api.partner.put(`/api/documents/${doc.id}/evaluations`, { ...body, actionId: foreign.id })).body.error.code).toBe('UNKNOWN_ACTION');
    expect((await api.partner.put(`/api/documents/${doc.id}/evaluations`, { ...body, verdict: 'misschien' })).status).toBe(400);
  });

  it('two people saving the same evaluation at once: one wins, the other gets 409 STALE_VERSION with the current one, in Dutch', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const doc = await meeting(household.id, new Date(Date.now() + DAY));
    const a = await createActionVia(api.regie, household.id, { title: 'Samen evalueren' });
    const url = `/api/documents/${doc.id}/evaluations`;
    // Both start from "no evaluation yet" and save at the same time.
    const [p, r] = await Promise.all([
      api.partner.put(url, { actionId: a.id, verdict: 'loopt', note: 'Partner: loopt nog', version: 0 }),
      api.regie.put(url, { actionId: a.id, verdict: 'afgerond', note: 'Regie: klaar', version: 0 }),
    ]);
    expect([p.status, r.status].sort()).toEqual([200, 409]);
    const [winner, loser] = p.status === 200 ? [p, r] : [r, p];
    expect(loser.body.error.code).toBe('STALE_VERSION');
    expect(loser.body.error.message).toMatch(/heeft deze evaluatie intussen gewijzigd/);
    expect(loser.body.error.current).toMatchObject({ verdict: winner.body.evaluation.verdict, note: winner.body.evaluation.note, version: 1 });
    // A save based on the version one saw wins; a later one based on that same old version is refused.
    const next = await api.partner.put(url, { actionId: a.id, verdict: 'niet_gelukt', reason: 'omstandigheden_gewijzigd', note: 'Toch niet', version: 1 });
    expect(next.status).toBe(200);
    expect(next.body.evaluation).toMatchObject({ version: 2, evaluatedBy: { id: users.partner.id } });
    const stale = await api.regie.put(url, { actionId: a.id, verdict: 'vervalt', note: '', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain(users.partner.name);
    expect(stale.body.error.current).toMatchObject({ verdict: 'niet_gelukt', note: 'Toch niet', version: 2 });
    const block = await api.regie.get(`/api/households/${household.id}/evaluation?documentId=${doc.id}`);
    expect(block.body.items[0].evaluation).toMatchObject({ verdict: 'niet_gelukt', note: 'Toch niet', version: 2 });
    // A save without the version it was based on is refused outright.
    expect((await api.regie.put(url, { actionId: a.id, verdict: 'vervalt', note: '' })).status).toBe(400);
  });
});
