// Every household route × every role → the expected status. An outsider never gets a 2xx for someone
// else's household; an administrator who does not take part manages but does not read content. Partners
// below the information level volledig (afspraken, signaal) and a partner who has not yet confirmed the
// geheimhoudingsverklaring are refused everything their level or the statement does not reach (403).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { households } from '../../server/db/schema.ts';
import { addDays, amsterdamDay } from '../../shared/huisverbod.ts';
import { addParticipant, createUser, householdWithCast } from '../support/factories.ts';
import { ApiClient } from '../support/client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { insertAgendaItem, insertCasusoverleg } from '../support/casusoverleg.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

type Role = 'admin' | 'regie' | 'partner' | 'observer' | 'outsider' | 'afspraken' | 'signaal' | 'unconfirmed';
const ROLES: Role[] = ['admin', 'regie', 'partner', 'observer', 'outsider', 'afspraken', 'signaal', 'unconfirmed'];
type Case = {
  name: string;
  method: string;
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  /** Brings the household into the state the route needs (e.g. a huisverbod to decide on); may add ids. */
  setup?: (householdId: string, actorId: string) => Promise<Partial<Ids> | undefined>;
  expect: Record<Role, number>;
};
type Ids = { household: string; user: string; person: string; plan: string; casusoverleg?: string };

/** A casusoverleg chaired by someone else with this household on its agenda (it is visible through the household alone). */
async function onAgenda(householdId: string): Promise<Partial<Ids>> {
  const chair = await createUser(server.database.db);
  const row = await insertCasusoverleg(server.database.db, chair.id);
  await insertAgendaItem(server.database.db, row.id, householdId);
  return { casusoverleg: row.id };
}
/** Seeing a casusoverleg whose agenda holds the household: every participant, whatever their level; nobody else. */
const agendaVisibility = { admin: 404, regie: 200, partner: 200, observer: 200, outsider: 404, afspraken: 200, signaal: 200, unconfirmed: 200 };

