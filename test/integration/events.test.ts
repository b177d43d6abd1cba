import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { authorizeHousehold } from '../../server/access/authorize.ts';
import { and, eq } from 'drizzle-orm';
import { participations } from '../../server/db/schema.ts';
import { appendHouseholdEvent, householdTopic } from '../../server/realtime/events.ts';
import { HouseholdEventStreams } from '../../server/realtime/sse.ts';
import { generateSessionToken } from '../../server/auth/session.ts';
import type { AppEnv } from '../../server/context.ts';
import { householdWithCast } from '../support/factories.ts';
import { createActionVia } from '../support/board.ts';
import { openSse } from '../support/sse.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
const db = () => server.database.db;
const streamUrl = (householdId: string, query = '') => `${server.url}/api/households/${householdId}/events${query}`;

/** A partner's stream straight from HouseholdEventStreams with a 30 ms heartbeat, read as text. */
async function partnerStream() {
  const { household, users } = await householdWithCast(db(), server.url);
  const streams = new HouseholdEventStreams(server.deps, 30);
  const app = new Hono<AppEnv>();
  const p = users.partner;
  const user = {
    id: p.id,
    email: p.email,
    name: p.name,
    admin: false,
    organization: { id: p.organizationId, name: 'x', kind: 'politie' },
    secondFactor: false,
  };
  const session = await server.deps.sessions.createSession(generateSessionToken(), p.id);
  const grant = await authorizeHousehold(db(), { user, ip: null }, household.id, 'readBoard');
  app.get('/s', (c) => streams.respond(c, grant, session, null, Date.now()));
  const res = await app.request('/s');
  return { streams, household, users, reader: res.body!.pipeThrough(new TextDecoderStream()).getReader() };
}

