import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { actionEvents, actions } from '../../server/db/schema.ts';
import { addParticipant, createOrganization, createUser, householdWithCast } from '../support/factories.ts';
import { createActionVia, sessionClient } from '../support/board.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
const db = () => server.database.db;

describe('claiming an action', () => {
  it('100 concurrent claims from 100 sessions: exactly one 200 and 99 × 409 ALREADY_CLAIMED naming the winner', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const org = await createOrganization(db(), 'politie');
    const users = await Promise.all(Array.from({ length: 100 }, (_, i) => createUser(db(), { organizationId: org.id, name: `Agent ${i}` })));
    for (const u of users) await addParticipant(db(), household.id, u.id, 'partner');
    const clients = await Promise.all(users.map((u) => sessionClient(server, u.id)));
    const action = await createActionVia(api.regie, household.id, { ownerOrganizationId: org.id });

    const results = await Promise.all(clients.map((c) => c.post(`/api/actions/${action.id}/claim`)));
    const winners = results.filter((r) => r.status === 200);
    const losers = results.filter((r) => r.status === 409);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(99);
    const winner = winners[0]!.body.action.claimedBy;
    for (const l of losers) {
      expect(l.body.error.code).toBe('ALREADY_CLAIMED');
      expect(l.body.error.claimedBy).toEqual({ id: winner.id, name: winner.name, organization: { id: org.id, name: org.name } });
      expect(l.body.error.message).toBe(`Dit is al opgepakt door ${winner.name} (${org.name}).`);
    }
    const [row] = await db().select().from(actions).where(eq(actions.id, action.id));
    expect(row).toMatchObject({ status: 'claimed', claimedBy: winner.id, version: 2 });
    const history = await db().select().from(actionEvents).where(eq(actionEvents.actionId, action.id)).orderBy(actionEvents.id);
    expect(history.map((h) => h.kind)).toEqual(['created', 'claimed']);
  });

  it('tells the second claimer in Dutch who already has it', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const action = await createActionVia(api.regie, household.id);
    expect((await api.partner.post(`/api/actions/${action.id}/claim`)).status).toBe(200);
    const second = await api.regie.post(`/api/actions/${action.id}/claim`);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain(users.partner.name);
    // Claiming again what you already hold is harmless.
    const repeat = await api.partner.post(`/api/actions/${action.id}/claim`);
    expect(repeat.status).toBe(200);
    expect(repeat.body.action.version).toBe(2);
  });

  it('a partner of another organisation cannot claim an owned action (403), but may claim an unowned one', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const jeugdzorg = await createOrganization(db(), 'jeugdzorg');
    const owned = await createActionVia(api.regie, household.id, { ownerOrganizationId: jeugdzorg.id });
    const refused = await api.partner.post(`/api/actions/${owned.id}/claim`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect(refused.body.error.message).toContain(jeugdzorg.name);
    const unowned = await createActionVia(api.regie, household.id);
    expect((await api.partner.post(`/api/actions/${unowned.id}/claim`)).status).toBe(200);
    // The regievoerder may claim any action.
    expect((await api.regie.post(`/api/actions/${owned.id}/claim`)).status).toBe(200);
  });

  it('an observer cannot claim (403) and an outsider gets 404 like for a missing action', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const action = await createActionVia(api.regie, household.id);
    const observer = await api.observer.post(`/api/actions/${action.id}/claim`);
    expect(observer.status).toBe(403);
    const outsider = await api.outsider.post(`/api/actions/${action.id}/claim`);
    const missing = await api.outsider.post(`/api/actions/${crypto.randomUUID()}/claim`);
    expect(outsider.status).toBe(404);
    expect(outsider.body).toEqual(missing.body);
    expect((await api.outsider.get(`/api/actions/${action.id}`)).body).toEqual((await api.outsider.get(`/api/actions/${crypto.randomUUID()}`)).body);
    expect((await api.outsider.get(`/api/actions/${action.id}/history`)).status).toBe(404);
  });

  it('a done or cancelled action cannot be claimed', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const a = await createActionVia(api.regie, household.id);
    await api.regie.post(`/api/actions/${a.id}/cancel`);
    const res = await api.partner.post(`/api/actions/${a.id}/claim`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ACTION_CANCELLED');
  });
});
