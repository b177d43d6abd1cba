// Group commit for audit rows written on read paths (NEN 7513: who saw what, and every refused attempt).
// Rows appended in the same tick go to the database in ONE multi-row INSERT; each caller's promise settles
// when its row is written, so a response can wait for its audit row without adding a query of its own
// in sequence (callers run it alongside their read). A failed write rejects: no read goes unrecorded.
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';
import type { AuditEntry } from './log.ts';

const MAX_BATCH = 500;

interface Pending {
  entry: AuditEntry;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class AuditWriter {
  private queue: Pending[] = [];
  private scheduled = false;
  private inFlight = new Set<Promise<void>>();

  constructor(private readonly db: Db) {}

  append(entry: AuditEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (this.queue.length >= MAX_BATCH) this.write();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.write());
      }
    });
  }

  /** Waits until every appended row is written (shutdown). */
  async flush(): Promise<void> {
    if (this.queue.length) this.write();
    await Promise.allSettled([...this.inFlight]);
  }

  private write(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (!batch.length) return;
    const done = this.db
      .insert(auditLog)
      .values(
        batch.map(({ entry }) => ({
          userId: entry.userId ?? null,
          organizationId: entry.organizationId ?? null,
          householdId: entry.householdId ?? null,
          event: entry.event,
          target: entry.target ?? null,
          ip: entry.ip ?? null,
          details: entry.details ?? null,
        })),
      )
      .then(
        () => {
          for (const p of batch) p.resolve();
        },
        (err) => {
          for (const p of batch) p.reject(err);
        },
      );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
    if (this.queue.length) this.write();
  }
}
