// In-process publish/subscribe for notifications between areas (and processes, via RedisHub).
// Topics: `access:<householdId>` (participation changed/revoked), `household:<householdId>` (live events),
// `doc:<documentId>` (document locks / restores).
/** Published with { sessionId } on logout: live sockets of that session close. */
export const SESSION_ENDED_TOPIC = 'session-ended';

export type HubListener = (message: unknown) => void;

export interface Hub {
  publish(topic: string, message: unknown): void;
  subscribe(topic: string, listener: HubListener): () => void;
  close(): Promise<void>;
}

export class LocalHub implements Hub {
  private topics = new Map<string, Set<HubListener>>();

  publish(topic: string, message: unknown): void {
    for (const listener of [...(this.topics.get(topic) ?? [])]) {
      try {
        listener(message);
      } catch (err) {
        console.error('hub listener failed', topic, err);
      }
    }
  }

  subscribe(topic: string, listener: HubListener): () => void {
    let set = this.topics.get(topic);
    if (!set) this.topics.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.topics.delete(topic);
    };
  }

  async close(): Promise<void> {
    this.topics.clear();
  }
}
