// Buffers a room's applied updates and writes them as one merged row per window (not one per keystroke).
// A failed write puts the batch back in front and retries with backoff: nothing is dropped, and the room
// stays in memory until the buffer is empty (see Room.idle).
import * as Y from 'yjs';
import { mergeToState } from './persistence.ts';

export interface BatcherOptions {
  /** Longest time an update waits in memory before its batch is written. */
  windowMs: number;
  write: (data: Uint8Array, updateCount: number) => Promise<void>;
  onWritten: () => void;
  onError: (err: unknown, attempt: number) => void;
}

const MAX_BACKOFF_MS = 10_000;

/** Y.mergeUpdates is fine for a window's handful of updates but slows down sharply on long backlogs. */
function mergeBatch(batch: Uint8Array[]): Uint8Array {
  if (batch.length === 1) return batch[0]!;
  return batch.length <= 64 ? Y.mergeUpdates(batch) : mergeToState(batch);
}

export class UpdateBatcher {
  private pending: Uint8Array[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private failures = 0;

  constructor(private readonly opts: BatcherOptions) {}

  /** True when every update handed in has been written. */
  get idle(): boolean {
    return this.pending.length === 0 && this.inFlight === null;
  }

  push(update: Uint8Array): void {
    this.pending.push(update);
    if (!this.timer && this.failures === 0) this.schedule(this.opts.windowMs);
  }

  /** Writes everything pending now; rejects when the write fails (the batch stays pending and is retried). */
  async flush(): Promise<void> {
    this.clearTimer();
    while (this.inFlight) await this.inFlight.catch(() => {});
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const run = this.opts.write(mergeBatch(batch), batch.length);
    this.inFlight = run;
    try {
      await run;
      this.failures = 0;
    } catch (err) {
      this.pending = [...batch, ...this.pending];
      this.failures++;
      this.opts.onError(err, this.failures);
      this.schedule(Math.min(this.opts.windowMs * 2 ** this.failures, MAX_BACKOFF_MS));
      throw err;
    } finally {
      this.inFlight = null;
    }
    if (this.pending.length > 0) this.schedule(this.opts.windowMs);
    this.opts.onWritten();
  }

  /** Stops the timer (on unload, after a successful flush). */
  dispose(): void {
    this.clearTimer();
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
