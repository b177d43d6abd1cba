import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '../../server/db/schema.ts';
import { generateSessionToken, SessionStore } from '../../server/auth/session.ts';
import { ApiClient } from '../support/client.ts';
import { createUser } from '../support/factories.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { LocalHub, type Hub } from '../../server/realtime/hub.ts';
import { announceAccountRevoked } from '../../server/access/revocation.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('sessions (Lucia-style)', () => {
  it('slides the expiry forward once less than half of the lifetime is left', async () => {
    const user = await createUser(server.database.db);
    const store = new SessionStore(server.database.db, 14);
    const token = generateSessionToken();
    const session = await store.createSession(token, user.id);
    const soon = new Date(Date.now() + 3 * 86_400_000);
    await server.database.db.update(sessions).set({ expiresAt: soon }).where(eq(sessions.id, session.id));
    const result = await store.validateSessionToken(token);
    expect(result.fresh).toBe(true);
    expect(result.session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    const [row] = await server.database.db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(row!.expiresAt.getTime()).toBe(result.session!.expiresAt.getTime());
  });

  it('refuses and deletes an expired session', async () => {
    const user = await createUser(server.database.db);
    const api = await new ApiClient(server.url).login(user.email);
    await server.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user.id));
    expect((await api.get('/api/me')).status).toBe(401);
    expect(await server.database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });

  it('invalidates every session of a user at once', async () => {
    const user = await createUser(server.database.db);
    const a = await new ApiClient(server.url).login(user.email);
    const b = await new ApiClient(server.url).login(user.email);
    await server.deps.sessions.invalidateUserSessions(user.id);
    expect((await a.get('/api/me')).status).toBe(401);
    expect((await b.get('/api/me')).status).toBe(401);
  });

  it('a disabled account cannot use its session or log in', async () => {
    const { users } = await import('../../server/db/schema.ts');
    const user = await createUser(server.database.db);
    const api = await new ApiClient(server.url).login(user.email);
    await server.database.db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
    expect((await api.get('/api/me')).status).toBe(401);
    const again = await new ApiClient(server.url).post('/api/auth/login', { email: user.email, password: 'test-password-123' });
    expect(again.status).toBe(401);
  });
});

describe('the session cache (SESSION_CACHE_MS)', () => {
  const hub = (healthy: () => boolean): Hub & { published: unknown[] } => {
    const local = new LocalHub();
    const deliver = local.publish.bind(local);
    const published: unknown[] = [];
    return Object.assign(local, {
      published,
      healthy,
      publish: (topic: string, m: unknown) => {
        published.push(m);
        deliver(topic, m);
      },
    }) as unknown as Hub & { published: unknown[] };
  };
  const deleteRow = (id: string) => server.database.db.delete(sessions).where(eq(sessions.id, id));

  it('a burst of requests costs one lookup: a validated session is served from memory', async () => {
    const user = await createUser(server.database.db);
    const store = new SessionStore(server.database.db, 14, { hub: hub(() => true), cacheMs: 60_000 });
    const token = generateSessionToken();
    const session = await store.createSession(token, user.id);
    expect((await store.validateSessionToken(token)).user?.id).toBe(user.id);
    // Gone from the database behind the store's back (a DBA): the cache still answers until it expires.
    await deleteRow(session.id);
    expect((await store.validateSessionToken(token)).user?.id).toBe(user.id);
    store.close();
  });

  it('ending a session, a user’s sessions, or a second factor passed reaches the cache before the call returns', async () => {
    const user = await createUser(server.database.db);
    const h = hub(() => true);
    const store = new SessionStore(server.database.db, 14, { hub: h, cacheMs: 60_000 });
    const [t1, t2] = [generateSessionToken(), generateSessionToken()];
    const s1 = await store.createSession(t1, user.id);
    await store.createSession(t2, user.id);
    await store.validateSessionToken(t1);
    await store.validateSessionToken(t2);
    await store.upgradeSession(s1.id, 'totp');
    expect((await store.validateSessionToken(t1)).user?.secondFactor).toBe(true);
    expect(h.published).toContainEqual({ sessionId: s1.id });
    await store.invalidateSession(s1.id);
    expect((await store.validateSessionToken(t1)).session).toBeNull();
    await store.invalidateUserSessions(user.id);
    expect((await store.validateSessionToken(t2)).session).toBeNull();
    store.close();
  });

  it('another process’s revocation (an account disabled) empties this cache', async () => {
    const user = await createUser(server.database.db);
    const h = hub(() => true);
    const store = new SessionStore(server.database.db, 14, { hub: h, cacheMs: 60_000 });
    const token = generateSessionToken();
    const session = await store.createSession(token, user.id);
    await store.validateSessionToken(token);
    await deleteRow(session.id);
    await announceAccountRevoked(h, user.id);
    expect((await store.validateSessionToken(token)).session).toBeNull();
    store.close();
  });

  it('a lookup that overlapped an invalidation is not kept', async () => {
    const user = await createUser(server.database.db);
    const store = new SessionStore(server.database.db, 14, { hub: hub(() => true), cacheMs: 60_000 });
    const token = generateSessionToken();
    const session = await store.createSession(token, user.id);
    const reading = store.validateSessionToken(token);
    store.forget({ userId: user.id });
    expect((await reading).user?.id).toBe(user.id);
    await deleteRow(session.id);
    expect((await store.validateSessionToken(token)).session).toBeNull();
    store.close();
  });

  it('is bypassed while the hub is down (its messages may be lost) and emptied when it is back', async () => {
    const user = await createUser(server.database.db);
    let up = true;
    const h = hub(() => up);
    let reconnect = () => {};
    h.onReconnect = (l) => {
      reconnect = l;
      return () => {};
    };
    const store = new SessionStore(server.database.db, 14, { hub: h, cacheMs: 60_000 });
    const token = generateSessionToken();
    const session = await store.createSession(token, user.id);
    await store.validateSessionToken(token);
    up = false;
    await deleteRow(session.id);
    expect((await store.validateSessionToken(token)).session).toBeNull();
    // Back up: whatever was cached before the outage is gone.
    up = true;
    const other = generateSessionToken();
    const s2 = await store.createSession(other, user.id);
    await store.validateSessionToken(other);
    reconnect();
    await deleteRow(s2.id);
    expect((await store.validateSessionToken(other)).session).toBeNull();
    store.close();
  });

  it('is off without a hub or with SESSION_CACHE_MS=0', async () => {
    const user = await createUser(server.database.db);
    for (const store of [new SessionStore(server.database.db, 14), new SessionStore(server.database.db, 14, { hub: hub(() => true), cacheMs: 0 })]) {
      const token = generateSessionToken();
      const session = await store.createSession(token, user.id);
      await store.validateSessionToken(token);
      await deleteRow(session.id);
      expect((await store.validateSessionToken(token)).session).toBeNull();
    }
  });
});
