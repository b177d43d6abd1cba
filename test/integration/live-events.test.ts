// What keeps open screens true without a reload: attendance, new versions and the participant list arrive on
// the household's event stream; a user's own stream (/api/me/events) says when they were added to or removed
// from a household and when their session ended; the reason for heropenen is on the document and in the audit.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../server/db/schema.ts';
import { createUser, householdWithCast } from '../support/factories.ts';
import { useCollabServer } from '../support/collab.ts';
import { openSse } from '../support/sse.ts';
import { ApiClient } from '../support/client.ts';

const env = useCollabServer();

async function withMeeting() {
  const c = await householdWithCast(env.server.database.db, env.server.url);
  const res = await c.api.regie.post(`/api/households/${c.household.id}/meetings`, {
    title: 'Casusoverleg',
    meetingAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  return { ...c, doc: res.body.document as { id: string } };
}

const householdStream = async (householdId: string, api: ApiClient) => {
  const sse = await openSse(`${env.server.url}/api/households/${householdId}/events`, { cookie: api.cookie! });
  await sse.next((m) => m.event === 'ready');
  return sse;
};

describe('live household events', () => {
  it('attendance marked by the regievoerder reaches every open screen of the meeting', async () => {
    const { household, api, users, doc } = await withMeeting();
    const sse = await householdStream(household.id, api.observer);
    await api.regie.put(`/api/documents/${doc.id}/attendance`, { userId: users.partner.id, present: true });
    const e = (await sse.next((m) => m.event === 'attendance.updated')).json();
    expect(e.payload.documentId).toBe(doc.id);
    expect(e.payload.attendance.find((a: any) => a.user.id === users.partner.id)).toMatchObject({ present: true, organization: { kind: 'politie' } });
    sse.close();
  });

  it('a saved version appears in every open versions list', async () => {
    const { household, api, users, doc } = await withMeeting();
    const sse = await householdStream(household.id, api.partner);
    const saved = await api.partner.post(`/api/documents/${doc.id}/versions`, { name: 'Tussenstand' });
    expect(saved.status).toBe(201);
    const e = (await sse.next((m) => m.event === 'version.created')).json();
    expect(e.payload).toMatchObject({ documentId: doc.id, version: { id: saved.body.version.id, name: 'Tussenstand', createdBy: { id: users.partner.id } } });
    sse.close();
  });

  it('adding and removing a participant updates the household’s participant list live and the user’s own stream', async () => {
    const { household, api } = await householdWithCast(env.server.database.db, env.server.url);
    const newcomer = await createUser(env.server.database.db, { kind: 'jeugdzorg' });
    const newcomerApi = await new ApiClient(env.server.url).login(newcomer.email);
    const mine = await openSse(`${env.server.url}/api/me/events`, { cookie: newcomerApi.cookie! });
    await mine.next((m) => m.event === 'ready');
    const sse = await householdStream(household.id, api.partner);

    expect((await api.regie.post(`/api/households/${household.id}/participants`, { userId: newcomer.id, role: 'partner' })).status).toBe(201);
    expect((await mine.next((m) => m.event === 'participation')).json()).toEqual({ householdId: household.id, role: 'partner', level: 'volledig' });
    const added = (await sse.next((m) => m.event === 'participants.updated')).json();
    expect(added.payload.participants.map((p: any) => p.user.id)).toContain(newcomer.id);
    expect((await newcomerApi.get('/api/households')).body.households.map((h: any) => h.id)).toContain(household.id);

    expect((await api.regie.delete(`/api/households/${household.id}/participants/${newcomer.id}`)).status).toBe(204);
    expect((await mine.next((m) => m.event === 'participation')).json()).toEqual({ householdId: household.id, role: null, level: null });
    const removed = (await sse.next((m) => m.event === 'participants.updated')).json();
    expect(removed.payload.participants.map((p: any) => p.user.id)).not.toContain(newcomer.id);
    mine.close();
    sse.close();
  });

  it('the user stream needs a session, carries only the user’s own changes, and says "ended" on logout', async () => {
    const { household, api, users } = await householdWithCast(env.server.database.db, env.server.url);
    expect((await openSse(`${env.server.url}/api/me/events`)).status).toBe(401);
    const partnerStream = await openSse(`${env.server.url}/api/me/events`, { cookie: api.partner.cookie! });
    await partnerStream.next((m) => m.event === 'ready');
    // The observer's role change is not the partner's business.
    await api.regie.post(`/api/households/${household.id}/participants`, { userId: users.observer.id, role: 'partner' });
    await api.regie.post(`/api/households/${household.id}/participants`, { userId: users.partner.id, role: 'observer' });
    expect((await partnerStream.next((m) => m.event !== 'ready')).json()).toEqual({ householdId: household.id, role: 'observer', level: 'volledig' });
    await api.partner.post('/api/auth/logout');
    expect((await partnerStream.next((m) => m.event === 'ended')).event).toBe('ended');
    await partnerStream.ended;
  });

  it('heropenen keeps its reason on the document (with who and when) and in the audit log', async () => {
    const { household, api, users, doc } = await withMeeting();
    await api.regie.post(`/api/documents/${doc.id}/establish`, { name: 'Verslag' });
    const sse = await householdStream(household.id, api.partner);
    expect((await api.regie.post(`/api/documents/${doc.id}/reopen`, { reason: 'Aanwezigheid politie ontbrak' })).status).toBe(200);
    const e = (await sse.next((m) => m.event === 'document.updated')).json();
    expect(e.payload.document).toMatchObject({ id: doc.id, lockedAt: null, reopenReason: 'Aanwezigheid politie ontbrak' });
    const read = await api.partner.get(`/api/documents/${doc.id}`);
    expect(read.body.document).toMatchObject({ reopenReason: 'Aanwezigheid politie ontbrak', reopenedBy: { id: users.regie.id, name: users.regie.name } });
    expect(Date.parse(read.body.document.reopenedAt)).toBeGreaterThan(0);
    const log = await api.regie.get(`/api/households/${household.id}/audit`);
    expect(log.body.household).toEqual({ id: household.id, reference: household.reference, displayName: household.displayName });
    expect(log.body.entries.find((r: any) => r.event === 'document.unlock').details).toEqual({ reason: 'Aanwezigheid politie ontbrak' });
    const rows = await env.server.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, doc.id), eq(auditLog.event, 'document.unlock')));
    expect(rows).toHaveLength(1);
    sse.close();
  });
});
