// Retention and destruction: a closed household past its retention period goes on the vernietigingslijst
// (the job marks it once); the functioneel beheerder's confirmation deletes every row of it except the
// destruction record and the audit rows, which are pseudonymised by the database; live channels close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import {
  actionEvaluations,
  actionEvents,
  actions,
  auditLog,
  casusoverlegItems,
  docSnapshots,
  docUpdates,
  docVersions,
  documents,
  householdDestructions,
  householdEvents,
  householdPersons,
  households,
  meetingAttendance,
  participations,
  phaseChanges,
  scheduledJobs,
} from '../../server/db/schema.ts';
import { householdWithCast } from '../support/factories.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { createActionVia } from '../support/board.ts';
import { addToAgenda, planVia } from '../support/casusoverleg.ts';
import { appendParagraph, connectClient, rawSocket, waitFor, type CollabClient } from '../support/collab.ts';
import { openSse } from '../support/sse.ts';
import { getScheduler } from '../../server/retention/module.ts';
import { getCollab } from '../../server/documents/module.ts';
import { CloseCode } from '../../shared/limits.ts';

let server: TestServer;
const clients: CollabClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
});

const db = () => server.database.db;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Closes the household and moves its retention end into the past, as if the years had gone by. */
async function closeAndExpire(api: { post: (p: string, b?: unknown) => Promise<{ status: number }> }, householdId: string) {
  expect((await api.post(`/api/households/${householdId}/close`, { reason: 'anders', note: 'Gezin Jansen verhuisd naar Spanje' })).status).toBe(200);
  await db()
    .update(households)
    .set({ retentionEndsAt: new Date(Date.now() - 86_400_000) })
    .where(eq(households.id, householdId));
}

/** Runs the retention job now (its row made due first: other tests may have run it within the hour). */
async function runRetentionJob() {
  await db()
    .update(scheduledJobs)
    .set({ nextRunAt: new Date(0) })
    .where(eq(scheduledJobs.name, 'retention'));
  return getScheduler(server.deps).tick();
}

