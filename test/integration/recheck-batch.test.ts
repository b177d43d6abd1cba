// The live channels' periodic re-check asks the access seam about many (user, household, action) at once
// (recheckHouseholds). Its answers must be exactly the one-at-a-time seam's (recheckHousehold) for every kind
// of requester and household: participants of each role and level, an unconfirmed statement, a closed case,
// a second-factor household, an outsider, an administrator, a missing household and a malformed id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openTestDatabase } from '../support/server.ts';
import type { Database } from '../../server/db/client.ts';
import { households, organizations } from '../../server/db/schema.ts';
import { AccessRefused } from '../../server/access/refusal.ts';
import { recheckHousehold, recheckHouseholds, type HouseholdCheck } from '../../server/access/authorize.ts';
import type { HouseholdAction } from '../../shared/policy.ts';
import { addParticipant, createHousehold, createUser } from '../support/factories.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** What a channel does with an answer: the grant's role and household, or the refusal's status and code. */
const outcome = (a: unknown) =>
  a instanceof AccessRefused
    ? { refused: a.status, code: (a as { code?: string }).code }
    : { role: (a as { role: string | null }).role, household: (a as { household: { id: string } }).household.id };

describe('batched re-check of live channels', () => {
  it('answers every (requester, household, action) exactly as the one-at-a-time re-check does, in order', async () => {
    const db = database.db;
    const regie = await createUser(db, { kind: 'gemeente' });
    const partner = await createUser(db, { kind: 'politie' });
    const observer = await createUser(db, { kind: 'veilig_thuis' });
    const signaal = await createUser(db, { kind: 'wijkteam' });
    const unconfirmed = await createUser(db, { kind: 'politie' });
    const outsider = await createUser(db, { kind: 'wijkteam' });
    const admin = await createUser(db, { admin: true, kind: 'gemeente' });
    const open = await createHousehold(db, { regievoerderId: regie.id });
    const closed = await createHousehold(db, { regievoerderId: regie.id });
    const strict = await createHousehold(db, { regievoerderId: regie.id });
    for (const h of [open, closed, strict]) {
      await addParticipant(db, h.id, partner.id, 'partner');
      await addParticipant(db, h.id, observer.id, 'observer');
      await addParticipant(db, h.id, signaal.id, 'partner', { level: 'signaal' });
      await addParticipant(db, h.id, unconfirmed.id, 'partner', { confirmed: false });
    }
    await db.update(households).set({ status: 'closed' }).where(eq(households.id, closed.id));
    const [org] = await db
      .insert(organizations)
      .values({ name: `Strikt ${strict.id}`, kind: 'gemeente', twoFactorRequired: true })
      .returning();
    await db.update(households).set({ regieOrganizationId: org!.id }).where(eq(households.id, strict.id));

    const requester = (u: { id: string; email: string; name: string; admin: boolean; organizationId: string }, secondFactor = false) => ({
      user: { id: u.id, email: u.email, name: u.name, admin: u.admin, organization: { id: u.organizationId, name: 'o', kind: 'gemeente' }, secondFactor },
      ip: null,
    });
    const people = [regie, partner, observer, signaal, unconfirmed, outsider, admin].map((u) => requester(u));
    people.push(requester(partner, true));
    const ids = [open.id, closed.id, strict.id, crypto.randomUUID(), 'not-a-uuid'];
    const actions: HouseholdAction[] = ['read', 'readBoard', 'write'];
    const checks: HouseholdCheck[] = people.flatMap((r) => ids.flatMap((householdId) => actions.map((action) => ({ requester: r, householdId, action }))));

    const batched = await recheckHouseholds(db, checks);
    const single = await Promise.all(checks.map((c) => recheckHousehold(db, c.requester, c.householdId, c.action)));
    expect(batched.map(outcome)).toEqual(single.map(outcome));
    // The matrix holds grants and refusals of every kind, so the comparison says something.
    const kinds = new Set(single.map((a) => JSON.stringify(outcome(a).refused ? outcome(a) : { granted: true })));
    expect(kinds.size).toBeGreaterThanOrEqual(5);
    expect(await recheckHouseholds(db, [])).toEqual([]);
  });
});
