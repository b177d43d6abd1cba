// NEN 7513 on reads and refusals: every read of a household's data leaves an audit row, and so does every
// refused attempt (who, what was tried, the answer). The functioneel beheerder cannot make themself a
// participant, and their participation changes carry a reason the regievoerder sees in the Logboek.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, documents } from '../../server/db/schema.ts';
import { CloseCode } from '../../shared/limits.ts';
import { createUser, householdWithCast } from '../support/factories.ts';
import { createActionVia } from '../support/board.ts';
import { rawSocket } from '../support/collab.ts';
import { openSse } from '../support/sse.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
const db = () => server.database.db;

const rowsOf = (userId: string, event: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.userId, userId), eq(auditLog.event, event)))
    .orderBy(auditLog.id);

describe('audit of reads', () => {
  it('reading the board, an action, its history, document metadata, versions, attendance, the evaluation block and opening the stream each leave a row', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const action = await createActionVia(api.regie, household.id);
    const meeting = (await api.regie.post(`/api/households/${household.id}/meetings`, { title: 'Casusoverleg', meetingAt: new Date().toISOString() })).body
      .document;
    const reads: [string, string, string][] = [
      [`/api/households/${household.id}/actions`, 'board.view', household.id],
      [`/api/actions/${action.id}`, 'action.view', action.id],
      [`/api/actions/${action.id}/history`, 'action.history', action.id],
      [`/api/documents/${meeting.id}`, 'document.view', meeting.id],
      [`/api/documents/${meeting.id}/versions`, 'document.versions', meeting.id],
      [`/api/documents/${meeting.id}/attendance`, 'meeting.attendance_view', meeting.id],
      [`/api/households/${household.id}/evaluation?documentId=${meeting.id}`, 'meeting.evaluation_view', meeting.id],
    ];
    for (const [path, event, target] of reads) {
      expect((await api.observer.get(path)).status, path).toBe(200);
      // The row is written before the answer is sent.
      const rows = await rowsOf(users.observer.id, event);
      expect(rows, event).toHaveLength(1);
      expect(rows[0]).toMatchObject({ householdId: household.id, target, organizationId: users.observer.organizationId });
    }
    const sse = await openSse(`${server.url}/api/households/${household.id}/events`, { cookie: api.observer.cookie! });
    await sse.next((m) => m.event === 'ready');
    expect(await rowsOf(users.observer.id, 'events.open')).toMatchObject([{ householdId: household.id }]);
    sse.close();
    // The regievoerder sees them in the Logboek.
    const logboek = await api.regie.get(`/api/households/${household.id}/audit`);
    expect(logboek.body.entries.filter((e: any) => e.userId === users.observer.id).map((e: any) => e.event)).toEqual(
      expect.arrayContaining([
        'board.view',
        'action.view',
        'action.history',
        'document.view',
        'document.versions',
        'meeting.attendance_view',
        'meeting.evaluation_view',
        'events.open',
      ]),
    );
  });
});

describe('audit of refused attempts', () => {
  it('records a probe with a NUL or a lone surrogate in an id as well (stored with U+FFFD in their place)', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    for (const id of ['%00abc', '%ED%A0%80x']) {
      expect((await api.regie.get(`/api/households/${household.id}/evaluation?documentId=${id}`)).status).toBe(404);
    }
    await server.deps.auditWriter.flush();
    const rows = await rowsOf(users.regie.id, 'access.refused');
    // Both refusals are in the trail; the NUL is stored as U+FFFD (the database refuses NUL in text).
    expect(rows).toHaveLength(2);
    expect(rows.some((r) => r.target === '\uFFFDabc')).toBe(true);
  });

  it('records who tried what on which household and the answer, for 404 and 403, over HTTP and the socket', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const action = await createActionVia(api.regie, household.id);
    expect((await api.outsider.get(`/api/actions/${action.id}/history`)).status).toBe(404);
    expect((await api.observer.patch(`/api/households/${household.id}`, { displayName: 'Gezin Anders' })).status).toBe(403);
    const missing = crypto.randomUUID();
    expect((await api.outsider.get(`/api/households/${missing}`)).status).toBe(404);
    const [plan] = await db()
      .select()
      .from(documents)
      .where(and(eq(documents.householdId, household.id), eq(documents.kind, 'plan')));
    expect((await rawSocket(server.url, api.outsider.cookie, plan!.id).closed).code).toBe(CloseCode.Forbidden);

    const outsider = await rowsOf(users.outsider.id, 'access.refused');
    expect(outsider.map((r) => [r.householdId, r.target, r.details])).toEqual([
      [
        household.id,
        action.id,
        expect.objectContaining({ resource: 'action', tried: 'readBoard', answer: 404, via: 'http', request: `GET /api/actions/${action.id}/history` }),
      ],
      [null, missing, expect.objectContaining({ resource: 'household', tried: 'view', answer: 404 })],
      [household.id, plan!.id, expect.objectContaining({ resource: 'document', tried: 'read', answer: 404, via: 'socket' })],
    ]);
    expect(await rowsOf(users.observer.id, 'access.refused')).toMatchObject([
      { householdId: household.id, target: household.id, details: { resource: 'household', tried: 'update', answer: 403 } },
    ]);
  });
});

