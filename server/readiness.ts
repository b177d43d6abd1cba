// Readiness (/api/ready): may this process take traffic? The database answers, every migration this build
// ships is applied, Redis answers when configured, and the process is not shutting down. Liveness is
// /api/health. Both are cheap, unauthenticated, not audited, and tell nothing beyond ok/failed per check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { migrationsFolder, rowsOf } from './db/client.ts';
import type { Logger } from './logger.ts';

export type CheckResult = 'ok' | 'failed';
export interface ReadyReport {
  ok: boolean;
  checks: { database: CheckResult; migrations: CheckResult; redis?: CheckResult; accepting: CheckResult };
}

const CHECK_TIMEOUT_MS = 2_000;

/** The `when` of the newest migration in this build (drizzle stores it as created_at of the applied row). */
function newestMigration(): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

async function timed<T>(what: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([what, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS)))]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ReadinessProbe {
  check(): Promise<ReadyReport>;
  /** Called when shutdown starts: from then on the process reports not ready. */
  drain(): void;
}

export function readinessProbe(db: Db, log: Logger, redisPing?: () => Promise<unknown>): ReadinessProbe {
  const wanted = newestMigration();
  let draining = false;
  const run = async (name: string, fn: () => Promise<boolean>): Promise<CheckResult> => {
    try {
      return (await timed(fn())) ? 'ok' : 'failed';
    } catch (err) {
      log.warn('readiness check failed', { check: name, err: String(err) });
      return 'failed';
    }
  };
  return {
    drain: () => {
      draining = true;
    },
    async check() {
      const [database, migrations, redis] = await Promise.all([
        run('database', async () => {
          await db.execute(sql`select 1`);
          return true;
        }),
        run('migrations', async () => {
          const rows = rowsOf(await db.execute(sql`select max(created_at) as newest from drizzle.__drizzle_migrations`));
          return Number(rows[0]?.newest ?? 0) >= wanted;
        }),
        redisPing
          ? run('redis', async () => {
              await redisPing();
              return true;
            })
          : Promise.resolve(undefined),
      ]);
      const checks: ReadyReport['checks'] = { database, migrations, accepting: draining ? 'failed' : 'ok' };
      if (redis) checks.redis = redis;
      return { ok: Object.values(checks).every((v) => v === 'ok'), checks };
    },
  };
}
