// Hub over Redis pub/sub, so several server processes share notifications (access revoked, live events,
// Yjs updates between processes). Messages are JSON; local listeners are also called for local publishes
// via the Redis round-trip, so every process sees each message exactly once.
import { Redis } from 'ioredis';
import type { Hub, HubListener } from './hub.ts';
import { safeError } from '../log-safety.ts';

const PREFIX = 'casustafel:';

export class RedisHub implements Hub {
  private topics = new Map<string, Set<HubListener>>();
  private reconnectListeners = new Set<() => void>();
  /** Redis is unreachable: said once per outage, not once per message or reconnect attempt. */
  private down = false;
  private closed = false;

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
  ) {
    for (const connection of [pub, sub]) connection.on('error', (err: unknown) => this.lost(err));
    sub.on('message', (channel: string, raw: string) => {
      const topic = channel.slice(PREFIX.length);
      let message: unknown;
      try {
        message = JSON.parse(raw);
      } catch {
        return;
      }
      for (const listener of [...(this.topics.get(topic) ?? [])]) {
        try {
          listener(message);
        } catch (err) {
          console.error('hub listener failed', topic, safeError(err));
        }
      }
    });
    // Connected already (see connect()), so every 'ready' from here on is a reconnect. ioredis sends the
    // SUBSCRIBEs again right after emitting it; commands on one connection run in order, so once a PING
    // sent after them answers, the subscriptions are in place.
    sub.on('ready', () =>
      setImmediate(() =>
        sub.ping().then(
          () => {
            if (this.down) console.error('redis hub: connected again');
            this.down = false;
            for (const listener of [...this.reconnectListeners]) {
              try {
                listener();
              } catch (err) {
                console.error('hub reconnect listener failed', safeError(err));
              }
            }
          },
          () => {},
        ),
      ),
    );
  }

  static async connect(url: string): Promise<RedisHub> {
    const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    const sub = new Redis(url, { lazyConnect: true });
    await Promise.all([pub.connect(), sub.connect()]);
    return new RedisHub(pub, sub);
  }

  publish(topic: string, message: unknown): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.pub.publish(PREFIX + topic, JSON.stringify(message)).then(
      () => undefined,
      (err) => this.lost(err),
    );
  }

  private lost(err: unknown) {
    if (this.down) return;
    this.down = true;
    console.error('redis hub: Redis unreachable, reconnecting; messages published meanwhile are lost (listeners catch up after)', safeError(err));
  }

  subscribe(topic: string, listener: HubListener): () => void {
    // Streams and rooms that end during shutdown may still subscribe: nothing to do once closed.
    if (this.closed) return () => {};
    let set = this.topics.get(topic);
    if (!set) {
      this.topics.set(topic, (set = new Set()));
      // Rejected only when the connection is gone (shutdown); not a reason to crash the process.
      this.sub.subscribe(PREFIX + topic).catch((err) => console.error('redis subscribe failed', topic, String(err)));
    }
    set.add(listener);
    return () => {
      // A second call must not drop (and UNSUBSCRIBE) a topic that others subscribed to since.
      if (!set.delete(listener)) return;
      if (set.size === 0 && this.topics.get(topic) === set) {
        this.topics.delete(topic);
        // Streams and rooms unsubscribe as they end, also after close() (shutdown): nothing to undo then.
        this.sub.unsubscribe(PREFIX + topic).catch(() => {});
      }
    };
  }

  healthy(): boolean {
    return !this.closed && !this.down && this.sub.status === 'ready' && this.pub.status === 'ready';
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.topics.clear();
    this.reconnectListeners.clear();
    this.sub.disconnect();
    await this.pub.quit().catch(() => this.pub.disconnect());
  }
}
