// "Mijn account": sessions you can see and end (their live document sockets close), and password change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, documents } from '../../server/db/schema.ts';
import { CloseCode } from '../../shared/limits.ts';
import { ApiClient, TEST_PASSWORD } from '../support/client.ts';
import { createUser, householdWithCast } from '../support/factories.ts';
import { rawSocket, waitFor } from '../support/collab.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
const db = () => server.database.db;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const eventsOf = async (email: string) => (await db().select({ event: auditLog.event }).from(auditLog).where(eq(auditLog.target, email))).map((r) => r.event);

describe('Mijn account: sessions', () => {
  it('lists the active sessions with device, address, times and how each was made, marking the current one', async () => {
    const user = await createUser(db());
    const a = await new ApiClient(server.url).login(user.email);
    const b = new ApiClient(server.url);
    await b.request(
      'POST',
      '/api/auth/login',
      { email: user.email, password: TEST_PASSWORD },
      { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0 Safari/537.36' },
    );
    const res = await a.get('/api/account');
    expect(res.status).toBe(200);
    expect(res.body.sessions).toHaveLength(2);
    const current = res.body.sessions.find((s: { current: boolean }) => s.current);
    const other = res.body.sessions.find((s: { current: boolean }) => !s.current);
    expect(current).toMatchObject({ method: 'password', secondFactor: false, ip: '127.0.0.1' });
    expect(other.userAgent).toContain('Windows NT');
    expect(Date.parse(other.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(other.lastSeenAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("ends one other session and its live document sockets; someone else's session cannot be ended", async () => {
    const { household, users } = await householdWithCast(db(), server.url);
    const [plan] = await db()
      .select()
      .from(documents)
      .where(and(eq(documents.householdId, household.id), eq(documents.kind, 'plan')));
    const laptop = await new ApiClient(server.url).login(users.partner.email);
    const phone = await new ApiClient(server.url).login(users.partner.email);
    const socket = rawSocket(server.url, phone.cookie, plan!.id);
    await waitFor(() => socket.messages.length > 0, 'socket joined');
    const sessions = (await laptop.get('/api/account')).body.sessions as { id: string; current: boolean }[];
    const phoneSession = sessions.filter((s) => !s.current);
    // The cast's own login of this partner is a third session.
    expect(phoneSession.length).toBeGreaterThanOrEqual(2);
    const stranger = await new ApiClient(server.url).login((await createUser(db())).email);
    for (const s of phoneSession) expect((await stranger.delete(`/api/account/sessions/${s.id}`)).status).toBe(404);
    for (const s of phoneSession) expect((await laptop.delete(`/api/account/sessions/${s.id}`)).status).toBe(204);
    expect((await socket.closed).code).toBe(CloseCode.Unauthorized);
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await laptop.get('/api/me')).status).toBe(200);
    expect(await eventsOf(users.partner.email)).toContain('account.session_ended');
  });

  it('ends all other sessions at once, keeping this one', async () => {
    const user = await createUser(db());
    const keep = await new ApiClient(server.url).login(user.email);
    const others = await Promise.all([1, 2, 3].map(() => new ApiClient(server.url).login(user.email)));
    const res = await keep.post('/api/account/sessions/end-others');
    expect(res.body).toEqual({ ended: 3 });
    for (const o of others) expect((await o.get('/api/me')).status).toBe(401);
    expect((await keep.get('/api/account')).body.sessions).toHaveLength(1);
    expect(await eventsOf(user.email)).toContain('account.sessions_ended');
  });
});

describe('Mijn account: password', () => {
  it('refuses a wrong current password, a short one and a common one', async () => {
    const user = await createUser(db());
    const api = await new ApiClient(server.url).login(user.email);
    const wrong = await api.post('/api/account/password', { currentPassword: 'niet-mijn-wachtwoord', newPassword: 'een-heel-sterk-wachtwoord-9' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    const short = await api.post('/api/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'kort-123' });
    expect(short.status).toBe(400);
    for (const common of ['qwertyuiop123', 'Wachtwoord2024!', 'password1234']) {
      const res = await api.post('/api/account/password', { currentPassword: TEST_PASSWORD, newPassword: common });
      expect(res.status, common).toBe(400);
      expect(res.body.error.code, common).toBe('WEAK_PASSWORD');
    }
  });

  it('changes the password (argon2id), audits it and ends every other session with its sockets', async () => {
    const { household, users } = await householdWithCast(db(), server.url);
    const [plan] = await db()
      .select()
      .from(documents)
      .where(and(eq(documents.householdId, household.id), eq(documents.kind, 'plan')));
    const here = await new ApiClient(server.url).login(users.regie.email);
    const elsewhere = await new ApiClient(server.url).login(users.regie.email);
    const socket = rawSocket(server.url, elsewhere.cookie, plan!.id);
    await waitFor(() => socket.messages.length > 0, 'socket joined');
    const next = 'paarse-olifant-fietst-naar-Zwolle';
    const res = await here.post('/api/account/password', { currentPassword: TEST_PASSWORD, newPassword: next });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.ended).toBeGreaterThanOrEqual(1);
    expect((await socket.closed).code).toBe(CloseCode.Unauthorized);
    expect((await elsewhere.get('/api/me')).status).toBe(401);
    expect((await here.get('/api/me')).status).toBe(200);
    expect((await new ApiClient(server.url).post('/api/auth/login', { email: users.regie.email, password: TEST_PASSWORD })).status).toBe(401);
    expect((await new ApiClient(server.url).post('/api/auth/login', { email: users.regie.email, password: next })).status).toBe(200);
    const events = await eventsOf(users.regie.email);
    expect(events).toEqual(expect.arrayContaining(['account.password_changed', 'account.sessions_ended']));
  });
});
