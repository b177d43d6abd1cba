// The queries behind each authorised route, counted: a request costs what its answer needs (session,
// participation, household and the data), not one more read per row. A budget that grows fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { addParticipant, createHousehold, householdWithCast } from '../support/factories.ts';
import { addToAgenda, planVia } from '../support/casusoverleg.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const seen: string[] = [];
let counting = false;
let database: Database;
let server: TestServer;

beforeAll(async () => {
  // Its own PGlite: the count must not see other test files' queries (PostgreSQL runs share one database).
  database = await openDatabase({ dataDir: 'memory://', queryLog: { logQuery: (q) => counting && seen.push(q) } });
  await database.migrate();
  server = await startTestServer({ database });
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

/** The statements one request sends (the audit row's batched insert is flushed and counted too). */
async function queriesOf(run: () => Promise<{ status: number }>, expectStatus = 200): Promise<string[]> {
  await server.deps.auditWriter.flush();
  seen.length = 0;
  counting = true;
  const res = await run();
  await server.deps.auditWriter.flush();
  counting = false;
  expect(res.status).toBe(expectStatus);
  return [...seen];
}

describe('queries per authorised route', () => {
  it('stay within their budget, however many actions, persons and participants the household has', async () => {
    const { household, api, users } = await householdWithCast(database.db, server.url);
    const h = household.id;
    for (let i = 0; i < 12; i++) {
      await api.regie.post(`/api/households/${h}/actions`, {
        title: `Actie ${i}`,
        ownerOrganizationId: i % 2 ? users.partner.organizationId : null,
        assignedUserId: i % 3 ? users.partner.id : null,
      });
    }
    const [action] = (await api.regie.get(`/api/households/${h}/actions`)).body.actions;
    // A casusoverleg with this household and four more on its agenda (the others closed to the partner).
    const casusoverleg = await planVia(api.regie);
    const others = await Promise.all([1, 2, 3, 4].map(() => createHousehold(database.db, { regievoerderId: users.regie.id })));
    let agenda = casusoverleg;
    for (const other of [h, ...others.map((x) => x.id)]) agenda = await addToAgenda(api.regie, casusoverleg.id, other);
    await api.regie.post(`/api/casusoverleggen/${casusoverleg.id}/current`, { itemId: agenda.items[0]!.id });
    // Warm the session's last-seen stamp, so a once-a-minute write does not count against a route; the session
    // is then kept in the process (SESSION_CACHE_MS), so no route below reads it again.
    await api.partner.get('/api/me');

    const budgets: [string, () => Promise<{ status: number }>, number][] = [
      // The reset notice.
      ['GET /api/me', () => api.partner.get('/api/me'), 1],
      // Access (household + participation), the board with every name it shows (one joined query), the audit row.
      ['GET board', () => api.partner.get(`/api/households/${h}/actions`), 3],
      ['GET household', () => api.partner.get(`/api/households/${h}`), 9],
      // Access; in the transaction: the claim, its history row, its audit row, the names, the household event.
      ['POST claim', () => api.partner.post(`/api/actions/${action.id}/claim`), 6],
      ['GET casusoverleg', () => api.partner.get(`/api/casusoverleggen/${casusoverleg.id}`), 3],
      ['GET casusoverleggen', () => api.partner.get('/api/casusoverleggen'), 3],
      ['GET meeting mode', () => api.partner.get(`/api/casusoverleggen/${casusoverleg.id}/vergadering`), 11],
    ];
    const report: Record<string, number> = {};
    for (const [name, run, budget] of budgets) {
      const qs = await queriesOf(run);
      report[name] = qs.length;
      expect(qs.length, `${name}:\n${qs.join('\n')}`).toBeLessThanOrEqual(budget);
    }
    console.log('queries per route:', JSON.stringify(report));
  });

  it('Mijn acties and Meldingen cost the same for one household as for five (no query per household or row)', async () => {
    const { household, api, users } = await householdWithCast(database.db, server.url);
    const politie = users.partner.organizationId;
    const addWork = async (h: string) => {
      for (let i = 0; i < 3; i++) await api.regie.post(`/api/households/${h}/actions`, { title: `Werk ${i}`, ownerOrganizationId: politie });
    };
    await addWork(household.id);
    await api.partner.get('/api/me');
    const routes: [string, () => Promise<{ status: number }>][] = [
      ['GET my-actions', () => api.partner.get('/api/my-actions')],
      ['GET notifications', () => api.partner.get('/api/notifications')],
      ['GET unread', () => api.partner.get('/api/notifications/unread')],
    ];
    const one: Record<string, number> = {};
    for (const [name, run] of routes) one[name] = (await queriesOf(run)).length;
    for (let i = 0; i < 4; i++) {
      const other = await createHousehold(database.db, { regievoerderId: users.regie.id });
      await addParticipant(database.db, other.id, users.partner.id, 'partner');
      await addWork(other.id);
    }
    const five: Record<string, number> = {};
    for (const [name, run] of routes) five[name] = (await queriesOf(run)).length;
    expect(five).toEqual(one);
    // Session, the list (one query), the board's references (one query), the audit rows (one batched insert).
    expect(one['GET my-actions']).toBeLessThanOrEqual(4);
    expect(one['GET notifications']).toBeLessThanOrEqual(3);
    console.log('queries for one household / five:', JSON.stringify({ one, five }));
  });
});
