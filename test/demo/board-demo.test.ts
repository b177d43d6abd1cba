import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, DEMO_PASSWORD } from '../../server/seed/demo.ts';
import { ApiClient } from '../support/client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('demo board', () => {
  // The demo uses fixed e-mail addresses and organisation names, so it needs a database of its own:
  // this folder runs only in the PGlite run (each file its own database), never on the shared PostgreSQL one.
  it('seeds open, claimed, overdue and done actions that the regievoerder sees in the overview', async () => {
    await seedDemo(server.database.db, server.deps.now());
    const regie = await new ApiClient(server.url).login('regie@gemeente.test', DEMO_PASSWORD);
    const overview = await regie.get('/api/overview');
    expect(overview.body.counts.open).toBeGreaterThanOrEqual(5);
    expect(overview.body.counts.overdue).toBeGreaterThanOrEqual(2);
    expect(overview.body.counts.unclaimed).toBeGreaterThanOrEqual(2);
    const jansen = overview.body.households.find((h: any) => h.reference === 'HG-2026-0142');
    const board = await regie.get(`/api/households/${jansen.householdId}/actions`);
    const statuses = new Set(board.body.actions.map((a: any) => a.status));
    expect([...statuses].sort()).toEqual(['claimed', 'done', 'open']);
    const done = board.body.actions.find((a: any) => a.status === 'done');
    const history = await regie.get(`/api/actions/${done.id}/history`);
    expect(history.body.events.map((e: any) => e.kind)).toEqual(['created', 'claimed', 'completed']);
    expect(overview.body.households[0].reference).toBe('HG-2026-0142');
  });
});
