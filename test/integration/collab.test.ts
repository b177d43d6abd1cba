// Live co-editing over /collab: convergence, authorisation on upgrade, read-only observers, revocation.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { auditLog, docUpdates, sessions, users as usersTable } from '../../server/db/schema.ts';
import { getCollab } from '../../server/documents/module.ts';
import { CloseCode } from '../../shared/limits.ts';
import { appendParagraph, bodyText, connectClient, rawSocket, waitFor, type CollabClient, useCollabServer } from '../support/collab.ts';
import { householdWithCast, planOf } from '../support/factories.ts';

const env = useCollabServer();

function client(...args: Parameters<typeof connectClient> extends [unknown, ...infer R] ? R : never) {
  const c = connectClient(env.server.url, ...args);
  env.clients.push(c);
  return c;
}

/** Random concurrent edits: append, insert in the middle, type into a paragraph, delete a paragraph. */
function randomEdit(c: CollabClient, rnd: () => number, tag: string) {
  const f = c.fragment;
  const op = rnd();
  if (op < 0.4 || f.length === 0) appendParagraph(f, `${tag} ${Math.floor(rnd() * 1000)}`);
  else if (op < 0.6) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(tag)]);
    f.insert(Math.floor(rnd() * f.length), [p]);
  } else if (op < 0.85) {
    const target = f.get(Math.floor(rnd() * f.length));
    const text = target instanceof Y.XmlElement ? target.get(0) : null;
    if (text instanceof Y.XmlText) text.insert(Math.floor(rnd() * (text.length + 1)), tag[0]!);
    else appendParagraph(f, tag);
  } else f.delete(Math.floor(rnd() * f.length), 1);
}

function seeded(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

async function converge(n: number, editsEach: number) {
  const { household, api } = await householdWithCast(env.server.database.db, env.server.url);
  const plan = await planOf(env.server.database.db, household.id);
  const cs = Array.from({ length: n }, (_, i) => client(i % 2 ? api.partner : api.regie, plan.id));
  await Promise.all(cs.map((c) => c.synced()));
  // Everyone starts from the server's template.
  expect(bodyText(cs[0]!.fragment)).toContain('Aanleiding en signalen');
  const rnds = cs.map((_, i) => seeded(i + 7));
  for (let round = 0; round < editsEach; round++) {
    cs.forEach((c, i) => randomEdit(c, rnds[i]!, `c${i}r${round}`));
    if (round % 5 === 0) await new Promise((r) => setImmediate(r));
  }
  await waitFor(() => cs.every((c) => c.fragment.toString() === cs[0]!.fragment.toString()), `${n} clients to converge`);
  const room = getCollab(env.server.deps).get(plan.id)!;
  await waitFor(() => room.doc.getXmlFragment('default').toString() === cs[0]!.fragment.toString(), 'server to converge');
  for (const c of cs) c.destroy();
  return { plan, text: cs[0]!.fragment.toString() };
}

describe('co-editing over /collab', () => {
  it('two clients converge on random concurrent edits', async () => {
    await converge(2, 60);
  });

  it('ten clients converge on random concurrent edits', async () => {
    await converge(10, 20);
  });

  it('an edit reaches the other client and is persisted in a batched row', async () => {
    const { household, api } = await householdWithCast(env.server.database.db, env.server.url);
    const plan = await planOf(env.server.database.db, household.id);
    const a = client(api.regie, plan.id);
    const b = client(api.partner, plan.id);
    await Promise.all([a.synced(), b.synced()]);
    appendParagraph(a.fragment, 'Afspraak met de wijkagent');
    await waitFor(() => bodyText(b.fragment).includes('Afspraak met de wijkagent'), 'b to see the edit');
    await getCollab(env.server.deps).flush(plan.id);
    const rows = await env.server.database.db.select().from(docUpdates).where(eq(docUpdates.documentId, plan.id));
    // Template row + at least one batch.
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });
});

describe('authorisation on upgrade', () => {
  it('closes an outsider with 4403 and an unauthenticated socket with 4401', async () => {
    const { household, api } = await householdWithCast(env.server.database.db, env.server.url);
    const plan = await planOf(env.server.database.db, household.id);
    const outsider = rawSocket(env.server.url, api.outsider.cookie, plan.id);
    expect((await outsider.closed).code).toBe(CloseCode.Forbidden);
    expect(outsider.messages).toHaveLength(0);
    const anonymous = rawSocket(env.server.url, null, plan.id);
    const closed = await anonymous.closed;
    expect(closed.code).toBe(CloseCode.Unauthorized);
    expect(closed.reason).toMatch(/ingelogd/);
    // An administrator who does not take part may not read content either.
    expect((await rawSocket(env.server.url, api.admin.cookie, plan.id).closed).code).toBe(CloseCode.Forbidden);
  });

  it('logging out closes that session’s sockets with 4401, and the periodic re-check closes expired sessions and accounts disabled behind its back', async () => {
    const { household, api, users } = await householdWithCast(env.server.database.db, env.server.url);
    const plan = await planOf(env.server.database.db, household.id);
    const partner = rawSocket(env.server.url, api.partner.cookie, plan.id);
    const regie = rawSocket(env.server.url, api.regie.cookie, plan.id);
    const observer = rawSocket(env.server.url, api.observer.cookie, plan.id);
    // The server's first sync message means the socket has joined the room.
    await waitFor(() => partner.messages.length > 0 && regie.messages.length > 0 && observer.messages.length > 0, 'sockets joined');
    expect((await api.partner.post('/api/auth/logout')).status).toBe(204);
    const loggedOut = await partner.closed;
    expect(loggedOut.code).toBe(CloseCode.Unauthorized);
    expect(loggedOut.reason).toMatch(/uitgelogd/);

    await env.server.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, users.regie.id));
    await env.server.deps.live.sweep();
    await env.server.database.db.update(usersTable).set({ disabled: true }).where(eq(usersTable.id, users.observer.id));
    await env.server.deps.live.sweep();
    const expired = await regie.closed;
    expect(expired.code).toBe(CloseCode.Unauthorized);
    expect(expired.reason).toMatch(/verlopen/);
    expect((await observer.closed).code).toBe(CloseCode.Unauthorized);
  });

  it('answers a missing document and a malformed id with 4403, like an outsider', async () => {
    const { api } = await householdWithCast(env.server.database.db, env.server.url);
    expect((await rawSocket(env.server.url, api.regie.cookie, crypto.randomUUID()).closed).code).toBe(CloseCode.Forbidden);
    expect((await rawSocket(env.server.url, api.regie.cookie, 'not-a-uuid').closed).code).toBe(CloseCode.Forbidden);
  });

  it('refuses a socket from a foreign Origin', async () => {
    const { household, api } = await householdWithCast(env.server.database.db, env.server.url);
    const plan = await planOf(env.server.database.db, household.id);
    const foreign = rawSocket(env.server.url, api.regie.cookie, plan.id, { origin: 'https://evil.example' });
    expect((await foreign.closed).code).toBe(CloseCode.Forbidden);
  });

  it('audits document.open, and one edit_session row with the update count when an editor leaves', async () => {
    const { household, api, users } = await householdWithCast(env.server.database.db, env.server.url);
    const plan = await planOf(env.server.database.db, household.id);
    const a = client(api.partner, plan.id);
    await a.synced();
    for (let i = 0; i < 5; i++) appendParagraph(a.fragment, `regel ${i}`);
    const room = getCollab(env.server.deps).get(plan.id)!;
    await waitFor(() => bodyText(room.doc.getXmlFragment('default')).includes('regel 4'), 'server to apply');
    a.destroy();
    const rowsFor = () =>
      env.server.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.userId, users.partner.id), eq(auditLog.target, plan.id)));
    await waitFor(async () => (await rowsFor()).some((r) => r.event === 'document.edit_session'), 'edit session audit');
    const rows = await rowsFor();
    expect(rows.filter((r) => r.event === 'document.open')).toHaveLength(1);
    const session = rows.filter((r) => r.event === 'document.edit_session');
    expect(session).toHaveLength(1);
    expect(session[0]!.details).toMatchObject({ updates: 5 });
    expect(session[0]!.householdId).toBe(household.id);
  });
});

