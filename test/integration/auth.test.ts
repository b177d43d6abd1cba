import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, sessions } from '../../server/db/schema.ts';
import { sessionIdFromToken } from '../../server/auth/session.ts';
import { ApiClient, TEST_PASSWORD } from '../support/client.ts';
import { createUser } from '../support/factories.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('login and sessions', () => {
  it('logs in with the right password and answers /api/me with the user and organisation', async () => {
    const user = await createUser(server.database.db, { kind: 'politie' });
    const api = new ApiClient(server.url);
    const res = await api.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(user.email);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await api.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: user.id, email: user.email, admin: false, organization: { kind: 'politie' } });
  });

  it('stores only the SHA-256 hash of the session token', async () => {
    const user = await createUser(server.database.db);
    const api = await new ApiClient(server.url).login(user.email);
    const token = api.cookie!.split('=')[1]!;
    const rows = await server.database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(sessionIdFromToken(token));
    expect(rows[0]!.id).not.toContain(token);
  });

  it('refuses a wrong password with 401 INVALID_CREDENTIALS and audits the failure', async () => {
    const user = await createUser(server.database.db);
    const res = await new ApiClient(server.url).post('/api/auth/login', { email: user.email, password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    const rows = await server.database.db.select().from(auditLog).where(eq(auditLog.userId, user.id));
    expect(rows.map((r) => r.event)).toContain('login.failure');
  });

  it('throttles repeated failures on one account with 429 and Retry-After', async () => {
    const user = await createUser(server.database.db);
    const api = new ApiClient(server.url);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await api.post('/api/auth/login', { email: user.email, password: 'wrong-password' });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password is refused while throttled.
    const right = await api.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(right.status).toBe(429);
  });

  it('logs out: 204, the session is gone and /api/me answers 401', async () => {
    const user = await createUser(server.database.db);
    const api = await new ApiClient(server.url).login(user.email);
    const saved = api.cookie;
    expect((await api.post('/api/auth/logout')).status).toBe(204);
    api.cookie = saved;
    const me = await api.get('/api/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a state-changing request from a foreign Origin with 403', async () => {
    const user = await createUser(server.database.db, { admin: true });
    const api = await new ApiClient(server.url).login(user.email);
    const res = await api.post('/api/organizations', { name: 'Kwaadaardig', kind: 'overig' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FOREIGN_ORIGIN');
    const same = await api.post('/api/organizations', { name: `Org ${Date.now()}`, kind: 'overig' }, { origin: server.url });
    expect(same.status).toBe(201);
  });

  it('answers bad JSON and invalid input with a JSON error', async () => {
    const api = new ApiClient(server.url);
    const bad = await api.request('POST', '/api/auth/login', '{not json', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_JSON');
    const invalid = await api.post('/api/auth/login', { email: 'nope' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('reports health: the database answers, and which engine it is', async () => {
    const res = await new ApiClient(server.url).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, database: 'up', engine: server.database.engine });
  });
});
