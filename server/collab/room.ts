// One live document: the Y.Doc and awareness shared by every connection to it, the rules for what a
// message may change, and the batch of updates waiting to be written.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode, MAX_DOCUMENT_BYTES, MAX_MESSAGE_BYTES, MAX_PENDING_BYTES, MAX_PENDING_UPDATES } from '../../shared/limits.ts';
import type { DocumentBatch } from './batcher.ts';
import { applyAll } from './persistence.ts';
import type { CollabConnection } from './connection.ts';
import { SaveAcks } from './save-acks.ts';
import { OWN_ORIGIN, RemoteUpdates } from './remote-updates.ts';
import { stampPresence } from './presence.ts';
import { documentRules, inspectUpdate } from './schema-guard.ts';
import {
  MalformedMessage,
  decodeClientMessage,
  encodeAwarenessEntries,
  encodeAwareness,
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  toBytes,
  type AwarenessEntry,
  type DecodedUpdate,
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
  /** Tells connections which of their messages are stored (save acknowledgements). */
  readonly acks = new SaveAcks();
  /** Updates from other processes that their origin has not yet written (acknowledgements wait for them). */
  readonly remote = new RemoteUpdates();
  /** Number of the latest update handed to the batcher (acknowledgements refer to it). */
  private seq = 0;
  /** Every update up to this seq is committed. */
  private committedSeq = 0;
  /** The household is closed: read-only for everyone (set at load and when the case is closed or reopened). */
  householdClosed = false;
  private sizeEstimate: number;
  /** Bytes of updates waiting for their dependencies, over all connections (they count as document size). */
  private waitingBytes = 0;

  constructor(
    readonly documentId: string,
    readonly householdId: string,
    public locked: boolean,
    state: Uint8Array[],
    logRows: number,
    readonly batcher: DocumentBatch,
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

  /** THE write rule: the household policy (observers may not; nobody in a closed case) and the document lock (vastgesteld). */
  mayWrite(conn: CollabConnection): boolean {
    return !this.locked && !this.householdClosed && conn.roleMayWrite;
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
    this.dropWaiting(conn);
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
        return this.receiveUpdate(conn, message.update, message.decoded, message.syncStep2);
      case 'awareness':
        return this.receiveAwareness(conn, message.entries);
      case 'queryAwareness':
        return conn.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
    }
  }

  /**
   * A client's document change: checked against the schema before anything is applied or broadcast, held
   * (bounded) while the structs it builds on have not arrived, then applied.
   */
  private receiveUpdate(conn: CollabConnection, update: Uint8Array, decoded: DecodedUpdate, syncStep2: boolean): void {
    // Read-only: ignored without a word, so a client with stale local edits does not loop on errors.
    if (!this.mayWrite(conn)) return;
    const verdict = inspectUpdate(this.doc, decoded, documentRules());
    if (!verdict.ok) return this.refuseOutsideSchema(conn, verdict.reason);
    if (!this.fits(update.byteLength)) return conn.close(CloseCode.TooLarge, 'Document te groot');
    if (verdict.waiting) return this.hold(conn, update, decoded);
    const barrier = this.remoteBarrier(decoded, syncStep2);
    if (this.apply(conn, update)) {
      // Stored once the commit holding this seq is done (at once if the message brought nothing new).
      this.acks.received(conn, this.seq, barrier);
      this.retryWaiting();
    }
  }

  /**
   * The remote arrivals a client message's acknowledgement waits for (see remote-updates.ts). A sync step 2
   * stands for every edit the client had (its screen counts them all as carried by it), including edits this
   * room holds only as relayed by a process that may not have written them yet; so does an update that repeats
   * content the room already has, or that deletes. An update of new content is stored by this room's commit.
   * Measured before the message is applied.
   */
  private remoteBarrier(decoded: DecodedUpdate, syncStep2: boolean): number {
    const { barrier, settledThrough } = this.remote;
    if (settledThrough === barrier) return barrier;
    if (syncStep2 || decoded.ds.clients.size > 0) return barrier;
    for (const s of decoded.structs) if (s.id.clock < Y.getState(this.doc.store, s.id.client)) return barrier;
    return 0;
  }

  /** The latest update seq handed to the group commit, and the latest one committed (other processes hear both). */
  get latestSeq(): number {
    return this.seq;
  }

  get savedSeq(): number {
    return this.committedSeq;
  }

  /** A commit holding this room's updates up to `seq` is done: acknowledge it to the connections. */
  saved(seq: number): void {
    this.committedSeq = Math.max(this.committedSeq, seq);
    this.remote.saved(OWN_ORIGIN, seq);
    this.settle();
  }

  private settle(): void {
    this.acks.committed(this.committedSeq, this.remote.settledThrough, this.connections);
  }

  /** Whether `bytes` more still fit in the document, counting updates that wait for their dependencies. */
  private fits(bytes: number): boolean {
    if (this.sizeEstimate + this.waitingBytes + bytes <= MAX_DOCUMENT_BYTES) return true;
    // The estimate only grows; measure exactly before refusing.
    this.sizeEstimate = Y.encodeStateAsUpdate(this.doc).byteLength;
    return this.sizeEstimate + this.waitingBytes + bytes <= MAX_DOCUMENT_BYTES;
  }

  private apply(conn: CollabConnection, update: Uint8Array): boolean {
    try {
      Y.applyUpdate(this.doc, update, conn);
      return true;
    } catch (err) {
      // decodeClientMessage already parsed the update, so this is unexpected; the connection goes, the room stays.
      this.hooks.log.error('collab: update failed to apply', { documentId: this.documentId, err: String(err) });
      conn.close(CloseCode.Malformed, 'Wijziging kon niet worden verwerkt');
      return false;
    }
  }

  private refuseOutsideSchema(conn: CollabConnection, reason: string): void {
    // The reason names types and attributes only, never content.
    this.hooks.log.warn('collab: update outside the document schema refused', { documentId: this.documentId, userId: conn.userId, reason });
    this.dropWaiting(conn);
    conn.close(CloseCode.SchemaViolation, 'Deze wijziging past niet in het document en is geweigerd');
  }

  /**
   * Keeps an update whose dependencies have not arrived (a client's edit typed before its sync reply got
   * here). Yjs would keep such structs itself, without any bound; here they wait on their connection.
   */
  private hold(conn: CollabConnection, update: Uint8Array, decoded: DecodedUpdate): void {
    if (conn.waiting.length >= MAX_PENDING_UPDATES || conn.waitingBytes + update.byteLength > MAX_PENDING_BYTES) {
      this.hooks.log.warn('collab: too many updates with missing dependencies', {
        documentId: this.documentId,
        userId: conn.userId,
        waiting: conn.waiting.length,
        bytes: conn.waitingBytes,
      });
      this.dropWaiting(conn);
      return conn.close(CloseCode.TooLarge, 'Te veel wijzigingen wachten op ontbrekende gegevens');
    }
    const entry = { update, decoded };
    conn.waiting.push(entry);
    this.acks.held(conn, entry);
    conn.waitingBytes += update.byteLength;
    this.waitingBytes += update.byteLength;
  }

  private dropWaiting(conn: CollabConnection): void {
    this.waitingBytes -= conn.waitingBytes;
    conn.waiting.length = 0;
    conn.waitingBytes = 0;
  }

  /** After the document grew: applies every waiting update whose dependencies are now all there. */
  private retryWaiting(): void {
    for (let progress = this.waitingBytes > 0; progress; ) {
      progress = false;
      for (const conn of this.connections) {
        if (!conn.waiting.length) continue;
        if (!this.mayWrite(conn)) {
          this.dropWaiting(conn);
          continue;
        }
        for (const w of [...conn.waiting]) {
          const verdict = inspectUpdate(this.doc, w.decoded, documentRules());
          if (!verdict.ok) {
            this.refuseOutsideSchema(conn, verdict.reason);
            break;
          }
          if (verdict.waiting) continue;
          conn.waiting.splice(conn.waiting.indexOf(w), 1);
          conn.waitingBytes -= w.update.byteLength;
          this.waitingBytes -= w.update.byteLength;
          if (!this.apply(conn, w.update)) break;
          this.acks.applied(conn, w, this.seq, this.remote.barrier);
          progress = true;
        }
      }
    }
  }

  /**
   * Presence is relayed for everyone, observers included, but stamped here: one awareness client per
   * connection, its name and organisation from the session. Entries for other client ids (y-websocket
   * echoes what it hears, and an attacker could forge them) are dropped.
   */
  private receiveAwareness(conn: CollabConnection, entries: AwarenessEntry[]): void {
    const accepted: AwarenessEntry[] = [];
    for (const entry of entries) {
      if (conn.awarenessClientId === null && entry.state !== null && this.mayClaim(conn, entry.clientID)) {
        conn.awarenessClientId = entry.clientID;
        // A presence the room already holds for it (relayed from the process this client was on before, or
        // its previous socket here) is unchanged, so no update names this connection as its owner: it is,
        // and the presence goes when this connection goes.
        if (this.awareness.getStates().has(entry.clientID)) conn.awarenessIds.add(entry.clientID);
      }
      if (entry.clientID !== conn.awarenessClientId) continue;
      accepted.push({ ...entry, state: entry.state && stampPresence(entry.state, conn.principal.user) });
    }
    if (accepted.length) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), conn);
  }

  /** A client id is free to claim unless someone else's presence holds it (a reconnect of the same user may take it over). */
  private mayClaim(conn: CollabConnection, clientID: number): boolean {
    if (clientID === this.awareness.clientID) return false;
    const current = this.awareness.getStates().get(clientID) as { presence?: { userId?: unknown } } | undefined;
    if (!current) return true;
    if (current.presence?.userId !== conn.userId) return false;
    for (const other of this.connections) if (other !== conn && other.awarenessIds.delete(clientID)) other.awarenessClientId = null;
    return true;
  }

  /**
   * Applies an update received from another process, which persists it: `from` names that process and the
   * seq of its own that stores it (absent: already stored).
   */
  applyRemoteUpdate(update: Uint8Array, from?: { origin: string; seq: number }): void {
    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    if (from) this.remote.add(from.origin, from.seq, update);
    this.retryWaiting();
  }

  /** Process `origin` committed its updates of this document up to its seq `seq`. */
  remoteSaved(origin: string, seq: number): void {
    if (this.remote.saved(origin, seq)) this.settle();
  }

  /** Process `origin` is gone: write what it had not written yet here (returns how many updates). */
  adoptRemote(origin: string): number {
    return this.remote.adopt(origin, (update) => {
      this.batcher.push(update, ++this.seq);
      return this.seq;
    });
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
    this.batcher.push(update, ++this.seq);
    this.hooks.onLocalUpdate(this, update);
  };

  private handleAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
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
