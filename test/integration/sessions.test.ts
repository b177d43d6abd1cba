import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '../../server/db/schema.ts';
import { generateSessionToken, SessionStore } from '../../server/auth/session.ts';
import { ApiClient } from '../support/client.ts';
import { createUser } from '../support/factories.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

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