describe('retention and destruction', () => {
  it('the job puts a closed household past its retention on the vernietigingslijst once; an open or recent one stays off', async () => {
    const expired = await householdWithCast(db(), server.url);
    const recent = await householdWithCast(db(), server.url);
    await closeAndExpire(expired.api.regie, expired.household.id);
    await recent.api.regie.post(`/api/households/${recent.household.id}/close`, { reason: 'doelen_bereikt' });
    await runRetentionJob();
    await runRetentionJob();
    const list = await expired.api.admin.get('/api/admin/destruction-list');
    expect(list.status).toBe(200);
    const ids = list.body.entries.map((e: { householdId: string }) => e.householdId);
    expect(ids).toContain(expired.household.id);
    expect(ids).not.toContain(recent.household.id);
    const marks = await db().select().from(auditLog).where(eq(auditLog.householdId, expired.household.id));
    expect(marks.filter((r) => r.event === 'household.retention_expired')).toHaveLength(1);
    expect((await expired.api.regie.get('/api/admin/destruction-list')).status).toBe(403);
  });

  it('confirmation deletes every row of the household but the destruction record and the pseudonymised audit rows', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const hid = household.id;
    // Fill every table: plan edits, a meeting with attendance, a version, actions with history and an evaluation, persons.
    const [plan] = await db().select().from(documents).where(eq(documents.householdId, hid));
    const editor = connectClient(server.url, api.partner, plan!.id);
    clients.push(editor);
    await editor.synced();
    appendParagraph(editor.fragment, 'Moeder (Anna Jansen) wil hulp bij schulden');
    await waitFor(async () => (await db().select().from(docUpdates).where(eq(docUpdates.documentId, plan!.id))).length > 1, 'plan edit written');
    await getCollab(server.deps).compact(plan!.id);
    editor.destroy();
    const meeting = (
      await api.regie.post(`/api/households/${hid}/meetings`, { title: 'Casusoverleg Jansen', meetingAt: new Date(Date.now() - 3_600_000).toISOString() })
    ).body.document;
    await api.regie.put(`/api/documents/${meeting.id}/attendance`, { userId: users.partner.id, present: true });
    await api.partner.post(`/api/documents/${plan!.id}/versions`, { name: 'Versie Jansen' });
    const action = await createActionVia(api.partner, hid, { title: 'Gesprek met Anna Jansen', details: 'Over de kinderen' });
    await api.partner.post(`/api/actions/${action.id}/claim`);
    await api.partner.put(`/api/documents/${meeting.id}/evaluations`, { actionId: action.id, verdict: 'loopt', note: 'Anna is bereikbaar' });
    await api.regie.post(`/api/households/${hid}/persons`, { role: 'kind', label: 'Bram Jansen', notes: 'Zit op De Regenboog' });
    await api.regie.post(`/api/households/${hid}/phase`, { phase: 'stabiele_veiligheid', reason: 'Anna woont veilig bij haar zus' });
    await api.partner.get(`/api/households/${hid}`);
    // On the agenda of a regional casusoverleg (which stays: it is not the household's).
    const casusoverleg = await addToAgenda(api.regie, (await planVia(api.regie)).id, hid);

    await closeAndExpire(api.regie, hid);
    // Not yet listed: the confirmation is refused until the job has put it on the list.
    expect((await api.admin.post(`/api/admin/destruction-list/${hid}/confirm`)).status).toBe(404);
    await runRetentionJob();
    expect((await api.regie.post(`/api/admin/destruction-list/${hid}/confirm`)).status).toBe(403);
    const confirmed = await api.admin.post(`/api/admin/destruction-list/${hid}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.destroyed).toMatchObject({ householdId: hid, reference: household.reference, confirmedBy: users.admin.id });

    const docIds = [plan!.id, meeting.id, casusoverleg.items[0]!.documentId];
    const count = async (rows: Promise<unknown[]>) => (await rows).length;
    expect({
      households: await count(db().select().from(households).where(eq(households.id, hid))),
      persons: await count(db().select().from(householdPersons).where(eq(householdPersons.householdId, hid))),
      participations: await count(db().select().from(participations).where(eq(participations.householdId, hid))),
      phaseChanges: await count(db().select().from(phaseChanges).where(eq(phaseChanges.householdId, hid))),
      documents: await count(db().select().from(documents).where(eq(documents.householdId, hid))),
      docUpdates: await count(db().select().from(docUpdates).where(inArray(docUpdates.documentId, docIds))),
      docSnapshots: await count(db().select().from(docSnapshots).where(inArray(docSnapshots.documentId, docIds))),
      docVersions: await count(db().select().from(docVersions).where(inArray(docVersions.documentId, docIds))),
      attendance: await count(db().select().from(meetingAttendance).where(inArray(meetingAttendance.documentId, docIds))),
      actions: await count(db().select().from(actions).where(eq(actions.householdId, hid))),
      actionEvents: await count(db().select().from(actionEvents).where(eq(actionEvents.actionId, action.id))),
      evaluations: await count(db().select().from(actionEvaluations).where(eq(actionEvaluations.actionId, action.id))),
      events: await count(db().select().from(householdEvents).where(eq(householdEvents.householdId, hid))),
      agendaItems: await count(db().select().from(casusoverlegItems).where(eq(casusoverlegItems.householdId, hid))),
    }).toEqual({
      agendaItems: 0,
      households: 0,
      persons: 0,
      participations: 0,
      phaseChanges: 0,
      documents: 0,
      docUpdates: 0,
      docSnapshots: 0,
      docVersions: 0,
      attendance: 0,
      actions: 0,
      actionEvents: 0,
      evaluations: 0,
      events: 0,
    });

    const [record] = await db().select().from(householdDestructions).where(eq(householdDestructions.householdId, hid));
    expect(record).toMatchObject({ reference: household.reference, confirmedBy: users.admin.id });
    expect(Object.keys(record!).sort()).toEqual(['closedAt', 'confirmedBy', 'createdAt', 'destroyedAt', 'householdId', 'reference', 'retentionEndedAt']);

    // The audit rows stay (who, when, what kind) but no name, note or free text of the household remains.
    const rows = await db().select().from(auditLog).where(eq(auditLog.householdId, hid));
    expect(rows.map((r) => r.event)).toEqual(
      expect.arrayContaining(['household.view', 'household.close', 'household.phase', 'action.claim', 'document.version', 'household.destroy']),
    );
    const text = JSON.stringify(rows);
    for (const secret of ['Jansen', 'Anna', 'Regenboog', 'kinderen', 'Spanje', 'bereikbaar', household.displayName]) expect(text).not.toContain(secret);
    for (const r of rows.filter((r) => r.event !== 'household.destroy')) {
      expect(r.details).toMatchObject({ pseudonymised: true });
      expect(r.target === null || UUID.test(r.target)).toBe(true);
      // Who did it stays (the retention job is the system, not a user).
      if (r.event !== 'household.retention_expired') expect(r.userId).not.toBeNull();
    }
    expect(rows.find((r) => r.event === 'household.view' && r.userId === users.partner.id)).toBeTruthy();

    // Still append-only: without the destruction path, no row of it can be changed or removed.
    await expect(db().update(auditLog).set({ event: 'tampered' }).where(eq(auditLog.householdId, hid))).rejects.toThrow();
    await expect(db().delete(auditLog).where(eq(auditLog.householdId, hid))).rejects.toThrow();
    await expect(
      db().transaction(async (tx) => {
        await tx.execute(sql`select set_config('casustafel.pseudonymise_household', ${hid}, true)`);
        await tx.delete(auditLog).where(eq(auditLog.householdId, hid));
      }),
    ).rejects.toThrow();

    // The household is gone for everyone; the list shows the record instead.
    expect((await api.regie.get(`/api/households/${hid}`)).status).toBe(404);
    const list = (await api.admin.get('/api/admin/destruction-list')).body;
    expect(list.entries.map((e: { householdId: string }) => e.householdId)).not.toContain(hid);
    expect(list.destroyed.map((e: { householdId: string }) => e.householdId)).toContain(hid);
    expect((await api.admin.post(`/api/admin/destruction-list/${hid}/confirm`)).status).toBe(404);
  });

  it('the pseudonymisation path refuses a household that still exists', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    await api.regie.get(`/api/households/${household.id}`);
    await expect(
      db().transaction(async (tx) => {
        await tx.execute(sql`select set_config('casustafel.pseudonymise_household', ${household.id}, true)`);
        await tx.update(auditLog).set({ details: null }).where(eq(auditLog.householdId, household.id));
      }),
    ).rejects.toThrow();
  });

  it('open sockets close with 4404 and event streams end; the browser is told its offline copy is gone', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const [plan] = await db().select().from(documents).where(eq(documents.householdId, household.id));
    expect((await api.partner.post('/api/documents/readable', { ids: [plan!.id, crypto.randomUUID(), 'x'] })).body.readable).toEqual([plan!.id]);
    await closeAndExpire(api.regie, household.id);
    await runRetentionJob();
    const socket = rawSocket(server.url, api.partner.cookie, plan!.id);
    await socket.opened;
    await waitFor(() => socket.messages.length > 0, 'sync step 1');
    const stream = await openSse(`${server.url}/api/households/${household.id}/events`, { cookie: api.observer.cookie! });
    expect(stream.status).toBe(200);
    await stream.next((m) => m.event === 'ready');

    expect((await api.admin.post(`/api/admin/destruction-list/${household.id}/confirm`)).status).toBe(200);
    expect((await socket.closed).code).toBe(CloseCode.NotFound);
    await stream.next((m) => m.event === 'revoked');
    await stream.ended;
    expect((await api.partner.post('/api/documents/readable', { ids: [plan!.id] })).body.readable).toEqual([]);
    expect((await api.partner.get(`/api/documents/${plan!.id}`)).status).toBe(404);
  });
});
