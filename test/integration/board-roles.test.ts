// Every board route as every role: the expected status codes in one table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdWithCast } from '../support/factories.ts';
import { ApiClient } from '../support/client.ts';
import { createActionVia } from '../support/board.ts';
import { openSse } from '../support/sse.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let cast: Awaited<ReturnType<typeof householdWithCast>>;
beforeAll(async () => {
  server = await startTestServer();
  cast = await householdWithCast(server.database.db, server.url);
});
afterAll(() => server?.close());

type Role = 'regie' | 'partner' | 'observer' | 'outsider' | 'admin' | 'anonymous';
const ROLES: Role[] = ['regie', 'partner', 'observer', 'outsider', 'admin', 'anonymous'];

/** Prepares an action in the state the route needs (as the regievoerder / partner), then calls the route. */
type Setup = 'none' | 'open' | 'claimedByPartner' | 'done';
interface Route {
  name: string;
  setup: Setup;
  call: (api: ApiClient, householdId: string, actionId: string) => Promise<number>;
  expected: Record<Role, number>;
}

const READ = { regie: 200, partner: 200, observer: 200, outsider: 404, admin: 404, anonymous: 401 };
const WRITE = { regie: 200, partner: 200, observer: 403, outsider: 404, admin: 404, anonymous: 401 };

const ROUTES: Route[] = [
  { name: 'GET /households/:id/actions', setup: 'none', call: async (a, h) => (await a.get(`/api/households/${h}/actions`)).status, expected: READ },
  {
    name: 'POST /households/:id/actions',
    setup: 'none',
    call: async (a, h) => (await a.post(`/api/households/${h}/actions`, { title: 'Nieuwe actie' })).status,
    expected: { ...WRITE, regie: 201, partner: 201 },
  },
  { name: 'GET /actions/:id', setup: 'open', call: async (a, _h, id) => (await a.get(`/api/actions/${id}`)).status, expected: READ },
  { name: 'GET /actions/:id/history', setup: 'open', call: async (a, _h, id) => (await a.get(`/api/actions/${id}/history`)).status, expected: READ },
  {
    name: 'PATCH /actions/:id',
    setup: 'open',
    call: async (a, _h, id) => (await a.patch(`/api/actions/${id}`, { title: 'Gewijzigd', version: 1 })).status,
    expected: WRITE,
  },
  { name: 'POST /actions/:id/claim', setup: 'open', call: async (a, _h, id) => (await a.post(`/api/actions/${id}/claim`)).status, expected: WRITE },
  {
    name: 'POST /actions/:id/release',
    setup: 'claimedByPartner',
    call: async (a, _h, id) => (await a.post(`/api/actions/${id}/release`)).status,
    expected: WRITE,
  },
  {
    name: 'POST /actions/:id/complete',
    setup: 'claimedByPartner',
    call: async (a, _h, id) => (await a.post(`/api/actions/${id}/complete`, { note: 'Klaar' })).status,
    expected: WRITE,
  },
  { name: 'POST /actions/:id/reopen', setup: 'done', call: async (a, _h, id) => (await a.post(`/api/actions/${id}/reopen`)).status, expected: WRITE },
  {
    name: 'POST /actions/:id/cancel',
    setup: 'open',
    call: async (a, _h, id) => (await a.post(`/api/actions/${id}/cancel`)).status,
    expected: { ...WRITE, partner: 403 },
  },
  {
    name: 'GET /households/:id/events',
    setup: 'none',
    call: async (a, h) => {
      const sse = await openSse(`${server.url}/api/households/${h}/events`, a.cookie ? { cookie: a.cookie } : {});
      sse.close();
      return sse.status;
    },
    expected: READ,
  },
  {
    name: 'GET /overview',
    setup: 'none',
    call: async (a) => (await a.get('/api/overview')).status,
    expected: { regie: 200, partner: 200, observer: 200, outsider: 200, admin: 200, anonymous: 401 },
  },
];

async function prepare(setup: Setup): Promise<string> {
  if (setup === 'none') return '';
  const a = await createActionVia(cast.api.regie, cast.household.id);
  if (setup === 'claimedByPartner' || setup === 'done') await cast.api.partner.post(`/api/actions/${a.id}/claim`);
  if (setup === 'done') await cast.api.partner.post(`/api/actions/${a.id}/complete`, { note: '' });
  return a.id;
}

describe('board role matrix', () => {
  it('answers every route × role with the expected status', async () => {
    const clients: Record<Role, ApiClient> = { ...cast.api, anonymous: new ApiClient(server.url) };
    const actual: Record<string, Record<Role, number>> = {};
    const expected: Record<string, Record<Role, number>> = {};
    for (const route of ROUTES) {
      actual[route.name] = {} as Record<Role, number>;
      expected[route.name] = route.expected;
      for (const role of ROLES) {
        const actionId = await prepare(route.setup);
        actual[route.name]![role] = await route.call(clients[role], cast.household.id, actionId);
      }
    }
    expect(actual).toEqual(expected);
  });

  it('gives someone who directs nothing an empty overview', async () => {
    const res = await cast.api.partner.get('/api/overview');
    expect(res.body.counts).toEqual({ open: 0, unclaimed: 0, overdue: 0, dueThisWeek: 0 });
    expect(res.body.households).toEqual([]);
  });
});
