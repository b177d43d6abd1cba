// No personal data in the logs: a server logging at debug level runs the everyday flows on the demo data
// (logins, failed and throttled logins, households, persons, board, co-editing, event stream, versions,
// export, errors) and its captured log lines hold none of the demo people's names, e-mail addresses or
// household names, and none of the text typed into a document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { documents } from '../../server/db/schema.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../../server/seed/demo.ts';
import { ApiClient } from '../support/client.ts';
import { appendParagraph, connectClient, waitFor } from '../support/collab.ts';
import { openSse } from '../support/sse.ts';
import { captureLogs, startTestServer, type TestServer } from '../support/server.ts';

const logs = captureLogs();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { logLevel: 'debug' }, logDestination: logs.destination });
  await seedDemo(server.database.db, server.deps.now());
});
afterAll(() => server?.close());

const TYPED = 'Sandra belt morgen met de huisarts over Noah';
const PERSON_NAMES = ['Sandra', 'Mark', 'Noah', 'Emma', 'Oma J.', 'Anouk', 'Thomas', 'Lotte', 'Priscilla'];
const HOUSEHOLD_NAMES = ['Gezin Jansen', 'Huishouden El Amrani', 'Gezin De Vries'];

describe('logs', () => {
  it('hold no names, e-mail addresses or document text after the everyday flows', async () => {
    // Logins of everyone, a wrong password, and a throttled account.
    const clients = new Map<string, ApiClient>();
    for (const u of DEMO_USERS) clients.set(u.key, await new ApiClient(server.url).login(u.email, DEMO_PASSWORD));
    const attacker = new ApiClient(server.url);
    for (let i = 0; i < 7; i++) await attacker.post('/api/auth/login', { email: 'politie@politie.test', password: 'fout-wachtwoord' });
    await attacker.post('/api/auth/login', { email: 'onbekend.persoon@example.test', password: 'fout' });

    const regie = clients.get('regie')!;
    const list = await regie.get('/api/households');
    expect(list.status).toBe(200);
    const jansen = list.body.households.find((h: any) => h.reference === 'HG-2026-0142');
    const householdId = jansen.id as string;
    await regie.get(`/api/households/${householdId}`);
    await regie.get('/api/overview');
    // A person added with a name, and a request refused with a name in its body.
    expect((await regie.post(`/api/households/${householdId}/persons`, { role: 'netwerk', label: 'Priscilla', notes: 'Tante van Noah' })).status).toBe(201);
    expect((await regie.post(`/api/households/${householdId}/persons`, { role: 'onbekend', label: 'Priscilla' })).status).toBe(400);
    await clients.get('wijkteam')!.get(`/api/households/${householdId}`);

    // The board: create, claim, complete.
    const created = await regie.post(`/api/households/${householdId}/actions`, { title: 'Sandra bellen over opvang', details: 'Met Mark afstemmen' });
    expect(created.status).toBe(201);
    const politie = clients.get('politie')!;
    await politie.post(`/api/actions/${created.body.action.id}/claim`, { version: created.body.action.version });
    const stream = await openSse(`${server.url}/api/households/${householdId}/events`, { cookie: regie.cookie! });

    // Co-editing the plan, a version, and the export.
    const [plan] = await server.database.db
      .select()
      .from(documents)
      .where(and(eq(documents.householdId, householdId), eq(documents.kind, 'plan')));
    const editor = connectClient(server.url, regie, plan!.id);
    try {
      await editor.synced();
      appendParagraph(editor.fragment, TYPED);
      await waitFor(async () => JSON.stringify((await regie.get(`/api/documents/${plan!.id}/content`)).body).includes(TYPED), 'the typed text to be saved');
      expect((await regie.post(`/api/documents/${plan!.id}/versions`, { name: 'Versie met Sandra' })).status).toBeLessThan(300);
      expect((await regie.get(`/api/documents/${plan!.id}/export.pdf`)).status).toBe(200);
      await stream.next((m) => m.event === 'ready');
    } finally {
      editor.destroy();
      stream.close();
    }
    for (const c of clients.values()) await c.post('/api/auth/logout');

    const text = logs.text();
    // The flows above did log (requests, at least), so an empty capture cannot pass this test.
    expect(logs.lines.filter((l) => l.msg === 'request').length).toBeGreaterThan(20);
    const forbidden = [
      ...DEMO_USERS.flatMap((u) => [u.email, u.name, ...u.name.split(' ').filter((w) => w.length > 3 && w !== 'Regie')]),
      'onbekend.persoon@example.test',
      ...PERSON_NAMES,
      ...HOUSEHOLD_NAMES,
      TYPED,
      'huisarts',
      DEMO_PASSWORD,
      'fout-wachtwoord',
    ];
    const found = forbidden.filter((word) => text.includes(word));
    expect(found, `personal data in the logs: ${found.join(', ')}`).toEqual([]);
  });
});
