// "Herhaald incident": a new huisverbod or a reopened case within 12 months of an earlier huisverbod or closure of
// the same person(s) is flagged on the household page, in Mijn casussen and in the regievoerder's overview, and
// not a day later. The same person: same name (case and spaces aside) and birth year, as slachtoffer, pleger or kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { households } from '../../server/db/schema.ts';
import { addParticipant, createHousehold, createUser, unique } from '../support/factories.ts';
import { sessionClient } from '../support/board.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { PersonRole } from '../../shared/enums.ts';

const NOW = new Date('2026-03-10T10:00:00Z');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { fixedNow: NOW } });
});
afterAll(() => server?.close());
const db = () => server.database.db;

type Person = { role: PersonRole; label: string; birthYear: number };

async function household(regieId: string, persons: Person[], values: Partial<typeof households.$inferInsert> = {}) {
  const h = await createHousehold(db(), { regievoerderId: regieId, persons });
  if (Object.keys(values).length) await db().update(households).set(values).where(eq(households.id, h.id));
  return h;
}

const closedOn = (iso: string) => ({ status: 'closed' as const, closedAt: new Date(iso), retentionEndsAt: new Date('2031-01-01T00:00:00Z') });

describe('herhaald incident', () => {
  it('flags a new huisverbod up to and including 12 months after an earlier closure of the same person, not a day later, everywhere the regievoerder looks', async () => {
    const regie = await createUser(db(), { kind: 'gemeente' });
    const api = await sessionClient(server, regie.id);
    const mark = unique('Mark');
    const noor = unique('Noor');
    // Earlier cases, closed on 10 March 2025 (Amsterdam time).
    const earlier = await household(regie.id, [{ role: 'pleger', label: mark, birthYear: 1985 }], closedOn('2025-03-10T09:00:00Z'));
    await household(regie.id, [{ role: 'kind', label: noor, birthYear: 2016 }], closedOn('2025-03-10T09:00:00Z'));
    // Exactly 12 months later, the same man (name typed differently) → flagged; one day more → not flagged.
    const within = await household(regie.id, [{ role: 'pleger', label: `  ${mark.toUpperCase()} `, birthYear: 1985 }], { huisverbodStart: '2026-03-10' });
    const after = await household(regie.id, [{ role: 'kind', label: noor, birthYear: 2016 }], { huisverbodStart: '2026-03-11' });

    const page = async (id: string) => (await api.get(`/api/households/${id}`)).body.household.herhaaldIncident;
    expect(await page(within.id)).toBe(true);
    expect(await page(after.id)).toBe(false);
    const mine = (await api.get('/api/households')).body.households;
    expect(mine.find((h: any) => h.id === within.id).herhaaldIncident).toBe(true);
    expect(mine.find((h: any) => h.id === after.id).herhaaldIncident).toBe(false);
    // The earlier, closed case itself is no repeat.
    expect(mine.filter((h: any) => h.status === 'closed').every((h: any) => h.herhaaldIncident === false)).toBe(true);
    const overview = (await api.get('/api/overview')).body.households;
    expect(overview.find((h: any) => h.householdId === within.id).herhaaldIncident).toBe(true);
    expect(overview.find((h: any) => h.householdId === after.id).herhaaldIncident).toBe(false);
    // A partner in the new case sees the flag too, but nothing of the earlier case.
    const partner = await createUser(db(), { kind: 'politie' });
    await addParticipant(db(), within.id, partner.id, 'partner');
    const theirs = await (await sessionClient(server, partner.id)).get(`/api/households/${within.id}`);
    expect(theirs.body.household.herhaaldIncident).toBe(true);
    expect(JSON.stringify(theirs.body)).not.toContain(earlier.reference);
    expect(JSON.stringify(theirs.body)).not.toContain(earlier.id);
    // A beheerder who does not take part manages the case but learns nothing derived from its persons.
    const beheer = await sessionClient(server, (await createUser(db(), { admin: true, kind: 'gemeente' })).id);
    expect((await beheer.get(`/api/households/${within.id}`)).body.household.herhaaldIncident).toBe(false);
  });

  it('an earlier huisverbod counts like a closure; a different birth year, a network member or the later case itself does not', async () => {
    const regie = await createUser(db(), { kind: 'gemeente' });
    const api = await sessionClient(server, regie.id);
    const sandra = unique('Sandra');
    const oma = unique('Oma');
    const first = await household(regie.id, [{ role: 'slachtoffer', label: sandra, birthYear: 1988 }], { huisverbodStart: '2025-06-01' });
    const again = await household(regie.id, [{ role: 'slachtoffer', label: sandra, birthYear: 1988 }], { huisverbodStart: '2026-03-01' });
    const otherYear = await household(regie.id, [{ role: 'slachtoffer', label: sandra, birthYear: 1989 }], { huisverbodStart: '2026-03-02' });
    await household(regie.id, [{ role: 'netwerk', label: oma, birthYear: 1959 }], { huisverbodStart: '2025-12-01' });
    const network = await household(regie.id, [{ role: 'netwerk', label: oma, birthYear: 1959 }], { huisverbodStart: '2026-03-01' });
    const flags = new Map<string, boolean>((await api.get('/api/households')).body.households.map((h: any) => [h.id, h.herhaaldIncident]));
    expect(flags.get(again.id)).toBe(true);
    expect(flags.get(first.id)).toBe(false);
    expect(flags.get(otherYear.id)).toBe(false);
    expect(flags.get(network.id)).toBe(false);
  });

  it('a case reopened within 12 months of its closure is flagged; reopened later, it is not', async () => {
    const regie = await createUser(db(), { kind: 'gemeente' });
    const api = await sessionClient(server, regie.id);
    const person = (): Person[] => [{ role: 'slachtoffer', label: unique('Ilse'), birthYear: 1990 }];
    const soon = await household(regie.id, person(), closedOn('2025-03-10T09:00:00Z'));
    const late = await household(regie.id, person(), closedOn('2025-03-09T09:00:00Z'));
    expect((await api.get(`/api/households/${soon.id}`)).body.household.herhaaldIncident).toBe(false);
    for (const h of [soon, late]) expect((await api.post(`/api/households/${h.id}/reopen`, { reason: 'Nieuwe melding' })).status).toBe(200);
    expect((await api.get(`/api/households/${soon.id}`)).body.household.herhaaldIncident).toBe(true);
    expect((await api.get(`/api/households/${late.id}`)).body.household.herhaaldIncident).toBe(false);
  });
});
