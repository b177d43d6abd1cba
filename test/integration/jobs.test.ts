// Jobs run exactly once when several server processes share one database: two servers (on PostgreSQL
// each with its own connection pool, on PGlite sharing the embedded instance) run the retention job at
// the same moment and on their timers; each household is put on the vernietigingslijst once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, households, scheduledJobs } from '../../server/db/schema.ts';
import { householdWithCast } from '../support/factories.ts';
import { openTestDatabase, startTestServer, type TestServer } from '../support/server.ts';
import { getScheduler } from '../../server/retention/module.ts';
import { waitFor } from '../support/collab.ts';
import type { Database } from '../../server/db/client.ts';

let a: TestServer;
let b: TestServer;
let second: Database | null = null;
beforeAll(async () => {
  a = await startTestServer({ config: { jobsTickMs: 0 } });
  // A second process: its own pool on PostgreSQL; on PGlite the one embedded instance (one process only).
  second = a.database.engine === 'postgres' ? await openTestDatabase() : null;
  b = await startTestServer({ database: second ?? a.database, config: { jobsTickMs: 0 } });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  await second?.close();
});

async function expiredHousehold(server: TestServer) {
  const { household, api } = await householdWithCast(server.database.db, server.url);
  await api.regie.post(`/api/households/${household.id}/close`, { reason: 'doelen_bereikt' });
  await server.database.db
    .update(households)
    .set({ retentionEndsAt: new Date(Date.now() - 1000) })
    .where(eq(households.id, household.id));
  return household;
}

const marks = (householdId: string) =>
  a.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.householdId, householdId), eq(auditLog.event, 'household.retention_expired')));

describe('jobs across processes', () => {
  it('two processes running the due job at the same moment: exactly one runs it', async () => {
    const household = await expiredHousehold(a);
    await a.database.db
      .update(scheduledJobs)
      .set({ nextRunAt: new Date(0) })
      .where(eq(scheduledJobs.name, 'retention'));
    const [before] = await a.database.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, 'retention'));
    const results = await Promise.all([getScheduler(a.deps).tick(), getScheduler(b.deps).tick(), getScheduler(a.deps).tick(), getScheduler(b.deps).tick()]);
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    const [after] = await a.database.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, 'retention'));
    expect(after!.runs).toBe((before?.runs ?? 0) + 1);
    expect(after!.nextRunAt.getTime()).toBeGreaterThan(Date.now());
    expect(await marks(household.id)).toHaveLength(1);
  });

  it('on their own timers, both processes together mark a household once', async () => {
    const household = await expiredHousehold(a);
    await a.database.db
      .update(scheduledJobs)
      .set({ nextRunAt: new Date(0) })
      .where(eq(scheduledJobs.name, 'retention'));
    getScheduler(a.deps).start(50);
    getScheduler(b.deps).start(50);
    await waitFor(async () => (await marks(household.id)).length > 0, 'household marked by a timer', 10_000);
    // Several more ticks of both timers pass without a second mark.
    const [job] = await a.database.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, 'retention'));
    await waitFor(async () => {
      const ticks = await Promise.all([getScheduler(a.deps).tick(), getScheduler(b.deps).tick()]);
      return ticks.every((t) => t.length === 0);
    }, 'idle ticks');
    expect(await marks(household.id)).toHaveLength(1);
    const [again] = await a.database.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, 'retention'));
    expect(again!.runs).toBe(job!.runs);
  });
});
