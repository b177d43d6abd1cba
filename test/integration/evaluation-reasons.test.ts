// Evaluations that tell why: "niet gelukt" needs a reason (omstandigheden gewijzigd / niet uitgevoerd door de
// partner) and a note, or the server answers 422 in Dutch; the reason reaches other screens live; and the
// regievoerder's overview counts per organisation the agreements "niet uitgevoerd door de partner" over the last
// three months, in the households they direct.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, documents } from '../../server/db/schema.ts';
import { addParticipant, createHousehold, createOrganization, createUser, householdWithCast } from '../support/factories.ts';
import { createActionVia, sessionClient } from '../support/board.ts';
import { openSse } from '../support/sse.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { ApiClient } from '../support/client.ts';

const NOW = new Date('2026-03-10T10:00:00Z');
const DAY = 86_400_000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { fixedNow: NOW } });
});
afterAll(() => server?.close());
const db = () => server.database.db;

async function meeting(householdId: string, at: Date) {
  const [d] = await db().insert(documents).values({ householdId, kind: 'meeting', title: 'Casusoverleg', meetingAt: at }).returning();
  return d!;
}

describe('"niet gelukt" tells why', () => {
  it('without a reason or without a note: 422 with a clear Dutch message; with both: saved, live, audited with the reason', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const doc = await meeting(household.id, new Date(NOW.getTime() + DAY));
    const a = await createActionVia(api.regie, household.id, { title: 'Intake plannen' });
    const url = `/api/documents/${doc.id}/evaluations`;

    const noReason = await api.partner.put(url, { actionId: a.id, verdict: 'niet_gelukt', note: 'Lukte niet', version: 0 });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error).toEqual({
      code: 'REASON_REQUIRED',
      message: 'Bij "niet gelukt" hoort een reden: kies "omstandigheden gewijzigd" of "niet uitgevoerd door de partner" en licht die toe.',
    });
    const noNote = await api.partner.put(url, { actionId: a.id, verdict: 'niet_gelukt', reason: 'niet_uitgevoerd_door_partner', note: '  ', version: 0 });
    expect(noNote.status).toBe(422);
    expect(noNote.body.error).toEqual({ code: 'NOTE_REQUIRED', message: 'Licht toe waarom de afspraak niet is gelukt.' });
    expect((await api.partner.put(url, { actionId: a.id, verdict: 'niet_gelukt', reason: 'vergeten', note: 'x', version: 0 })).status).toBe(400);
    // Nothing was stored by the refused saves.
    const block = await api.partner.get(`/api/households/${household.id}/evaluation?documentId=${doc.id}`);
    expect(block.body.items[0].evaluation).toBeNull();

    const sse = await openSse(`${server.url}/api/households/${household.id}/events`, { cookie: api.observer.cookie! });
    await sse.next((m) => m.event === 'ready');
    const saved = await api.partner.put(url, {
      actionId: a.id,
      verdict: 'niet_gelukt',
      reason: 'niet_uitgevoerd_door_partner',
      note: 'Niet aangemeld',
      version: 0,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.evaluation).toMatchObject({ verdict: 'niet_gelukt', reason: 'niet_uitgevoerd_door_partner', note: 'Niet aangemeld' });
    const live = await sse.next((m) => m.event === 'evaluation.updated');
    expect(live.json().payload.evaluation).toMatchObject({ reason: 'niet_uitgevoerd_door_partner', note: 'Niet aangemeld' });
    sse.close();
    const [row] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.householdId, household.id), eq(auditLog.event, 'meeting.evaluation')));
    expect(row!.details).toMatchObject({ verdict: 'niet_gelukt', reason: 'niet_uitgevoerd_door_partner' });

    // Another verdict carries no reason, whatever the client sends.
    const loopt = await api.partner.put(url, { actionId: a.id, verdict: 'loopt', reason: 'omstandigheden_gewijzigd', note: '', version: 1 });
    expect(loopt.body.evaluation).toMatchObject({ verdict: 'loopt', reason: null });
  });
});

