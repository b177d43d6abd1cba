import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, documents, participations } from '../../server/db/schema.ts';
import { ApiClient } from '../support/client.ts';
import { createUser, householdWithCast, unique } from '../support/factories.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('households', () => {
  it('lists only the households a user takes part in, with their role', async () => {
    const { household, api } = await householdWithCast(server.database.db, server.url);
    const regie = await api.regie.get('/api/households');
    expect(regie.status).toBe(200);
    expect(regie.body.households).toEqual([
      expect.objectContaining({ id: household.id, reference: household.reference, myRole: 'regievoerder', phase: 'directe_veiligheid' }),
    ]);
    const outsider = await api.outsider.get('/api/households');
    expect(outsider.body.households.map((h: { id: string }) => h.id)).not.toContain(household.id);
  });

  it('answers 404 to an outsider exactly like for a household that does not exist', async () => {
    const { household, api } = await householdWithCast(server.database.db, server.url);
    const hidden = await api.outsider.get(`/api/households/${household.id}`);
    const missing = await api.outsider.get(`/api/households/${crypto.randomUUID()}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect((await api.outsider.get('/api/households/not-a-uuid')).status).toBe(404);
  });

  it('shows a participant the overview: persons, participants, documents (the plan), and audits the view', async () => {
    const { household, api, users } = await householdWithCast(server.database.db, server.url);
    const res = await api.partner.get(`/api/households/${household.id}`);
    expect(res.status).toBe(200);
    const h = res.body.household;
    expect(h.persons).toEqual([expect.objectContaining({ role: 'slachtoffer', label: 'S.' })]);
    expect(h.participants.map((p: { role: string }) => p.role).sort()).toEqual(['observer', 'partner', 'regievoerder']);
    expect(h.documents).toEqual([expect.objectContaining({ kind: 'plan', title: 'Plan van aanpak' })]);
    const views = await server.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, household.id), eq(auditLog.event, 'household.view'), eq(auditLog.userId, users.partner.id)));
    expect(views).toHaveLength(1);
    expect(views[0]!.organizationId).toBe(users.partner.organizationId);
  });

  it('lets an administrator create a household with its regievoerder and a plan; others get 403', async () => {
    const { api, users } = await householdWithCast(server.database.db, server.url);
    const input = {
      reference: unique('HG').toUpperCase(),
      displayName: 'Gezin Test',
      regievoerderId: users.regie.id,
      grondslag: 'huisverbod_wth',
      referringOrganizationId: users.partner.organizationId,
      huisverbodStart: '2026-11-20',
      persons: [{ role: 'kind', label: 'K.', birthYear: 2015 }],
    };
    expect((await api.regie.post('/api/households', input)).status).toBe(403);
    const { grondslag: _g, ...withoutBasis } = input;
    const refused = await api.admin.post('/api/households', withoutBasis);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBeTruthy();
    const res = await api.admin.post('/api/households', input);
    expect(res.status).toBe(201);
    const id = res.body.household.id;
    const plan = await server.database.db.select().from(documents).where(eq(documents.householdId, id));
    expect(plan.map((d) => d.kind)).toEqual(['plan']);
    // The new regievoerder confirms the geheimhoudingsverklaring before the household opens.
    const gated = await api.regie.get(`/api/households/${id}`);
    expect(gated.status).toBe(403);
    expect(gated.body.error).toMatchObject({ code: 'STATEMENT_REQUIRED', householdId: id });
    expect((await api.regie.post(`/api/households/${id}/statement`, {})).status).toBe(200);
    const mine = await api.regie.get(`/api/households/${id}`);
    expect(mine.body.household).toMatchObject({
      myRole: 'regievoerder',
      grondslag: 'huisverbod_wth',
      referringOrganization: { id: users.partner.organizationId },
      huisverbod: { start: '2026-11-20', timeline: { planDue: '2026-11-30' } },
    });
    expect((await api.admin.post('/api/households', input)).body.error.code).toBe('REFERENCE_TAKEN');
  });

  it('lets the regievoerder add and remove participants, audited; a partner may not', async () => {
    const { household, api, users } = await householdWithCast(server.database.db, server.url);
    const newcomer = await createUser(server.database.db);
    expect((await api.partner.post(`/api/households/${household.id}/participants`, { userId: newcomer.id, role: 'partner' })).status).toBe(403);
    expect((await api.regie.post(`/api/households/${household.id}/participants`, { userId: newcomer.id, role: 'partner' })).status).toBe(201);
    const client = await new ApiClient(server.url).login(newcomer.email);
    expect((await client.post(`/api/households/${household.id}/statement`, {})).status).toBe(200);
    expect((await client.get(`/api/households/${household.id}`)).status).toBe(200);
    expect((await api.regie.delete(`/api/households/${household.id}/participants/${newcomer.id}`)).status).toBe(204);
    expect((await client.get(`/api/households/${household.id}`)).status).toBe(404);
    const events = await server.database.db
      .select({ event: auditLog.event })
      .from(auditLog)
      .where(and(eq(auditLog.householdId, household.id), eq(auditLog.target, newcomer.id)))
      .orderBy(auditLog.id);
    expect(events.map((e) => e.event)).toEqual(['participant.add', 'statement.confirmed', 'participant.remove']);
    // The last regievoerder cannot be removed.
    const last = await api.admin.delete(`/api/households/${household.id}/participants/${users.regie.id}`, { reason: 'Regievoerder uit dienst' });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('LAST_REGIEVOERDER');
  });

  it('keeps the audit trail append-only: the database refuses UPDATE and DELETE', async () => {
    const { household, api } = await householdWithCast(server.database.db, server.url);
    await api.regie.get(`/api/households/${household.id}`);
    await expect(server.database.db.update(auditLog).set({ event: 'tampered' }).where(eq(auditLog.householdId, household.id))).rejects.toThrow();
    await expect(server.database.db.delete(auditLog).where(eq(auditLog.householdId, household.id))).rejects.toThrow();
    const audit = await api.regie.get(`/api/households/${household.id}/audit`);
    expect(audit.status).toBe(200);
    expect(audit.body.entries.map((e: { event: string }) => e.event)).toContain('household.view');
    expect(audit.body.entries[0]).toEqual(expect.objectContaining({ at: expect.any(String), userId: expect.any(String), event: expect.any(String) }));
  });

  it('validates participant input with a JSON error', async () => {
    const { household, api } = await householdWithCast(server.database.db, server.url);
    const res = await api.regie.post(`/api/households/${household.id}/participants`, { userId: 'x', role: 'boss' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String) });
    const unknown = await api.regie.post(`/api/households/${household.id}/participants`, { userId: crypto.randomUUID(), role: 'partner' });
    expect(unknown.body.error.code).toBe('UNKNOWN_USER');
    expect(await server.database.db.select().from(participations).where(eq(participations.householdId, household.id))).toHaveLength(3);
  });

  it('lets the regievoerder change the grondslag only with a reason, which the Logboek shows; a partner may not', async () => {
    const { household, api, users } = await householdWithCast(server.database.db, server.url);
    const change = {
      grondslag: 'toestemming',
      grondslagNote: 'Schriftelijk',
      referringOrganizationId: users.partner.organizationId,
      reason: 'Ouders gaven toestemming',
    };
    expect((await api.partner.put(`/api/households/${household.id}/grondslag`, change)).status).toBe(403);
    expect((await api.regie.put(`/api/households/${household.id}/grondslag`, { ...change, reason: '' })).status).toBe(400);
    const res = await api.regie.put(`/api/households/${household.id}/grondslag`, change);
    expect(res.status).toBe(200);
    expect(res.body.household).toMatchObject({
      grondslag: 'toestemming',
      grondslagNote: 'Schriftelijk',
      referringOrganization: { id: users.partner.organizationId },
    });
    const log = await api.regie.get(`/api/households/${household.id}/audit`);
    const entry = log.body.entries.find((e: { event: string }) => e.event === 'household.grondslag');
    expect(entry).toMatchObject({ target: 'toestemming', details: { reason: 'Ouders gaven toestemming', to: { grondslag: 'toestemming' } } });
  });
});
