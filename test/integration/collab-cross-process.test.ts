// Two server processes (here: two servers in one test process sharing one hub and one database, as
// with REDIS_URL) relay each other's updates and awareness; each persists only its own clients' updates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { documents } from '../../server/db/schema.ts';
import { getCollab } from '../../server/documents/module.ts';
import { LocalHub } from '../../server/realtime/hub.ts';
import { startServer, type RunningServer } from '../../server/server.ts';
import type { Database } from '../../server/db/client.ts';
import { appendParagraph, bodyText, connectClient, waitFor, type CollabClient } from '../support/collab.ts';
import { householdWithCast } from '../support/factories.ts';
import { openTestDatabase, testConfig } from '../support/server.ts';

let database: Database;
let one: RunningServer;
let two: RunningServer;
const hub = new LocalHub();
const clients: CollabClient[] = [];
beforeAll(async () => {
  database = await openTestDatabase();
  one = await startServer(testConfig(), { database, hub });
  two = await startServer(testConfig(), { database, hub });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await one?.close();
  await two?.close();
  await database?.close();
});

describe('several server processes', () => {
  it('relays edits and presence between processes, and an unflushed edit reaches a process that loads later', async () => {
    const { household, api, users } = await householdWithCast(database.db, one.url);
    const [plan] = await database.db
      .select()
      .from(documents)
      .where(and(eq(documents.householdId, household.id), eq(documents.kind, 'plan')));
    const a = connectClient(one.url, api.partner, plan!.id);
    clients.push(a);
    await a.synced();
    // Typed on process one and not yet flushed when process two loads the document.
    appendParagraph(a.fragment, 'Nog niet weggeschreven');
    const b = connectClient(two.url, api.regie, plan!.id);
    clients.push(b);
    await b.synced();
    await waitFor(() => bodyText(b.fragment).includes('Nog niet weggeschreven'), 'process two to get the pending edit');
    appendParagraph(b.fragment, 'Vanaf proces twee');
    await waitFor(() => bodyText(a.fragment).includes('Vanaf proces twee'), 'process one to relay');
    b.provider.awareness.setLocalStateField('user', { name: 'Regie op twee' });
    await waitFor(() => [...a.provider.awareness.getStates().values()].some((s) => s.presence?.userId === users.regie.id), 'presence across processes');
    await Promise.all([getCollab(one.deps).flush(), getCollab(two.deps).flush()]);
    const text = bodyText(getCollab(one.deps).get(plan!.id)!.doc.getXmlFragment('default'));
    // Each edit is stored once: a fresh load shows each paragraph exactly once.
    a.destroy();
    b.destroy();
    await waitFor(() => !getCollab(one.deps).get(plan!.id) && !getCollab(two.deps).get(plan!.id), 'both rooms unloaded');
    const content = await api.regie.get(`/api/documents/${plan!.id}/content`);
    expect(content.body.html.match(/Vanaf proces twee/g)).toHaveLength(1);
    expect(content.body.html.match(/Nog niet weggeschreven/g)).toHaveLength(1);
    expect(text).toContain('Vanaf proces twee');
  });
});
