// The room manager: loads documents into rooms on demand, keeps them while anyone uses them, flushes and
// compacts their logs, and unloads them once the last client left and every update is written.
// Other areas use it for server-side edits on a live document (withRoom), locks and flushes.
import type { Deps } from '../context.ts';
import { audit } from '../audit/log.ts';
import type { DocumentKind } from '../../shared/enums.ts';
import { CloseCode } from '../../shared/limits.ts';
import { AccessWatch } from './access-watch.ts';
import { UpdateBatcher } from './batcher.ts';
import { CollabConnection } from './connection.ts';
import { appendUpdate, compactDocument, loadDocumentState, type CompactionResult } from './persistence.ts';
import { DocRelay } from './relay.ts';
import { Room } from './room.ts';
import { SessionWatch } from './session-watch.ts';

export interface RoomManagerOptions {
  /** Content of a document that has never been edited. */
  template: (kind: DocumentKind) => Uint8Array;
  /** Batch window for log writes (at most this long in memory). */
  flushWindowMs?: number;
  /** Log rows after the snapshot that trigger a compaction. */
  compactThreshold?: number;
  /** How often open sockets' sessions are re-checked (logouts close sockets at once regardless). */
  sessionCheckMs?: number;
}

interface Loaded {
  room: Room;
  release: () => void;
}

export class RoomManager {
  private readonly rooms = new Map<string, Loaded>();
  private readonly loading = new Map<string, Promise<Room | null>>();
  /** Audit writes and compactions in flight; awaited on close. */
  private readonly background = new Set<Promise<unknown>>();
  private readonly relay: DocRelay;
  private readonly access: AccessWatch;
  /** Closes sockets whose session ended (logout, expiry). */
  readonly sessionWatch: SessionWatch;
  private readonly flushWindowMs: number;
  private readonly compactThreshold: number;

  constructor(
    private readonly deps: Deps,
    private readonly opts: RoomManagerOptions,
  ) {
    this.flushWindowMs = opts.flushWindowMs ?? 250;
    this.compactThreshold = opts.compactThreshold ?? 500;
    this.relay = new DocRelay(deps.hub, (err) => deps.log.error('collab: relay failed', { err: String(err) }));
    this.access = new AccessWatch(deps.hub, (householdId) => this.connectionsOf(householdId));
    this.sessionWatch = new SessionWatch(deps, () => this.allConnections(), opts.sessionCheckMs);
  }

  /** The live room of a document, if it is loaded in this process. */
  get(documentId: string): Room | undefined {
    return this.rooms.get(documentId)?.room;
  }

  get loadedCount(): number {
    return this.rooms.size;
  }

  /**
   * Runs `fn` on the document's room (loading it if needed) and keeps the room loaded meanwhile.
   * Changes made in `fn` are ordinary updates: broadcast, persisted, relayed. Null when the document does not exist.
   */
  async withRoom<T>(documentId: string, fn: (room: Room) => T | Promise<T>): Promise<T | null> {
    const room = await this.load(documentId);
    if (!room) return null;
    room.holds++;
    try {
      return await fn(room);
    } finally {
      room.holds--;
      this.maybeUnload(room);
    }
  }

  /** Attaches an authorised socket. Null when the document is gone or the socket closed while loading. */
  async join(conn: CollabConnection): Promise<Room | null> {
    const room = await this.load(conn.documentId);
    if (!room || conn.closed) {
      if (room) this.maybeUnload(room);
      return null;
    }
    room.attach(conn);
    this.track(
      audit(this.deps.db, {
        userId: conn.userId,
        organizationId: conn.principal.user.organization.id,
        householdId: conn.householdId,
        event: 'document.open',
        target: conn.documentId,
        ip: conn.principal.ip,
        details: { role: conn.principal.role, readOnly: !room.mayWrite(conn) },
      }),
    );
    return room;
  }

  /** Detaches a socket that closed; writes its edit-session audit row when it changed anything. */
  leave(conn: CollabConnection): void {
    conn.closed = true;
    const room = this.get(conn.documentId);
    if (!room || !room.detach(conn)) return;
    if (conn.updatesApplied > 0) {
      this.track(
        audit(this.deps.db, {
          userId: conn.userId,
          organizationId: conn.principal.user.organization.id,
          householdId: conn.householdId,
          event: 'document.edit_session',
          target: conn.documentId,
          ip: conn.principal.ip,
          details: {
            start: conn.openedAt.toISOString(),
            end: new Date().toISOString(),
            firstUpdateAt: conn.firstUpdateAt?.toISOString(),
            lastUpdateAt: conn.lastUpdateAt?.toISOString(),
            updates: conn.updatesApplied,
          },
        }),
      );
    }
    this.maybeUnload(room);
  }

  /** Writes pending updates now (one document, or all). Rejects if a write fails; the updates stay pending. */
  async flush(documentId?: string): Promise<void> {
    const rooms = documentId ? [this.get(documentId)].filter((r): r is Room => !!r) : [...this.rooms.values()].map((l) => l.room);
    await Promise.all(rooms.map((room) => room.batcher.flush()));
  }