const cases: Case[] = [
  {
    name: 'GET household',
    method: 'GET',
    path: (i) => `/api/households/${i.household}`,
    expect: { admin: 200, regie: 200, partner: 200, observer: 200, outsider: 404, afspraken: 200, signaal: 200, unconfirmed: 403 },
  },
  {
    name: 'PATCH household',
    method: 'PATCH',
    path: (i) => `/api/households/${i.household}`,
    body: () => ({ displayName: 'Gezin Nieuw' }),
    expect: { admin: 200, regie: 200, partner: 403, observer: 403, outsider: 404, afspraken: 403, signaal: 403, unconfirmed: 403 },
  },
  {
    name: 'POST phase',
    method: 'POST',
    path: (i) => `/api/households/${i.household}/phase`,
    body: () => ({ phase: 'stabiele_veiligheid', reason: 'Veiligheid is stabiel' }),
    expect: { admin: 404, regie: 200, partner: 403, observer: 403, outsider: 404, afspraken: 403, signaal: 403, unconfirmed: 403 },
  },
  {
    name: 'POST person',
    method: 'POST',
    path: (i) => `/api/households/${i.household}/persons`,
    body: () => ({ role: 'kind', label: 'K.' }),
    expect: { admin: 404, regie: 201, partner: 403, observer: 403, outsider: 404, afspraken: 403, signaal: 403, unconfirmed: 403 },
  },
  {
    name: 'PUT person',
    method: 'PUT',
    path: (i) => `/api/households/${i.household}/persons/${i.person}`,
    body: () => ({ role: 'slachtoffer', label: 'S.' }),
    expect: { admin: 404, regie: 200, partner: 403, observer: 403, outsider: 404, afspraken: 403, signaal: 403, unconfirmed: 403 },
  },
  {
    name: 'POST participant',
    method: 'POST',
    path: (i) => `/api/households/${i.household}/participants`,
    body: (i) => ({ userId: i.user, role: 'observer', reason: 'Veilig Thuis kijkt mee' }),
    expect: { admin: 201, regie: 201, partner: 403, observer: 403, outsider: 404, afspraken: 403, signaal: 403, unconfirmed: 403 },
  },
  {
    name: 'DELETE participant',
    method: 'DELETE',
    path: (i) => `/api/households/${i.household}/participants/${i.user}`,
    body: () => ({ reason: 'Niet meer betrokken' }),
    expect: { admin: 204, regie: 204, partner: 403, observer: 403, outsider: 404, afspraken: 403, signaal: 403, unconfirmed: 403 },
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
    expect: { admin: 404, regie: 200, partner: 403, observer: 403, outsider: 404, afspraken: 403, signaal: 403, unconfirmed: 403 },
  },
  {
    name: 'GET audit',
    method: 'GET',
    path: (i) => `/api/households/${i.household}/audit`,
    expect: { admin: 200, regie: 200, partner: 403, observer: 403, outsider: 404, afspraken: 403, signaal: 403, unconfirmed: 403 },
  },
  {
    name: 'GET board',
    method: 'GET',
    path: (i) => `/api/households/${i.household}/actions`,
    expect: { admin: 404, regie: 200, partner: 200, observer: 200, outsider: 404, afspraken: 200, signaal: 403, unconfirmed: 403 },
  },
  {
    name: 'GET plan',
    method: 'GET',
    path: (i) => `/api/documents/${i.plan}`,
    expect: { admin: 404, regie: 200, partner: 200, observer: 200, outsider: 404, afspraken: 403, signaal: 403, unconfirmed: 403 },
  },
  {
    name: 'PUT level',
    method: 'PUT',
    path: (i) => `/api/households/${i.household}/participants/${i.user}/level`,
    body: () => ({ level: 'afspraken' }),
    expect: { admin: 404, regie: 200, partner: 403, observer: 403, outsider: 404, afspraken: 403, signaal: 403, unconfirmed: 403 },
  },
  {
    name: 'GET statement',
    method: 'GET',
    path: (i) => `/api/households/${i.household}/statement`,
    expect: { admin: 200, regie: 200, partner: 200, observer: 200, outsider: 404, afspraken: 200, signaal: 200, unconfirmed: 200 },
  },
  {
    name: 'GET audit filtered by person',
    method: 'GET',
    path: (i) => `/api/households/${i.household}/audit?personId=${i.person}&kind=view`,
    // The person filter is content: the beheerder who does not take part does not get it.
    expect: { admin: 404, regie: 200, partner: 403, observer: 403, outsider: 404, afspraken: 403, signaal: 403, unconfirmed: 403 },
  },
  {
    name: 'GET audit.csv',
    method: 'GET',
    path: (i) => `/api/households/${i.household}/audit.csv?kind=change`,
    expect: { admin: 200, regie: 200, partner: 403, observer: 403, outsider: 404, afspraken: 403, signaal: 403, unconfirmed: 403 },
  },
  {
    name: 'GET audit.pdf',
    method: 'GET',
    path: (i) => `/api/households/${i.household}/audit.pdf`,
    expect: { admin: 200, regie: 200, partner: 403, observer: 403, outsider: 404, afspraken: 403, signaal: 403, unconfirmed: 403 },
  },
  {
    name: 'GET inzage.pdf',
    method: 'GET',
    path: (i) => `/api/households/${i.household}/persons/${i.person}/inzage.pdf`,
    expect: { admin: 404, regie: 200, partner: 403, observer: 403, outsider: 404, afspraken: 403, signaal: 403, unconfirmed: 403 },
  },
  {
    // Only the household's regievoerder puts it on an agenda, even on a casusoverleg the actor chairs.
    name: 'POST casusoverleg agenda item',
    method: 'POST',
    path: (i) => `/api/casusoverleggen/${i.casusoverleg}/agenda`,
    body: (i) => ({ householdId: i.household }),
    setup: async (_h, actorId) => ({ casusoverleg: (await insertCasusoverleg(server.database.db, actorId)).id }),
    expect: { admin: 404, regie: 201, partner: 403, observer: 403, outsider: 404, afspraken: 403, signaal: 403, unconfirmed: 403 },
  },
  {
    name: 'GET casusoverleg with the household on its agenda',
    method: 'GET',
    path: (i) => `/api/casusoverleggen/${i.casusoverleg}`,
    setup: onAgenda,
    expect: agendaVisibility,
  },
  {
    name: 'GET casusoverleg meeting mode',
    method: 'GET',
    path: (i) => `/api/casusoverleggen/${i.casusoverleg}/vergadering`,
    setup: onAgenda,
    expect: agendaVisibility,
  },
  {
    name: 'GET casusoverleg overview',
    method: 'GET',
    path: (i) => `/api/casusoverleggen/${i.casusoverleg}/overzicht`,
    setup: onAgenda,
    expect: agendaVisibility,
  },
];

/** A partner of their own organisation at a lower level, or one who has not confirmed the statement, signed in. */
async function limitedPartner(householdId: string, role: 'afspraken' | 'signaal' | 'unconfirmed') {
  const u = await createUser(server.database.db, { kind: 'jeugdzorg' });
  await addParticipant(server.database.db, householdId, u.id, 'partner', role === 'unconfirmed' ? { confirmed: false } : { level: role });
  return new ApiClient(server.url).login(u.email);
}

describe('role matrix for household routes', () => {
  for (const c of cases) {
    for (const role of ROLES) {
      it(`${c.name} as ${role} → ${c.expect[role]}`, async () => {
        const { household, api } = await householdWithCast(server.database.db, server.url);
        const extra = await createUser(server.database.db);
        const persons = await api.regie.get(`/api/households/${household.id}`);
        const plan = persons.body.household.documents.find((d: { kind: string }) => d.kind === 'plan').id;
        const ids: Ids = { household: household.id, user: extra.id, person: persons.body.household.persons[0].id, plan };
        const client = role === 'afspraken' || role === 'signaal' || role === 'unconfirmed' ? await limitedPartner(household.id, role) : api[role];
        Object.assign(ids, await c.setup?.(household.id, (await client!.get('/api/me')).body.user.id));
        if (c.method === 'DELETE' || c.name === 'PUT level')
          await api.regie.post(`/api/households/${household.id}/participants`, { userId: extra.id, role: 'partner' });
        const res = await client!.request(c.method, c.path(ids), c.body?.(ids));
        expect(res.status, JSON.stringify(res.body)).toBe(c.expect[role]);
        if (res.status >= 400) expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      });
    }
  }
});
