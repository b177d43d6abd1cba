// Every household route × every role → the expected status. An outsider never gets a 2xx for someone
// else's household; an administrator who does not take part manages but does not read content.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { households } from '../../server/db/schema.ts';
import { addDays, amsterdamDay } from '../../shared/huisverbod.ts';
import { createUser, householdWithCast } from '../support/factories.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

type Role = 'admin' | 'regie' | 'partner' | 'observer' | 'outsider';
type Case = {
  name: string;
  method: string;
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  /** Brings the household into the state the route needs (e.g. a huisverbod to decide on). */
  setup?: (householdId: string) => Promise<void>;
  expect: Record<Role, number>;
};
type Ids = { household: string; user: string; person: string };

const cases: Case[] = [
  {
    name: 'GET household',
    method: 'GET',
    path: (i) => `/api/households/${i.household}`,
    expect: { admin: 200, regie: 200, partner: 200, observer: 200, outsider: 404 },
  },
  {
    name: 'PATCH household',
    method: 'PATCH',
    path: (i) => `/api/households/${i.household}`,
    body: () => ({ displayName: 'Gezin Nieuw' }),
    expect: { admin: 200, regie: 200, partner: 403, observer: 403, outsider: 404 },
  },
  {
    name: 'POST phase',
    method: 'POST',
    path: (i) => `/api/households/${i.household}/phase`,
    body: () => ({ phase: 'stabiele_veiligheid', reason: 'Veiligheid is stabiel' }),
    expect: { admin: 404, regie: 200, partner: 403, observer: 403, outsider: 404 },
  },
  {
    name: 'POST person',
    method: 'POST',
    path: (i) => `/api/households/${i.household}/persons`,
    body: () => ({ role: 'kind', label: 'K.' }),
    expect: { admin: 404, regie: 201, partner: 403, observer: 403, outsider: 404 },
  },
  {
    name: 'PUT person',
    method: 'PUT',
    path: (i) => `/api/households/${i.household}/persons/${i.person}`,
    body: () => ({ role: 'slachtoffer', label: 'S.' }),
    expect: { admin: 404, regie: 200, partner: 403, observer: 403, outsider: 404 },
  },
  {
    name: 'POST participant',
    method: 'POST',
    path: (i) => `/api/households/${i.household}/participants`,
    body: (i) => ({ userId: i.user, role: 'observer', reason: 'Veilig Thuis kijkt mee' }),
    expect: { admin: 201, regie: 201, partner: 403, observer: 403, outsider: 404 },
  },
  {
    name: 'DELETE participant',
    method: 'DELETE',
    path: (i) => `/api/households/${i.household}/participants/${i.user}`,
    body: () => ({ reason: 'Niet meer betrokken' }),
    expect: { admin: 204, regie: 204, partner: 403, observer: 403, outsider: 404 },
  },
  {
    // The gemeente records the decision: the regievoerder here (a gemeente partner too: huisverbod-clock.test.ts).
    name: 'POST huisverbod decision',
    method: 'POST',
    path: (i) => `/api/households/${i.household}/huisverbod/decision`,
    body: () => ({ decision: 'verlengd', decidedOn: amsterdamDay(new Date()) }),
    setup: async (id) => {
      await server.database.db
        .update(households)
        .set({ huisverbodStart: addDays(amsterdamDay(new Date()), -2) })
        .where(eq(households.id, id));
    },
    expect: { admin: 404, regie: 200, partner: 403, observer: 403, outsider: 404 },
  },
  {
    name: 'GET audit',
    method: 'GET',
    path: (i) => `/api/households/${i.household}/audit`,
    expect: { admin: 200, regie: 200, partner: 403, observer: 403, outsider: 404 },
  },
];

describe('role matrix for household routes', () => {
  for (const c of cases) {
    for (const role of ['admin', 'regie', 'partner', 'observer', 'outsider'] as Role[]) {
      it(`${c.name} as ${role} → ${c.expect[role]}`, async () => {
        const { household, api } = await householdWithCast(server.database.db, server.url);
        const extra = await createUser(server.database.db);
        const persons = await api.regie.get(`/api/households/${household.id}`);
        const ids: Ids = { household: household.id, user: extra.id, person: persons.body.household.persons[0].id };
        await c.setup?.(household.id);
        if (c.method === 'DELETE') await api.regie.post(`/api/households/${household.id}/participants`, { userId: extra.id, role: 'partner' });
        const res = await api[role].request(c.method, c.path(ids), c.body?.(ids));
        expect(res.status, JSON.stringify(res.body)).toBe(c.expect[role]);
        if (res.status >= 400) expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      });
    }
  }
});