  /** Flushes, then folds the document's log into a snapshot (also runs by itself past the threshold). */
  async compact(documentId: string): Promise<CompactionResult | null> {
    await this.flush(documentId);
    const result = await compactDocument(this.deps.db, documentId);
    const room = this.get(documentId);
    if (room && result) room.logRows = Math.max(0, room.logRows - result.foldedRows);
    return result;
  }

  /** Switches the document's connections read-only (locked) or back, here and in other processes. */
  setLocked(documentId: string, locked: boolean): void {
    this.get(documentId)?.setLocked(locked);
    this.relay.publishLock(documentId, locked);
  }

  /** Closes every connection of one user to one household's documents (e.g. account disabled). */
  disconnectUser(householdId: string, userId: string): void {
    this.access.apply({ householdId, userId, role: null });
  }

  /** Shutdown: closes sockets, writes every pending update (retrying a few times), waits for audit rows. */
  async close(): Promise<void> {
    this.sessionWatch.close();
    await Promise.allSettled([...this.loading.values()]);
    for (const { room } of this.rooms.values()) room.closeAll(CloseCode.GoingAway, 'Server wordt afgesloten');
    for (const { room } of [...this.rooms.values()]) {
      for (let attempt = 1; ; attempt++) {
        try {
          await room.batcher.flush();
          break;
        } catch (err) {
          if (attempt >= 5) {
            this.deps.log.error('collab: updates could not be written at shutdown', { documentId: room.documentId, err: String(err) });
            break;
          }
          await new Promise((r) => setTimeout(r, 200 * attempt));
        }
      }
    }
    await Promise.allSettled([...this.background]);
    for (const loaded of [...this.rooms.values()]) this.unload(loaded);
  }

  private *allConnections(): Iterable<CollabConnection> {
    for (const { room } of this.rooms.values()) yield* room.connections;
  }

  private *connectionsOf(householdId: string): Iterable<CollabConnection> {
    for (const { room } of this.rooms.values()) if (room.householdId === householdId) yield* room.connections;
  }

  private load(documentId: string): Promise<Room | null> {
    const loaded = this.rooms.get(documentId);
    if (loaded) return Promise.resolve(loaded.room);
    let pending = this.loading.get(documentId);
    if (!pending) {
      pending = this.createRoom(documentId).finally(() => this.loading.delete(documentId));
      this.loading.set(documentId, pending);
    }
    return pending;
  }

  private async createRoom(documentId: string): Promise<Room | null> {
    const state = await loadDocumentState(this.deps.db, documentId, this.opts.template);
    if (!state) return null;
    let room: Room;
    const batcher = new UpdateBatcher({
      windowMs: this.flushWindowMs,
      write: (data, count) => appendUpdate(this.deps.db, documentId, data, count),
      onWritten: () => this.afterWrite(room),
      onError: (err, attempt) => this.deps.log.error('collab: writing updates failed, will retry', { documentId, attempt, err: String(err) }),
    });
    room = new Room(documentId, state.document.householdId, state.document.lockedAt !== null, state.updates, state.logRows, batcher, {
      onLocalUpdate: (r, update) => this.relay.publishUpdate(r, update),
      onLocalAwareness: (r, update) => this.relay.publishAwareness(r, update),
      log: this.deps.log,
    });
    const stopRelay = this.relay.attach(room);
    const stopWatch = this.access.watch(room.householdId);
    this.rooms.set(documentId, {
      room,
      release: () => {
        stopRelay();
        stopWatch();
      },
    });
    return room;
  }

  private afterWrite(room: Room) {
    room.logRows++;
    if (room.logRows >= this.compactThreshold && !room.compacting) {
      room.compacting = true;
      // In the background: the room keeps serving editors while the log is folded.
      this.track(
        compactDocument(this.deps.db, room.documentId)
          .then((result) => {
            if (result) room.logRows = Math.max(0, room.logRows - result.foldedRows);
          })
          .catch((err) => this.deps.log.error('collab: compaction failed', { documentId: room.documentId, err: String(err) }))
          .finally(() => {
            room.compacting = false;
          }),
      );
    }
    this.maybeUnload(room);
  }

  private maybeUnload(room: Room) {
    const loaded = this.rooms.get(room.documentId);
    // Not idle while updates wait to be written: the batcher's next successful write calls back here.
    if (loaded?.room !== room || !room.idle) return;
    this.unload(loaded);
  }

  private unload(loaded: Loaded) {
    if (this.rooms.get(loaded.room.documentId) !== loaded) return;
    this.rooms.delete(loaded.room.documentId);
    loaded.release();
    loaded.room.destroy();
  }

  private track(promise: Promise<unknown>) {
    const tracked = promise.catch((err) => this.deps.log.error('collab: background task failed', { err: String(err) }));
    this.background.add(tracked);
    void tracked.finally(() => this.background.delete(tracked));
  }
}
