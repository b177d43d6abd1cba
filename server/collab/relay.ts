// Shares live rooms between server processes over the hub (Redis with REDIS_URL): applied updates,
// awareness and document locks go out on `doc:<documentId>`, tagged with this process's id so a process
// ignores its own messages (the in-process LocalHub delivers them back synchronously). A room that loads
// asks the others for what it lacks (a sync step 1 over the hub), covering their not-yet-flushed updates.
import * as Y from 'yjs';
import type { Hub } from '../realtime/hub.ts';
import type { Room } from './room.ts';

type RelayBody =
  | { type: 'update'; data: string }
  | { type: 'awareness'; data: string }
  | { type: 'stateVector'; data: string }
  | { type: 'lock'; locked: boolean };
type RelayMessage = RelayBody & { origin: string };

const b64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

export const docTopic = (documentId: string) => `doc:${documentId}`;

export class DocRelay {
  readonly origin = crypto.randomUUID();

  constructor(
    private readonly hub: Hub,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Starts relaying for a freshly loaded room; returns the unsubscribe function. */
  attach(room: Room): () => void {
    const unsubscribe = this.hub.subscribe(docTopic(room.documentId), (raw) => {
      const message = raw as RelayMessage;
      if (!message || message.origin === this.origin) return;
      try {
        this.receive(room, message);
      } catch (err) {
        this.onError(err);
      }
    });
    this.publish(room.documentId, { type: 'stateVector', data: b64(Y.encodeStateVector(room.doc)) });
    return unsubscribe;
  }

  publishUpdate(room: Room, update: Uint8Array): void {
    this.publish(room.documentId, { type: 'update', data: b64(update) });
  }

  publishAwareness(room: Room, update: Uint8Array): void {
    this.publish(room.documentId, { type: 'awareness', data: b64(update) });
  }

  publishLock(documentId: string, locked: boolean): void {
    this.publish(documentId, { type: 'lock', locked });
  }

  private receive(room: Room, message: RelayMessage) {
    switch (message.type) {
      case 'update':
        return room.applyRemoteUpdate(bytesOf(message.data));
      case 'awareness':
        return room.applyRemoteAwareness(bytesOf(message.data));
      case 'lock':
        return room.setLocked(message.locked);
      case 'stateVector': {
        const missing = Y.encodeStateAsUpdate(room.doc, bytesOf(message.data));
        // An empty update is two zero bytes (no structs, no deletes): nothing to send.
        if (missing.byteLength > 2) this.publishUpdate(room, missing);
        return;
      }
    }
  }

  private publish(documentId: string, message: RelayBody) {
    this.hub.publish(docTopic(documentId), { ...message, origin: this.origin });
  }
}
