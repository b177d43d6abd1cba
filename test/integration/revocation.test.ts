// One revocation signal ends every live channel: logout, session expiry, a disabled account and a removed
// participation each close the document socket AND end the event stream within 1 s, and a revoked stream
// delivers no event made after the revocation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '../../server/db/schema.ts';
import { CloseCode } from '../../shared/limits.ts';
import { householdWithCast } from '../support/factories.ts';
import { createActionVia } from '../support/board.ts';
import { openSse } from '../support/sse.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { expectBothEnd, openChannels, within } from '../support/revocation.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('revocation ends the socket and the stream at once', () => {
  it('logout: both end within 1 s, and the stream delivers no event made after the logout', async () => {
    const cast = await householdWithCast(server.database.db, server.url);
    const ch = await openChannels(server, cast);
    expect((await cast.api.partner.post('/api/auth/logout')).status).toBe(204);
    await createActionVia(cast.api.regie, cast.household.id);
    await expectBothEnd(ch, CloseCode.Unauthorized, /uitgelogd/);
    await expect(ch.sse.next((m) => m.event === 'action.created', 0)).rejects.toThrow();
    expect(server.deps.live.size).toBe(0);
  });

  it('a disabled account: the beheerder switches it off and both end within 1 s; its sessions are gone', async () => {
    const cast = await householdWithCast(server.database.db, server.url);
    const ch = await openChannels(server, cast);
    const res = await cast.api.admin.patch(`/api/users/${cast.users.partner.id}`, { disabled: true });
    expect(res.status).toBe(200);
    await expectBothEnd(ch, CloseCode.Unauthorized, /beëindigd/);
    expect(await server.database.db.select().from(sessions).where(eq(sessions.userId, cast.users.partner.id))).toHaveLength(0);
    // Only a beheerder may, and not on their own account.
    expect((await cast.api.regie.patch(`/api/users/${cast.users.observer.id}`, { disabled: true })).status).toBe(403);
    expect((await cast.api.admin.patch(`/api/users/${cast.users.admin.id}`, { disabled: true })).body.error.code).toBe('OWN_ACCOUNT');
  });

  it('a removed participation: both end within 1 s with 4403; the other participants keep theirs', async () => {
    const cast = await householdWithCast(server.database.db, server.url);
    const ch = await openChannels(server, cast);
    const other = await openSse(`${server.url}/api/households/${cast.household.id}/events`, { cookie: cast.api.observer.cookie! });
    await other.next((m) => m.event === 'ready');
    expect((await cast.api.regie.delete(`/api/households/${cast.household.id}/participants/${cast.users.partner.id}`)).status).toBe(204);
    await expectBothEnd(ch, CloseCode.Forbidden, /niet meer deel/);
    await createActionVia(cast.api.regie, cast.household.id);
    expect((await other.next((m) => m.event === 'action.created')).event).toBe('action.created');
    other.close();
  });
});

describe('session expiry (real time)', () => {
  let short: TestServer;
  // Sessions of 4 s: the lifetime runs out while the channels are open and no request slides it.
  beforeAll(async () => {
    short = await startTestServer({ database: server.database, config: { sessionDays: 4 / 86_400 } });
  });
  afterAll(() => short?.close());

  it('ends the socket and the stream within 1 s of the moment the session expires', async () => {
    const cast = await householdWithCast(server.database.db, short.url);
    const ch = await openChannels(short, cast);
    const [s] = await server.database.db.select().from(sessions).where(eq(sessions.userId, cast.users.partner.id));
    const left = s!.expiresAt.getTime() - Date.now();
    expect(left).toBeGreaterThan(0);
    // Still open just before the expiry…
    await new Promise((r) => setTimeout(r, Math.max(0, left - 300)));
    expect(ch.socket.ws.readyState).toBe(ch.socket.ws.OPEN);
    // …and both gone within 1 s after it.
    await within(1_300, Promise.all([ch.socket.closed, ch.sse.ended]), 'socket and stream ending after expiry');
    expect((await ch.socket.closed).reason).toMatch(/verlopen/);
  });
});
