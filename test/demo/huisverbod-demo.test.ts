import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, DEMO_PASSWORD } from '../../server/seed/demo.ts';
import { ApiClient } from '../support/client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { addDays, amsterdamDay } from '../../shared/huisverbod.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemo(server.database.db, server.deps.now());
});
afterAll(() => server?.close());

describe('demo: the huisverbod clock, herhaald incident and evaluations that tell why', () => {
  // The demo uses fixed e-mail addresses and organisation names: this folder runs only in the PGlite run.
  it('shows the advice step, a recorded decision, a herhaald incident and a "niet uitgevoerd" evaluation', async () => {
    const today = amsterdamDay(server.deps.now());
    const regie = await new ApiClient(server.url).login('regie@gemeente.test', DEMO_PASSWORD);
    const overview = (await regie.get('/api/overview')).body;
    const byRef = (ref: string) => overview.households.find((h: any) => h.reference === ref);
    const jansen = (await regie.get(`/api/households/${byRef('HG-2026-0142').householdId}`)).body.household;
    expect(jansen.herhaaldIncident).toBe(true);
    expect(byRef('HG-2026-0142').herhaaldIncident).toBe(true);
    expect(byRef('HG-2026-0117').herhaaldIncident).toBe(false);
    expect(jansen.huisverbodClock).toMatchObject({
      advice: {
        title: 'Advies verlenging huisverbod',
        status: 'open',
        dueDate: addDays(today, 5),
        ownerOrganization: { name: 'Veilig Thuis Rotterdam-Rijnmond' },
      },
      decision: null,
    });
    const elAmrani = (await regie.get(`/api/households/${byRef('HG-2026-0117').householdId}`)).body.household;
    expect(elAmrani.huisverbodClock).toMatchObject({
      advice: { status: 'done', completedBy: { name: 'Tessa Thuis' } },
      decision: { decision: 'verlengd', extendedUntil: addDays(today, -12), recordedBy: { name: 'Rianne de Regie' } },
    });
    expect(overview.notCarriedOut.organizations).toEqual([{ organization: expect.objectContaining({ name: 'Jeugdzorg Rijnmond' }), count: 1 }]);
    const meeting = jansen.documents.find((d: any) => d.kind === 'meeting' && d.title === 'Startoverleg');
    const block = (await regie.get(`/api/households/${jansen.id}/evaluation?documentId=${meeting.id}`)).body;
    expect(block.items.find((i: any) => i.evaluation)?.evaluation).toMatchObject({ verdict: 'niet_gelukt', reason: 'niet_uitgevoerd_door_partner' });
  });

  it("a new household with a huisverbod gets its advice owned by the installation's only Veilig Thuis", async () => {
    const beheer = await new ApiClient(server.url).login('beheer@casustafel.test', DEMO_PASSWORD);
    const regieId = (await beheer.get('/api/users')).body.users.find((u: any) => u.email === 'regie@gemeente.test').id;
    const orgs = (await beheer.get('/api/organizations')).body.organizations;
    const created = await beheer.post('/api/households', {
      reference: 'HG-2026-0200',
      displayName: 'Gezin Nieuw',
      huisverbodStart: amsterdamDay(server.deps.now()),
      regievoerderId: regieId,
      grondslag: 'huisverbod_wth',
      referringOrganizationId: orgs.find((o: any) => o.kind === 'politie').id,
    });
    expect(created.status).toBe(201);
    const regie = await new ApiClient(server.url).login('regie@gemeente.test', DEMO_PASSWORD);
    expect((await regie.post(`/api/households/${created.body.household.id}/statement`, {})).status).toBe(200);
    const board = (await regie.get(`/api/households/${created.body.household.id}/actions`)).body.actions;
    expect(board).toEqual([expect.objectContaining({ kind: 'huisverbod_advies', ownerOrganization: expect.objectContaining({ kind: 'veilig_thuis' }) })]);
  });
});
