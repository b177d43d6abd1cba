// Periodic jobs that must run exactly once across every server process. Each job has a row in
// scheduled_jobs; a process that finds the row due takes it with FOR UPDATE SKIP LOCKED (another process
// holding it is skipped, not waited for), runs the job inside the same transaction and moves next_run_at
// on. A crash rolls everything back, so the job is neither lost nor done twice. On the embedded database
// (one process) the same code runs in-process on a timer.
import { and, eq, lte } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { scheduledJobs } from '../db/schema.ts';
import type { Logger } from '../logger.ts';

export interface Job<R = unknown> {
  name: string;
  everyMs: number;
  run(tx: Tx, now: Date): Promise<R>;
  /** When the next run is due (default: now + everyMs), e.g. a daily job at a fixed hour. */
  nextRunAt?(now: Date): Date;
  /** Work after the run's transaction has committed (sending what it claimed, telling users); only in the process that ran it. */
  afterCommit?(result: R): Promise<void>;
}

export interface JobRun {
  name: string;
  result: unknown;
}

/** Runs every due job once (if this process wins it). Returns the jobs this call ran. */
// biome-ignore lint/suspicious/noExplicitAny: a list of jobs with results of different types.
export async function runDueJobs(db: Db, jobs: Job<any>[], now: Date, runner: string): Promise<JobRun[]> {
  const ran: JobRun[] = [];
  for (const job of jobs) {
    // The row exists from the first call on; inserting it concurrently is harmless (ON CONFLICT DO NOTHING).
    await db
      .insert(scheduledJobs)
      .values({ name: job.name, nextRunAt: new Date(0) })
      .onConflictDoNothing();
    const result = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(scheduledJobs)
        .where(and(eq(scheduledJobs.name, job.name), lte(scheduledJobs.nextRunAt, now)))
        .for('update', { skipLocked: true });
      if (!row) return { ran: false as const };
      const out = await job.run(tx, now);
      await tx
        .update(scheduledJobs)
        .set({ nextRunAt: job.nextRunAt?.(now) ?? new Date(now.getTime() + job.everyMs), lastRunAt: now, lastRunBy: runner, runs: row.runs + 1 })
        .where(eq(scheduledJobs.name, job.name));
      return { ran: true as const, out };
    });
    if (!result.ran) continue;
    await job.afterCommit?.(result.out);
    ran.push({ name: job.name, result: result.out });
  }
  return ran;
}

export class JobScheduler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<unknown> = Promise.resolve();
  readonly runner = `${process.pid}-${crypto.randomUUID().slice(0, 8)}`;

  constructor(
    private readonly db: Db,
    // biome-ignore lint/suspicious/noExplicitAny: jobs with results of different types.
    readonly jobs: Job<any>[],
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {}

  start(tickMs: number): void {
    if (tickMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.tick(), tickMs);
    this.timer.unref?.();
    void this.tick();
  }

  /** One pass over the due jobs; passes never overlap within a process. */
  tick(): Promise<JobRun[]> {
    const next = this.running.then(() =>
      runDueJobs(this.db, this.jobs, this.now(), this.runner).catch((err) => {
        this.log.error('jobs: run failed', { err: String(err) });
        return [] as JobRun[];
      }),
    );
    this.running = next;
    return next;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