describe('read-only connections and revocation', () => {
  it("ignores an observer's edit: not applied, not broadcast, not persisted; their awareness is relayed", async () => {
    const { household, api, users } = await householdWithCast(env.server.database.db, env.server.url);
    const plan = await planOf(env.server.database.db, household.id);
    const observer = client(api.observer, plan.id);
    const partner = client(api.partner, plan.id);
    await Promise.all([observer.synced(), partner.synced()]);
    observer.provider.awareness.setLocalStateField('user', { name: 'Kijker' });
    appendParagraph(observer.fragment, 'Stiekeme wijziging');
    appendParagraph(partner.fragment, 'Echte wijziging');
    await waitFor(() => bodyText(observer.fragment).includes('Echte wijziging'), 'observer to receive the partner edit');
    // Relayed as the server stamps it: the observer's own name, not what their client claimed.
    await waitFor(
      () =>
        [...partner.provider.awareness.getStates().values()].some(
          (s) => s.presence?.userId === users.observer.id && s.user?.name?.startsWith(users.observer.name),
        ),
      'observer presence at the partner',
    );
    const rooms = getCollab(env.server.deps);
    await rooms.flush(plan.id);
    expect(bodyText(rooms.get(plan.id)!.doc.getXmlFragment('default'))).not.toContain('Stiekeme');
    expect(bodyText(partner.fragment)).not.toContain('Stiekeme');
    const content = await api.regie.get(`/api/documents/${plan.id}/content`);
    expect(content.body.html).toContain('Echte wijziging');
    expect(content.body.html).not.toContain('Stiekeme');
  });

  it('closes the socket of a removed participant with 4403', async () => {
    const { household, api, users } = await householdWithCast(env.server.database.db, env.server.url);
    const plan = await planOf(env.server.database.db, household.id);
    const socket = rawSocket(env.server.url, api.partner.cookie, plan.id);
    await socket.opened;
    await waitFor(() => socket.messages.length > 0, 'sync step 1 from the server');
    const res = await api.regie.delete(`/api/households/${household.id}/participants/${users.partner.id}`);
    expect(res.status).toBe(204);
    expect((await socket.closed).code).toBe(CloseCode.Forbidden);
  });

  it('makes a partner read-only when their role becomes observer', async () => {
    const { household, api, users } = await householdWithCast(env.server.database.db, env.server.url);
    const plan = await planOf(env.server.database.db, household.id);
    const partner = client(api.partner, plan.id);
    const regie = client(api.regie, plan.id);
    await Promise.all([partner.synced(), regie.synced()]);
    appendParagraph(partner.fragment, 'Voor de wissel');
    await waitFor(() => bodyText(regie.fragment).includes('Voor de wissel'), 'first edit');
    const res = await api.regie.post(`/api/households/${household.id}/participants`, { userId: users.partner.id, role: 'observer' });
    expect(res.status).toBe(200);
    appendParagraph(partner.fragment, 'Na de wissel');
    appendParagraph(regie.fragment, 'Regie typt verder');
    await waitFor(() => bodyText(partner.fragment).includes('Regie typt verder'), 'partner still receives');
    expect(bodyText(getCollab(env.server.deps).get(plan.id)!.doc.getXmlFragment('default'))).not.toContain('Na de wissel');
  });
});