describe('household event stream', () => {
  it('starts with `ready` at the current seq and then streams live changes as they happen', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const a = await createActionVia(api.regie, household.id);
    const sse = await openSse(streamUrl(household.id), { cookie: api.partner.cookie! });
    expect(sse.status).toBe(200);
    const ready = await sse.next();
    expect(ready.event).toBe('ready');
    expect(ready.json()).toEqual({ householdId: household.id, seq: 1, resumeFrom: 1 });
    await api.regie.post(`/api/actions/${a.id}/claim`);
    const claimed = await sse.next();
    expect(claimed.event).toBe('action.updated');
    expect(claimed.id).toBe('2');
    expect(claimed.json()).toMatchObject({
      householdId: household.id,
      seq: 2,
      type: 'action.updated',
      payload: { action: { id: a.id, status: 'claimed', version: 2 } },
    });
    const created = await createActionVia(api.partner, household.id);
    const msg = await sse.next();
    expect(msg.event).toBe('action.created');
    expect(msg.json().payload.action.id).toBe(created.id);
    sse.close();
  });

  it('a client that disconnects, misses three changes and reconnects with Last-Event-ID receives exactly those three, in order', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const a = await createActionVia(api.regie, household.id);
    const first = await openSse(streamUrl(household.id, '?lastEventId=0'), { cookie: api.observer.cookie! });
    const [seen] = await first.take(1);
    expect(seen!.id).toBe('1');
    first.close();
    await first.ended;

    await api.partner.post(`/api/actions/${a.id}/claim`);
    await api.partner.patch(`/api/actions/${a.id}`, { title: 'Intake met tolk', version: 2 });
    await api.partner.post(`/api/actions/${a.id}/complete`, { note: 'Klaar' });

    const again = await openSse(streamUrl(household.id), { cookie: api.observer.cookie!, 'last-event-id': seen!.id! });
    const ready = await again.next();
    expect(ready.json()).toMatchObject({ seq: 4, resumeFrom: 1 });
    const missed = await again.take(3);
    expect(missed.map((m) => m.id)).toEqual(['2', '3', '4']);
    expect(missed.map((m) => m.json().payload.action.version)).toEqual([2, 3, 4]);
    expect(missed.map((m) => m.json().payload.action.status)).toEqual(['claimed', 'claimed', 'done']);
    // Nothing else is pending: the next message is the next live change, not a duplicate.
    await api.regie.post(`/api/actions/${a.id}/reopen`);
    expect((await again.next((m) => m.event !== 'ready')).id).toBe('5');
    again.close();
  });

  it('fills a gap from the database when a live message skips a sequence number', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const sse = await openSse(streamUrl(household.id), { cookie: api.partner.cookie! });
    await sse.next((m) => m.event === 'ready');
    // Two committed events, of which only the second one is announced (e.g. publishes crossed between processes).
    const events = await db().transaction(async (tx) => {
      const e1 = await appendHouseholdEvent(tx, household.id, 'evaluation.updated', { documentId: 'x', evaluation: null as never }, new Date());
      const e2 = await appendHouseholdEvent(tx, household.id, 'evaluation.updated', { documentId: 'y', evaluation: null as never }, new Date());
      return [e1, e2];
    });
    server.deps.hub.publish(householdTopic(household.id), events[1]);
    const got = await sse.take(2);
    expect(got.map((m) => [m.id, m.json().payload.documentId])).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
    // A late duplicate of the first is ignored.
    server.deps.hub.publish(householdTopic(household.id), events[0]);
    await createActionVia(api.regie, household.id);
    expect((await sse.next()).id).toBe('3');
    sse.close();
  });

  it('still delivers an event whose live announcement was lost (reconciles with the database)', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const sse = await openSse(streamUrl(household.id), { cookie: api.partner.cookie! });
    await sse.next((m) => m.event === 'ready');
    await db().transaction((tx) => appendHouseholdEvent(tx, household.id, 'evaluation.updated', { documentId: 'z', evaluation: null as never }, new Date()));
    const got = await sse.next();
    expect([got.id, got.json().payload.documentId]).toEqual(['1', 'z']);
    sse.close();
  });

  it('answers an outsider and an admin without participation with 404, like a missing household', async () => {
    const { household, api } = await householdWithCast(db(), server.url);
    const outsider = await openSse(streamUrl(household.id), { cookie: api.outsider.cookie! });
    const missing = await openSse(streamUrl(crypto.randomUUID()), { cookie: api.outsider.cookie! });
    expect(outsider.status).toBe(404);
    expect(outsider.body).toEqual(missing.body);
    expect((await openSse(streamUrl(household.id), { cookie: api.admin.cookie! })).status).toBe(404);
    expect((await openSse(streamUrl(household.id))).status).toBe(401);
    expect((await openSse(streamUrl(household.id, '?lastEventId=abc'), { cookie: api.partner.cookie! })).status).toBe(400);
  });

  it('ends the stream of a participant who is removed from the household', async () => {
    const { household, api, users } = await householdWithCast(db(), server.url);
    const sse = await openSse(streamUrl(household.id), { cookie: api.partner.cookie! });
    await sse.next((m) => m.event === 'ready');
    const other = await openSse(streamUrl(household.id), { cookie: api.observer.cookie! });
    await other.next((m) => m.event === 'ready');
    expect((await api.regie.delete(`/api/households/${household.id}/participants/${users.partner.id}`)).status).toBe(204);
    const revoked = await sse.next();
    expect(revoked.event).toBe('revoked');
    await sse.ended;
    // Others keep streaming: they see the new participant list, then the next change.
    expect((await other.next()).event).toBe('participants.updated');
    await createActionVia(api.regie, household.id);
    expect((await other.next()).event).toBe('action.created');
    other.close();
    expect((await openSse(streamUrl(household.id), { cookie: api.partner.cookie! })).status).toBe(404);
  });

  it('ends every open stream when the server shuts down', async () => {
    const own = await startTestServer({ database: server.database });
    const { household, api } = await householdWithCast(db(), own.url);
    const sse = await openSse(`${own.url}/api/households/${household.id}/events`, { cookie: api.partner.cookie! });
    await sse.next((m) => m.event === 'ready');
    await own.close();
    await sse.ended;
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    const { streams, reader } = await partnerStream();
    let text = '';
    while (!text.includes(': ping')) text += (await reader.read()).value ?? '';
    expect(text).toMatch(/^event: ready\n/);
    expect(streams.size).toBe(1);
    await streams.closeAll();
    expect(streams.size).toBe(0);
  });

  it('re-checks access periodically, so a removal nobody announced still ends the stream', async () => {
    const { streams, reader, household, users } = await partnerStream();
    let text = '';
    while (!text.includes('event: ready')) text += (await reader.read()).value ?? '';
    await db()
      .delete(participations)
      .where(and(eq(participations.householdId, household.id), eq(participations.userId, users.partner.id)));
    await server.deps.live.sweep();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    expect(text).toContain('event: revoked');
    expect(streams.size).toBe(0);
  });
});
