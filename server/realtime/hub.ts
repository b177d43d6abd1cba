// In-process publish/subscribe for notifications between areas (and processes, via RedisHub).
// Topics: `household:<householdId>` (live events), `doc:<documentId>` (document locks / restores), and the
// access revocation signal (access/revocation.ts owns that topic; nobody else names it).
import { safeError } from '../log-safety.ts';

export type HubListener = (message: unknown) => void;

export interface Hub {
  /** Resolves once the message is on its way to every process (RedisHub: Redis accepted it). */
  publish(topic: string, message: unknown): void | Promise<void>;
  subscribe(topic: string, listener: HubListener): () => void;
  /**
   * Called each time the hub is back after an outage (RedisHub: Redis reconnected and the subscriptions are
   * in place again). Whatever was published meanwhile is lost: listeners catch up. Absent: never interrupted.
   */
  onReconnect?(listener: () => void): () => void;
  /** False while messages may be getting lost (RedisHub: Redis unreachable). Absent: always delivers. */
  healthy?(): boolean;
  /**
   * How many listeners a publish on `topic` would reach, when the hub can tell: an in-process hub, whose
   * listeners are all in this process. Absent (RedisHub): other processes may listen.
   */
  listenerCount?(topic: string): number;
  close(): Promise<void>;
}

export class LocalHub implements Hub {
  private topics = new Map<string, Set<HubListener>>();
  /** Closed: nothing is delivered any more, not even to listeners that subscribe afterwards. */
  private closed = false;

  publish(topic: string, message: unknown): void {
    for (const listener of [...(this.topics.get(topic) ?? [])]) {
      try {
        listener(message);
      } catch (err) {
        console.error('hub listener failed', topic, safeError(err));
      }
    }
  }

  subscribe(topic: string, listener: HubListener): () => void {
    if (this.closed) return () => {};
    let set = this.topics.get(topic);
    if (!set) this.topics.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      // A second call must not drop a topic that others subscribed to since.
      if (!set.delete(listener)) return;
      if (set.size === 0 && this.topics.get(topic) === set) this.topics.delete(topic);
    };
  }

  listenerCount(topic: string): number {
    return this.topics.get(topic)?.size ?? 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.topics.clear();
  }
}