describe('the functioneel beheerder and participations', () => {
  it('cannot make themself a participant, not even as regievoerder of a new household; the attempt is audited', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const self = await api.admin.post(`/api/households/${household.id}/participants`, {
      userId: users.admin.id,
      role: 'regievoerder',
      reason: 'Ik wil meelezen',
    });
    expect(self.status).toBe(403);
    expect(self.body.error).toMatchObject({ code: 'SELF_PARTICIPATION', message: expect.stringMatching(/jezelf niet/) });
    expect((await api.admin.get(`/api/households/${household.id}/actions`)).status).toBe(404);
    const created = await api.admin.post('/api/households', {
      reference: `HG-SELF-${Date.now()}`,
      displayName: 'Gezin Zelf',
      regievoerderId: users.admin.id,
      grondslag: 'huisverbod_wth',
      referringOrganizationId: users.regie.organizationId,
    });
    expect(created.status).toBe(403);
    expect(created.body.error.code).toBe('SELF_PARTICIPATION');
    expect(await rowsOf(users.admin.id, 'access.refused')).toMatchObject([
      { householdId: household.id, details: { tried: 'selfParticipation', answer: 403 } },
      { householdId: household.id, details: { resource: 'household', tried: 'readBoard', answer: 404 } },
      { householdId: null, details: { tried: 'selfParticipation', answer: 403 } },
    ]);
  });

  it('must give a reason to add, change or remove a participant; the regievoerder reads it in the Logboek', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const newcomer = await createUser(db(), { kind: 'jeugdzorg' });
    const path = `/api/households/${household.id}/participants`;
    const bare = await api.admin.post(path, { userId: newcomer.id, role: 'partner' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.issues[0].path).toBe('reason');
    expect((await api.admin.post(path, { userId: newcomer.id, role: 'partner', reason: 'kort' })).status).toBe(400);
    expect((await api.admin.post(path, { userId: newcomer.id, role: 'partner', reason: 'Jeugdzorg sluit aan op verzoek van de gemeente' })).status).toBe(201);
    expect((await api.admin.post(path, { userId: newcomer.id, role: 'observer', reason: 'Alleen nog meekijken' })).status).toBe(200);
    expect((await api.admin.delete(`${path}/${newcomer.id}`)).status).toBe(400);
    expect((await api.admin.delete(`${path}/${newcomer.id}`, { reason: 'Traject bij jeugdzorg afgesloten' })).status).toBe(204);
    // The regievoerder needs none (they direct the household).
    expect((await api.regie.post(path, { userId: newcomer.id, role: 'partner' })).status).toBe(201);

    const logboek = await api.regie.get(`/api/households/${household.id}/audit`);
    const changes = logboek.body.entries.filter((e: any) => e.target === newcomer.id).reverse();
    expect(changes.map((e: any) => [e.event, e.details.reason ?? null])).toEqual([
      ['participant.add', 'Jeugdzorg sluit aan op verzoek van de gemeente'],
      ['participant.change', 'Alleen nog meekijken'],
      ['participant.remove', 'Traject bij jeugdzorg afgesloten'],
      ['participant.add', null],
    ]);
  });
});
