// Shares live rooms between server processes over the hub (Redis with REDIS_URL): applied updates,
// awareness and document locks go out on `doc:<documentId>`, tagged with this process's id so a process
// ignores its own messages (the in-process LocalHub delivers them back synchronously). A room that loads
// asks the others for what it lacks (a sync step 1 over the hub), covering their not-yet-flushed updates;
// the others answer and ask back, so both sides end up with everything. After the hub reconnects (a Redis
// restart loses what was published meanwhile) every room asks again.
//
// Each process writes only its own clients' updates. An update carries the seq that stores it at its
// origin, and the origin announces its commits (`saved`); until then the other rooms hold the update as
// unwritten (remote-updates.ts: their save acknowledgements wait for it). Processes announce themselves
// every second on one topic; when an origin has been silent for DEAD_AFTER_MS while the hub itself worked
// (it was killed), the rooms that hold its unwritten updates write them themselves.
import * as Y from 'yjs';
import type { Hub } from '../realtime/hub.ts';
import type { Room } from './room.ts';

type RelayBody =
  /** `seq`: the origin's update seq that stores it; `saved`: the origin's committed seq when it was sent. */
  | { type: 'update'; data: string; seq?: number; saved?: number }
  | { type: 'awareness'; data: string }
  /** A request for what the sender lacks; `reply`: sent in answer to one (not answered with another). */
  | { type: 'stateVector'; data: string; reply?: boolean }
  | { type: 'saved'; seq: number }
  | { type: 'lock'; locked: boolean };
type RelayMessage = RelayBody & { origin: string };

const b64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

export const docTopic = (documentId: string) => `doc:${documentId}`;
const ALIVE_TOPIC = 'collab:alive';
const ALIVE_MS = 1_000;
/** An origin silent this long while the hub works is gone. */
export const DEAD_AFTER_MS = 3_000;
/** An update its origin has not confirmed after this long is written here anyway (a lost announcement). */
const UNCONFIRMED_LIMIT_MS = 60_000;

export interface RelayHooks {
  rooms: () => Iterable<Room>;
  onError: (err: unknown) => void;
  onAdopted: (documentId: string, updates: number) => void;
}

export class DocRelay {
  readonly origin = crypto.randomUUID();
  /** When each other process was last heard from. */
  private readonly lastSeen = new Map<string, number>();
  /** Since when the hub has worked without interruption (start, or its last reconnect). */
  private hubUpSince = Date.now();
  private ownEcho = Date.now();
  private readonly stopAlive: () => void;
  private readonly stopReconnect: () => void;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly hub: Hub,
    private readonly hooks: RelayHooks,
  ) {
    this.stopAlive = hub.subscribe(ALIVE_TOPIC, (raw) => this.heard((raw as { origin?: string })?.origin));
    this.stopReconnect = hub.onReconnect?.(() => this.resync()) ?? (() => {});
    this.timer = setInterval(() => {
      this.hub.publish(ALIVE_TOPIC, { origin: this.origin });
      this.adoptFromTheGone();
    }, ALIVE_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.stopAlive();
    this.stopReconnect();
  }

  /** Starts relaying for a freshly loaded room; returns the unsubscribe function. */
  attach(room: Room): () => void {
    const unsubscribe = this.hub.subscribe(docTopic(room.documentId), (raw) => {
      const message = raw as RelayMessage;
      if (!message || message.origin === this.origin) return;
      this.heard(message.origin);
      try {
        this.receive(room, message);
      } catch (err) {
        this.hooks.onError(err);
      }
    });
    this.askForMissing(room, false);
    return unsubscribe;
  }

  publishUpdate(room: Room, update: Uint8Array): void {
    if (this.alone(room.documentId)) return;
    this.publish(room.documentId, { type: 'update', data: b64(update), seq: room.latestSeq, saved: room.savedSeq });
  }

  publishAwareness(room: Room, update: Uint8Array): void {
    if (this.alone(room.documentId)) return;
    this.publish(room.documentId, { type: 'awareness', data: b64(update) });
  }

  publishLock(documentId: string, locked: boolean): void {
    this.publish(documentId, { type: 'lock', locked });
  }

  /** This process committed the room's updates up to `seq`. */
  publishSaved(room: Room, seq: number): void {
    if (this.alone(room.documentId)) return;
    this.publish(room.documentId, { type: 'saved', seq });
  }

  private receive(room: Room, message: RelayMessage) {
    switch (message.type) {
      case 'update': {
        const { seq, saved } = message;
        const unwritten = typeof seq === 'number' && seq > (saved ?? 0);
        return room.applyRemoteUpdate(bytesOf(message.data), unwritten ? { origin: message.origin, seq } : undefined);
      }
      case 'awareness':
        return room.applyRemoteAwareness(bytesOf(message.data));
      case 'lock':
        return room.setLocked(message.locked);
      case 'saved':
        return room.remoteSaved(message.origin, message.seq);
      case 'stateVector': {
        const missing = Y.encodeStateAsUpdate(room.doc, bytesOf(message.data));
        // An empty update is two zero bytes (no structs, no deletes): nothing to send.
        if (missing.byteLength > 2) this.publishUpdate(room, missing);
        if (!message.reply) this.askForMissing(room, true);
        return;
      }
    }
  }

  private askForMissing(room: Room, reply: boolean) {
    this.publish(room.documentId, { type: 'stateVector', data: b64(Y.encodeStateVector(room.doc)), reply });
  }

  /** After a hub outage: what was published meanwhile is lost, so every room asks again and repeats its commits. */
  private resync() {
    this.hubUpSince = Date.now();
    for (const room of this.hooks.rooms()) {
      this.askForMissing(room, false);
      if (room.savedSeq > 0) this.publishSaved(room, room.savedSeq);
    }
  }

  private heard(origin: string | undefined) {
    if (typeof origin !== 'string') return;
    if (origin === this.origin) this.ownEcho = Date.now();
    else this.lastSeen.set(origin, Date.now());
  }

  /** Writes here the unwritten updates of processes that are gone (judged only while the hub works). */
  private adoptFromTheGone() {
    const now = Date.now();
    if (now - this.ownEcho > 2 * ALIVE_MS) return;
    for (const room of this.hooks.rooms()) {
      for (const [origin, oldest] of room.remote.waitingOn()) {
        const silentFor = now - Math.max(this.lastSeen.get(origin) ?? 0, this.hubUpSince);
        if (silentFor < DEAD_AFTER_MS && now - oldest < UNCONFIRMED_LIMIT_MS) continue;
        this.hooks.onAdopted(room.documentId, room.adoptRemote(origin));
      }
    }
    for (const [origin, seen] of this.lastSeen) if (now - seen > UNCONFIRMED_LIMIT_MS) this.lastSeen.delete(origin);
  }

  private publish(documentId: string, message: RelayBody) {
    this.hub.publish(docTopic(documentId), { ...message, origin: this.origin });
  }

  /**
   * Nobody but this relay listens to the document's topic on an in-process hub (one process, no Redis): a
   * message would only come back to its sender, who ignores it. Then updates and commits are not encoded and
   * published at all (the hot path: every keystroke and every committed row). Over Redis, always published.
   */
  private alone(documentId: string): boolean {
    return this.hub.listenerCount?.(docTopic(documentId)) === 1;
  }
}