describe('"niet uitgevoerd door de partner" per organisation in the overview', () => {
  async function evaluate(api: ApiClient, documentId: string, actionId: string, reason: string, version = 0) {
    const res = await api.put(`/api/documents/${documentId}/evaluations`, { actionId, verdict: 'niet_gelukt', reason, note: 'Niet gedaan', version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }

  it('counts distinct agreements per owning organisation over the last three months, only in households the user directs', async () => {
    const regie = await createUser(db(), { kind: 'gemeente' });
    const other = await createUser(db(), { kind: 'gemeente' });
    const [politie, jeugdzorg, wijkteam] = await Promise.all([
      createOrganization(db(), 'politie'),
      createOrganization(db(), 'jeugdzorg'),
      createOrganization(db(), 'wijkteam'),
    ]);
    const claimer = await createUser(db(), { organizationId: wijkteam.id });
    const mine = await createHousehold(db(), { regievoerderId: regie.id });
    const notMine = await createHousehold(db(), { regievoerderId: other.id });
    await addParticipant(db(), mine.id, claimer.id, 'partner');
    const api = await sessionClient(server, regie.id);
    const otherApi = await sessionClient(server, other.id);

    const recent = await meeting(mine.id, new Date(NOW.getTime() - 10 * DAY));
    const earlier = await meeting(mine.id, new Date(NOW.getTime() - 40 * DAY));
    const old = await meeting(mine.id, new Date(NOW.getTime() - 100 * DAY));
    const act = (title: string, ownerOrganizationId: string | null) => createActionVia(api, mine.id, { title, ownerOrganizationId });
    const p1 = await act('Politie 1', politie.id);
    const p2 = await act('Politie 2', politie.id);
    const j1 = await act('Jeugdzorg 1', jeugdzorg.id);
    const j2 = await act('Jeugdzorg 2', jeugdzorg.id);
    const unowned = await act('Zonder eigenaar', null);
    await evaluate(api, recent.id, p1.id, 'niet_uitgevoerd_door_partner');
    await evaluate(api, earlier.id, p1.id, 'niet_uitgevoerd_door_partner'); // the same agreement again: counts once
    await evaluate(api, earlier.id, p2.id, 'niet_uitgevoerd_door_partner');
    await evaluate(api, recent.id, j1.id, 'niet_uitgevoerd_door_partner');
    await evaluate(api, recent.id, j2.id, 'omstandigheden_gewijzigd'); // another reason: not counted
    await evaluate(api, old.id, j2.id, 'niet_uitgevoerd_door_partner'); // more than three months ago: not counted
    // Unowned, claimed by a wijkteam worker: counted for the wijkteam.
    expect((await (await sessionClient(server, claimer.id)).post(`/api/actions/${unowned.id}/claim`)).status).toBe(200);
    await evaluate(api, recent.id, unowned.id, 'niet_uitgevoerd_door_partner');
    // In a household this user does not direct: not counted for them.
    const theirs = await createActionVia(otherApi, notMine.id, { title: 'Elders', ownerOrganizationId: politie.id });
    await evaluate(otherApi, (await meeting(notMine.id, new Date(NOW.getTime() - DAY))).id, theirs.id, 'niet_uitgevoerd_door_partner');

    const overview = await api.get('/api/overview');
    expect(overview.status).toBe(200);
    expect(overview.body.notCarriedOut.since).toBe('2025-12-10T10:00:00.000Z');
    // Most first; ties by name.
    const ties = [
      [jeugdzorg.name, 1],
      [wijkteam.name, 1],
    ].sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(overview.body.notCarriedOut.organizations.map((r: any) => [r.organization.name, r.count])).toEqual([[politie.name, 2], ...ties]);
    const otherOverview = await otherApi.get('/api/overview');
    expect(otherOverview.body.notCarriedOut.organizations).toEqual([{ organization: { id: politie.id, name: politie.name, kind: 'politie' }, count: 1 }]);
  });
});
