// One live document: the Y.Doc and awareness shared by every connection to it, the rules for what a
// message may change, and the batch of updates waiting to be written.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode, MAX_DOCUMENT_BYTES, MAX_MESSAGE_BYTES } from '../../shared/limits.ts';
import type { UpdateBatcher } from './batcher.ts';
import { applyAll } from './persistence.ts';
import type { CollabConnection } from './connection.ts';
import {
  MalformedMessage,
  decodeClientMessage,
  encodeAwareness,
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  toBytes,
} from './protocol.ts';

/** Transaction origin of updates that came from another server process: relayed, never re-persisted. */
export const REMOTE_ORIGIN = Symbol('remote');

export interface RoomHooks {
  /** An update from this process (a client or a server edit) was applied: publish it to other processes. */
  onLocalUpdate(room: Room, update: Uint8Array): void;
  onLocalAwareness(room: Room, update: Uint8Array): void;
  log: { warn(msg: string, data?: Record<string, unknown>): void; error(msg: string, data?: Record<string, unknown>): void };
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<CollabConnection>();
  /** Server-side users of the room (REST versions/restore) that keep it loaded, besides connections. */
  holds = 0;
  /** Log rows after the latest snapshot; compaction folds them when there are too many. */
  logRows: number;
  compacting = false;
  private sizeEstimate: number;

  constructor(
    readonly documentId: string,
    readonly householdId: string,
    public locked: boolean,
    state: Uint8Array[],
    logRows: number,
    readonly batcher: UpdateBatcher,
    private readonly hooks: RoomHooks,
  ) {
    applyAll(this.doc, state, REMOTE_ORIGIN);
    this.logRows = logRows;
    this.sizeEstimate = Y.encodeStateAsUpdate(this.doc).byteLength;
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.handleDocUpdate);
    this.awareness.on('update', this.handleAwarenessUpdate);
  }

  /** THE write rule: the household policy (observers may not) and the document lock (vastgesteld). */
  mayWrite(conn: CollabConnection): boolean {
    return !this.locked && conn.roleMayWrite;
  }

  get idle(): boolean {
    return this.connections.size === 0 && this.holds === 0 && this.batcher.idle;
  }

  attach(conn: CollabConnection): void {
    this.connections.add(conn);
    conn.send(encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length) conn.send(encodeAwareness(this.awareness, states));
  }

  /** Removes the connection and its presence. Returns false when it was not attached (already detached). */
  detach(conn: CollabConnection): boolean {
    if (!this.connections.delete(conn)) return false;
    if (conn.awarenessIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
    return true;
  }

  /** Handles one frame from a client. Problems close that one connection; the document stays untouched. */
  receive(conn: CollabConnection, data: unknown): void {
    if (conn.closed || !this.connections.has(conn)) return;
    const bytes = toBytes(data);
    if (!bytes) return conn.close(CloseCode.Malformed, 'Alleen binaire berichten zijn toegestaan');
    if (bytes.byteLength > MAX_MESSAGE_BYTES) return conn.close(CloseCode.TooLarge, 'Bericht te groot');
    let message;
    try {
      message = decodeClientMessage(bytes);
    } catch (err) {
      if (!(err instanceof MalformedMessage)) throw err;
      this.hooks.log.warn('collab: malformed message', { documentId: this.documentId, userId: conn.userId, reason: err.message });
      return conn.close(CloseCode.Malformed, 'Onleesbaar bericht');
    }
    switch (message.kind) {
      case 'syncStep1':
        return conn.send(encodeSyncStep2(this.doc, message.stateVector));
      case 'update':
        return this.receiveUpdate(conn, message.update);
      case 'awareness':
        // Presence is relayed for everyone, observers included.
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, conn);
        return;
      case 'queryAwareness':
        return conn.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
    }
  }

  private receiveUpdate(conn: CollabConnection, update: Uint8Array): void {
    // Read-only: ignored without a word, so a client with stale local edits does not loop on errors.
    if (!this.mayWrite(conn)) return;
    if (this.sizeEstimate + update.byteLength > MAX_DOCUMENT_BYTES) {
      // The estimate only grows; measure exactly before refusing.
      this.sizeEstimate = Y.encodeStateAsUpdate(this.doc).byteLength;
      if (this.sizeEstimate + update.byteLength > MAX_DOCUMENT_BYTES) return conn.close(CloseCode.TooLarge, 'Document te groot');
    }
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (err) {
      // decodeClientMessage already parsed the update, so this is unexpected; the connection goes, the room stays.
      this.hooks.log.error('collab: update failed to apply', { documentId: this.documentId, err: String(err) });
      return conn.close(CloseCode.Malformed, 'Wijziging kon niet worden verwerkt');
    }
  }

  /** Applies an update received from another process (already persisted there). */
  applyRemoteUpdate(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
  }

  applyRemoteAwareness(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
  }

  /** Switches every connection between read-write and read-only (document lock). */
  setLocked(locked: boolean): void {
    this.locked = locked;
  }

  closeAll(code: number, reason: string): void {
    for (const conn of [...this.connections]) conn.close(code, reason);
  }

  destroy(): void {
    this.batcher.dispose();
    this.doc.off('update', this.handleDocUpdate);
    this.awareness.off('update', this.handleAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private handleDocUpdate = (update: Uint8Array, origin: unknown) => {
    const message = encodeUpdate(update);
    for (const conn of this.connections) if (conn !== origin) conn.send(message);
    this.sizeEstimate += update.byteLength;
    if (origin === REMOTE_ORIGIN) return;
    // Counted here, not on receipt: a sync step 2 that brings nothing new is not an edit.
    if (this.connections.has(origin as CollabConnection)) (origin as CollabConnection).recordUpdate(new Date());
    this.batcher.push(update);
    this.hooks.onLocalUpdate(this, update);
  };

  private handleAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = [...added, ...updated, ...removed];
    if (!changed.length) return;
    const owner = origin as CollabConnection;
    if (this.connections.has(owner)) {
      for (const id of added) owner.awarenessIds.add(id);
      for (const id of removed) owner.awarenessIds.delete(id);
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const message = encodeAwarenessMessage(update);
    for (const conn of this.connections) conn.send(message);
    if (origin !== REMOTE_ORIGIN) this.hooks.onLocalAwareness(this, update);
  };
}
