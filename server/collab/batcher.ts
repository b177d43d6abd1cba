// Group commit of document updates: every update applied in this process waits at most one window in
// memory, then all documents with pending updates are written in ONE multi-row INSERT (one merged row per
// document). The cost per window is one statement, however many documents are active.
// A failed or timed-out write puts its rows back in front and retries with backoff: nothing is dropped,
// and a room stays loaded while it has updates here (see DocumentBatch.idle). At shutdown, whatever could
// not be written is drained and spilled to disk (see spill.ts).
import * as Y from 'yjs';
import { withTimeout } from '../db/client.ts';
import { mergeToState } from './persistence.ts';

export interface CommitRow {
  documentId: string;
  /** The document's pending updates merged into one. */
  data: Uint8Array;
  /** How many client updates the row holds (for the log's statistics). */
  updateCount: number;
  /** The highest tag pushed with the row's updates (rooms number their updates; see save-acks.ts). */
  tag?: number;
}

export interface GroupCommitOptions {
  /** Longest time an update waits in memory before the write that holds it starts. */
  windowMs: number;
  /** A write slower than this counts as failed: its rows go back in front and are retried. */
  writeTimeoutMs: number;
  /** Writes all rows in one statement (one transaction). */
  write: (rows: CommitRow[]) => Promise<void>;
  /** The rows are committed (called once per successful write). */
  onCommitted: (rows: CommitRow[]) => void;
  onError: (err: unknown, attempt: number, documentIds: string[]) => void;
  /** A write succeeded after `attempts` failures. */
  onRecovered?: (attempts: number) => void;
}

/** The part of the batcher a room uses. */
export interface DocumentBatch {
  push(update: Uint8Array, tag?: number): void;
  /** True when every update of this document handed in has been written. */
  readonly idle: boolean;
  dispose(): void;
}

/** Counters for metrics and tests; only ever incremented or overwritten. */
export interface GroupCommitStats {
  commits: number;
  rowsWritten: number;
  updatesWritten: number;
  failures: number;
  timeouts: number;
  /** Duration of the last successful write. */
  lastWriteMs: number;
}

interface Pending {
  updates: Uint8Array[];
  count: number;
  tag: number;
  /** When the oldest update of this entry arrived (ms, performance.now()). */
  since: number;
}

const MAX_BACKOFF_MS = 5_000;

/** Y.mergeUpdates is fine for a window's handful of updates but slows down sharply on long backlogs. */
function mergeBatch(batch: Uint8Array[]): Uint8Array {
  if (batch.length === 1) return batch[0]!;
  return batch.length <= 64 ? Y.mergeUpdates(batch) : mergeToState(batch);
}

export class GroupCommitBatcher {
  readonly stats: GroupCommitStats = { commits: 0, rowsWritten: 0, updatesWritten: 0, failures: 0, timeouts: 0, lastWriteMs: 0 };
  private pending = new Map<string, Pending>();
  private inFlightRows: CommitRow[] = [];
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;

  constructor(private readonly opts: GroupCommitOptions) {}

  /** Consecutive failed writes (0 while writing works). */
  get failing(): number {
    return this.failures;
  }

  get idle(): boolean {
    return this.pending.size === 0 && this.inFlight === null;
  }

  /** Documents with updates not yet committed. */
  get pendingDocuments(): number {
    const ids = new Set(this.pending.keys());
    for (const row of this.inFlightRows) ids.add(row.documentId);
    return ids.size;
  }

  isIdle(documentId: string): boolean {
    return !this.pending.has(documentId) && !this.inFlightRows.some((r) => r.documentId === documentId);
  }

  /** A room's view of the batcher. */
  forDocument(documentId: string): DocumentBatch {
    const batcher = this;
    return {
      push: (update, tag) => batcher.push(documentId, update, tag),
      get idle() {
        return batcher.isIdle(documentId);
      },
      dispose: () => {},
    };
  }

  push(documentId: string, update: Uint8Array, tag = 0): void {
    if (this.closed) throw new Error('update batcher is closed');
    const entry = this.pending.get(documentId);
    if (entry) {
      entry.updates.push(update);
      entry.count++;
      entry.tag = Math.max(entry.tag, tag);
    } else {
      this.pending.set(documentId, { updates: [update], count: 1, tag, since: performance.now() });
    }
    if (!this.timer && !this.inFlight && this.failures === 0) this.schedule(this.opts.windowMs);
  }

  /** Writes everything pending now; rejects when the write fails (the rows stay pending and are retried). */
  async flush(): Promise<void> {
    this.clearTimer();
    while (this.inFlight) await this.inFlight.catch(() => {});
    if (this.pending.size === 0 || this.closed) return;
    const rows = [...this.pending].map(([documentId, p]) => ({ documentId, data: mergeBatch(p.updates), updateCount: p.count, tag: p.tag }));
    this.pending = new Map();
    this.inFlightRows = rows;
    const started = performance.now();
    const run = withTimeout(this.opts.write(rows), this.opts.writeTimeoutMs, 'writing document updates');
    this.inFlight = run;
    try {
      await run;
    } catch (err) {
      if (this.closed) throw err;
      this.requeue(rows);
      this.failures++;
      this.stats.failures++;
      if ((err as { code?: string })?.code === 'TIMEOUT') this.stats.timeouts++;
      this.opts.onError(
        err,
        this.failures,
        rows.map((r) => r.documentId),
      );
      this.schedule(Math.min(this.opts.windowMs * 2 ** this.failures, MAX_BACKOFF_MS));
      throw err;
    } finally {
      this.inFlight = null;
      this.inFlightRows = [];
    }
    this.stats.commits++;
    this.stats.rowsWritten += rows.length;
    this.stats.updatesWritten += rows.reduce((n, r) => n + r.updateCount, 0);
    this.stats.lastWriteMs = performance.now() - started;
    if (this.failures > 0) this.opts.onRecovered?.(this.failures);
    this.failures = 0;
    if (this.closed) return;
    if (this.pending.size > 0) this.schedule(Math.max(0, this.oldestSince() + this.opts.windowMs - performance.now()));
    this.opts.onCommitted(rows);
  }

  /**
   * Shutdown: stops writing and hands back everything not known to be committed, including a write still
   * in flight (if that one commits after all, its rows are stored twice, which Yjs applies idempotently).
   */
  drain(): CommitRow[] {
    this.closed = true;
    this.clearTimer();
    const rows = [...this.inFlightRows];
    for (const [documentId, p] of this.pending) rows.push({ documentId, data: mergeBatch(p.updates), updateCount: p.count, tag: p.tag });
    this.pending = new Map();
    this.inFlightRows = [];
    return rows;
  }

  dispose(): void {
    this.clearTimer();
  }

  private requeue(rows: CommitRow[]) {
    const now = performance.now();
    for (const row of rows) {
      const later = this.pending.get(row.documentId);
      this.pending.set(row.documentId, {
        updates: [row.data, ...(later?.updates ?? [])],
        count: row.updateCount + (later?.count ?? 0),
        tag: Math.max(row.tag ?? 0, later?.tag ?? 0),
        since: Math.min(now, later?.since ?? now),
      });
    }
  }

  private oldestSince(): number {
    let oldest = Infinity;
    for (const p of this.pending.values()) oldest = Math.min(oldest, p.since);
    return oldest;
  }

  private schedule(ms: number) {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      // Errors are reported through onError and retried by the schedule in flush().
      this.flush().catch(() => {});
    }, ms);
  }

  private clearTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
