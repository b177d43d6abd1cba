// Failures are logged without the data they carried: a query that fails with an e-mail address, a name or a
// title among its parameters, and document updates whose write fails, leave a log line (type, code, SQL text,
// document id) but never the values or the typed text. (test/demo/log-privacy.test.ts covers the everyday flows.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { householdWithCast } from '../support/factories.ts';
import { appendParagraph, connectClient, waitFor } from '../support/collab.ts';
import { captureLogs, startTestServer, type TestServer } from '../support/server.ts';

const logs = captureLogs();
let server: TestServer;
// Unique per run: the PostgreSQL test database is shared by the run's files, so the probe triggers fire only
// for this file's marker and document.
const run = `${process.pid}_${Date.now().toString(36)}`;
const MARKER = `Logprobe${run}`;
const fn = `ct_logprobe_${run}`;

beforeAll(async () => {
  server = await startTestServer({ config: { logLevel: 'debug' }, logDestination: logs.destination });
  await server.database.db.execute(
    sql.raw(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'probe: refused by test trigger'; END $$`),
  );
  for (const [table, column] of [
    ['users', 'name'],
    ['household_persons', 'label'],
    ['actions', 'title'],
  ] as const) {
    await server.database.db.execute(
      sql.raw(`CREATE TRIGGER ${fn}_${table} BEFORE INSERT ON ${table} FOR EACH ROW WHEN (NEW.${column} LIKE '%${MARKER}%') EXECUTE FUNCTION ${fn}()`),
    );
  }
});
afterAll(async () => {
  for (const table of ['users', 'household_persons', 'actions', 'doc_updates'])
    await server?.database.db.execute(sql.raw(`DROP TRIGGER IF EXISTS ${fn}_${table} ON ${table}`));
  await server?.database.db.execute(sql.raw(`DROP FUNCTION IF EXISTS ${fn}() CASCADE`));
  await server?.close();
});

describe('logs of failures', () => {
  it('a failing query is logged with its SQL and code, never its parameters (e-mail, name, title)', async () => {
    const { household, api, users } = await householdWithCast(server.database.db, server.url);
    const email = `jan.${run}@geheim.example`.toLowerCase();
    const name = `Jan ${MARKER} Geheimnaam`;
    const label = `Kind ${MARKER} Voornaam`;
    const title = `Actie ${MARKER} over de opvang van Noah`;
    const before = logs.lines.length;
    const created = await api.admin.post('/api/users', {
      email,
      name,
      organizationId: users.partner.organizationId,
      password: 'een-lang-wachtwoord',
      admin: false,
    });
    const person = await api.regie.post(`/api/households/${household.id}/persons`, { role: 'kind', label });
    const action = await api.regie.post(`/api/households/${household.id}/actions`, { title });
    expect([created.status, person.status, action.status]).toEqual([500, 500, 500]);

    const errors = logs.lines.slice(before).filter((l) => l.level === 'error');
    // The failures were logged, with what an operator needs: the statement and the database's own message.
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(errors)).toContain('probe: refused by test trigger');
    expect(JSON.stringify(errors)).toMatch(/insert into \\"users\\"/i);
    const text = logs.text();
    for (const secret of [email, MARKER, 'Geheimnaam', 'Noah']) expect(text, secret).not.toContain(secret);
  });

  it('document updates whose write fails are logged by document id, never their bytes or text', async () => {
    const { household, api } = await householdWithCast(server.database.db, server.url);
    const detail = await api.regie.get(`/api/households/${household.id}`);
    const planId = detail.body.household.documents.find((d: { kind: string }) => d.kind === 'plan').id as string;
    const typed = `Sandra ${MARKER} vertelt over het geweld`;
    const client = connectClient(server.url, api.regie, planId);
    try {
      await client.synced();
      // From now on the database refuses this document's updates (after the template was written on first open).
      await server.database.db.execute(
        sql.raw(`CREATE TRIGGER ${fn}_doc_updates BEFORE INSERT ON doc_updates FOR EACH ROW WHEN (NEW.document_id = '${planId}') EXECUTE FUNCTION ${fn}()`),
      );
      const before = logs.lines.length;
      appendParagraph(client.fragment, typed);
      await waitFor(() => logs.lines.slice(before).some((l) => l.level === 'error' && JSON.stringify(l).includes(planId)), 'the failed write to be logged');
      const text = logs.text();
      expect(text).not.toContain(MARKER);
      expect(text).not.toContain('vertelt over het geweld');
      // Nor the update's bytes in any printed form (as numbers, hex or base64).
      const bytes = Buffer.from(typed);
      for (const form of [Array.from(bytes).join(','), bytes.toString('hex'), bytes.toString('base64').slice(0, 24)]) expect(text).not.toContain(form);
      // Once the database accepts the document again, the edit is saved (nothing was dropped).
      await server.database.db.execute(sql.raw(`DROP TRIGGER ${fn}_doc_updates ON doc_updates`));
      await waitFor(async () => JSON.stringify((await api.regie.get(`/api/documents/${planId}/content`)).body).includes(typed), 'the edit to be saved', 30_000);
    } finally {
      client.destroy();
    }
  });
});
