// Closing a case: only the regievoerder, with a reason; then read-only for everyone on every write path
// (HTTP and the document socket), out of the working lists, with its retention date; reopening with a
// reason within the retention period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, documents, households } from '../../server/db/schema.ts';
import { householdWithCast } from '../support/factories.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { createActionVia } from '../support/board.ts';
import { appendParagraph, bodyText, connectClient, waitFor, type CollabClient } from '../support/collab.ts';

let server: TestServer;
const clients: CollabClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
});

const planOf = async (householdId: string) =>
  (
    await server.database.db
      .select()
      .from(documents)
      .where(and(eq(documents.householdId, householdId), eq(documents.kind, 'plan')))
  )[0]!;

describe('closing a case', () => {
  it('only the regievoerder closes, with a reason from the list (anders needs a note); it is audited with the retention date', async () => {
    const { household, api } = await householdWithCast(server.database.db, server.url);
    const path = `/api/households/${household.id}/close`;
    expect((await api.partner.post(path, { reason: 'doelen_bereikt' })).status).toBe(403);
    expect((await api.admin.post(path, { reason: 'doelen_bereikt' })).status).toBe(404);
    expect((await api.regie.post(path, { reason: 'klaar' })).status).toBe(400);
    expect((await api.regie.post(path, { reason: 'anders', note: '' })).body.error.code).toBe('VALIDATION_FAILED');
    const res = await api.regie.post(path, { reason: 'anders', note: 'Gezin vertrokken naar het buitenland' });
    expect(res.status).toBe(200);
    const closure = res.body.household.closure;
    expect(res.body.household.status).toBe('closed');
    expect(closure).toMatchObject({ reason: 'anders', note: 'Gezin vertrokken naar het buitenland' });
    // Default retention: 60 months after closing.
    const closedAt = new Date(closure.closedAt);
    const ends = new Date(closure.retentionEndsAt);
    expect(ends.getUTCFullYear() - closedAt.getUTCFullYear()).toBe(5);
    expect(ends.getUTCMonth()).toBe(closedAt.getUTCMonth());
    expect((await api.regie.post(path, { reason: 'doelen_bereikt' })).status).toBe(409);
    const [row] = await server.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, household.id), eq(auditLog.event, 'household.close')));
    expect(row).toMatchObject({ target: 'anders', details: { reason: 'anders', note: 'Gezin vertrokken naar het buitenland' } });
  });

  it('a closed household is read-only for everyone on every write route (409 HOUSEHOLD_CLOSED), and still readable', async () => {
    const { household, api, users } = await householdWithCast(server.database.db, server.url);
    const action = await createActionVia(api.partner, household.id);
    const meeting = await api.regie.post(`/api/households/${household.id}/meetings`, {
      title: 'Casusoverleg',
      meetingAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const plan = await planOf(household.id);
    expect((await api.regie.post(`/api/households/${household.id}/close`, { reason: 'doelen_bereikt' })).status).toBe(200);

    const id = household.id;
    const attempts: [string, () => Promise<{ status: number; body: any }>][] = [
      ['update', () => api.regie.patch(`/api/households/${id}`, { displayName: 'Nieuwe naam' })],
      [
        'grondslag',
        () =>
          api.regie.put(`/api/households/${id}/grondslag`, {
            grondslag: 'toestemming',
            referringOrganizationId: users.partner.organizationId,
            reason: 'wijziging',
          }),
      ],
      ['phase', () => api.regie.post(`/api/households/${id}/phase`, { phase: 'stabiele_veiligheid', reason: 'stabiel' })],
      ['person', () => api.regie.post(`/api/households/${id}/persons`, { role: 'kind', label: 'K.' })],
      ['participant', () => api.regie.post(`/api/households/${id}/participants`, { userId: users.outsider.id, role: 'partner' })],
      ['participant by admin', () => api.admin.post(`/api/households/${id}/participants`, { userId: users.outsider.id, role: 'partner' })],
      ['meeting', () => api.regie.post(`/api/households/${id}/meetings`, { title: 'Nog een', meetingAt: new Date().toISOString() })],
      ['new action', () => api.partner.post(`/api/households/${id}/actions`, { title: 'Te laat' })],
      ['claim', () => api.partner.post(`/api/actions/${action.id}/claim`)],
      ['complete', () => api.regie.post(`/api/actions/${action.id}/complete`, { note: '' })],
      ['cancel', () => api.regie.post(`/api/actions/${action.id}/cancel`)],
      ['version', () => api.partner.post(`/api/documents/${plan.id}/versions`, { name: 'Versie na sluiten' })],
      ['establish', () => api.regie.post(`/api/documents/${meeting.body.document.id}/establish`, {})],
      ['attendance', () => api.regie.put(`/api/documents/${meeting.body.document.id}/attendance`, { userId: users.partner.id, present: true })],
    ];
    for (const [what, attempt] of attempts) {
      const res = await attempt();
      expect({ what, status: res.status, code: res.body?.error?.code }).toEqual({ what, status: 409, code: 'HOUSEHOLD_CLOSED' });
    }
    // Reading stays possible for participants.
    expect((await api.partner.get(`/api/households/${id}`)).status).toBe(200);
    expect((await api.observer.get(`/api/households/${id}/actions`)).status).toBe(200);
    expect((await api.partner.get(`/api/documents/${plan.id}/content`)).status).toBe(200);
  });

  it('the document socket of a closed household ignores edits, also of a socket that was open when it closed', async () => {
    const { household, api } = await householdWithCast(server.database.db, server.url);
    const plan = await planOf(household.id);
    const before = connectClient(server.url, api.partner, plan.id);
    clients.push(before);
    await before.synced();
    appendParagraph(before.fragment, 'voor het sluiten');
    const watcher = connectClient(server.url, api.observer, plan.id);
    clients.push(watcher);
    await watcher.synced();
    await waitFor(() => bodyText(watcher.fragment).includes('voor het sluiten'), 'edit before closing');

    expect((await api.regie.post(`/api/households/${household.id}/close`, { reason: 'verhuisd' })).status).toBe(200);
    appendParagraph(before.fragment, 'na het sluiten (open socket)');
    const after = connectClient(server.url, api.regie, plan.id);
    clients.push(after);
    await after.synced();
    appendParagraph(after.fragment, 'na het sluiten (nieuwe socket)');
    // A third client syncing from the server sees only the text from before closing.
    const reader = connectClient(server.url, api.observer, plan.id);
    clients.push(reader);
    await reader.synced();
    await getScheduledFlush();
    const content = await api.partner.get(`/api/documents/${plan.id}/content`);
    expect(content.body.html).toContain('voor het sluiten');
    expect(content.body.html).not.toContain('na het sluiten');
    expect(bodyText(reader.fragment)).not.toContain('na het sluiten');
    expect(bodyText(watcher.fragment)).not.toContain('na het sluiten');
  });

  it('a closed household leaves the overview; Mijn casussen lists it as closed', async () => {
    const { household, api } = await householdWithCast(server.database.db, server.url);
    await createActionVia(api.partner, household.id);
    const ids = async () => (await api.regie.get('/api/overview')).body.households.map((h: { householdId: string }) => h.householdId);
    expect(await ids()).toContain(household.id);
    await api.regie.post(`/api/households/${household.id}/close`, { reason: 'doelen_bereikt' });
    expect(await ids()).not.toContain(household.id);
    const overview = (await api.regie.get('/api/overview')).body;
    expect(overview.actions.open.map((a: { householdId: string }) => a.householdId)).not.toContain(household.id);
    const mine = (await api.regie.get('/api/households')).body.households.find((h: { id: string }) => h.id === household.id);
    expect(mine).toMatchObject({ status: 'closed', closure: { reason: 'doelen_bereikt' } });
  });

  it('the regievoerder reopens with a reason within the retention period, not after it', async () => {
    const { household, api } = await householdWithCast(server.database.db, server.url);
    await api.regie.post(`/api/households/${household.id}/close`, { reason: 'doelen_bereikt' });
    expect((await api.partner.post(`/api/households/${household.id}/reopen`, { reason: 'Nieuwe melding' })).status).toBe(403);
    expect((await api.regie.post(`/api/households/${household.id}/reopen`, {})).status).toBe(400);
    const reopened = await api.regie.post(`/api/households/${household.id}/reopen`, { reason: 'Nieuwe melding van Veilig Thuis' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.household).toMatchObject({ status: 'open', closure: null });
    expect((await api.partner.post(`/api/households/${household.id}/actions`, { title: 'Weer aan de slag' })).status).toBe(201);
    const [row] = await server.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, household.id), eq(auditLog.event, 'household.reopen')));
    expect(row!.details).toMatchObject({ reason: 'Nieuwe melding van Veilig Thuis' });

    await api.regie.post(`/api/households/${household.id}/close`, { reason: 'doelen_bereikt' });
    await server.database.db
      .update(households)
      .set({ retentionEndsAt: new Date(Date.now() - 86_400_000) })
      .where(eq(households.id, household.id));
    const late = await api.regie.post(`/api/households/${household.id}/reopen`, { reason: 'Te laat' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('RETENTION_ENDED');
  });
});

/** Waits until every pending document update of this server is written (the batch window is 250 ms). */
async function getScheduledFlush() {
  const { getCollab } = await import('../../server/documents/module.ts');
  await getCollab(server.deps).flush();
}
