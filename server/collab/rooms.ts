// The room manager: loads documents into rooms on demand, keeps them while anyone uses them, flushes and
// compacts their logs, and unloads them once the last client left and every update is written.
// Other areas use it for server-side edits on a live document (withRoom), locks and flushes.
import * as Y from 'yjs';
import type { Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { audit } from '../audit/log.ts';
import type { DocumentKind } from '../../shared/enums.ts';
import { CloseCode } from '../../shared/limits.ts';
import { describeDbError, withTimeout } from '../db/client.ts';
import { GroupCommitBatcher, type CommitRow } from './batcher.ts';
import type { CollabConnection } from './connection.ts';
import { appendUpdates, compactDocument, foldLog, loadDocumentState, type CompactionResult } from './persistence.ts';
import { spillRows } from './spill.ts';
import { DocRelay } from './relay.ts';
import { Room } from './room.ts';
import { documentRules } from './schema-guard.ts';
import { onLifecycle, type LifecycleChange } from '../households/lifecycle.ts';

/**
 * Log rows that trigger a compaction. A load applies every row still in the log (a fresh process, cold, spent
 * ~30 ms on 500 keystroke rows, against ~2 ms for one snapshot); a compaction reads, merges and rewrites the
 * whole document, a few ms for 100 rows. With one row per flush window (250 ms) while someone types, 100 rows
 * is a compaction per 25 s or more of typing: still far fewer bytes written than a store of the whole state
 * per save.
 */
export const COMPACT_THRESHOLD = 100;

export interface RoomManagerOptions {
  /** Content of a document that has never been edited. */
  template: (kind: DocumentKind) => Uint8Array;
  /** Group commit window for log writes (an update waits at most this long before its write starts). */
  flushWindowMs?: number;
  /** A group commit slower than this is counted as failed and retried. */
  writeTimeoutMs?: number;
  /** Shutdown waits this long for pending updates before spilling them to `spillDataDir`. */
  shutdownFlushMs?: number;
  /** DATA_DIR: where updates that could not be written at shutdown are spilled (see spill.ts). */
  spillDataDir?: string;
  /** Log rows after the snapshot that trigger a compaction. */
  compactThreshold?: number;
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
  private readonly compactThreshold: number;
  /** One group commit for every document of this process (counters in `batcher.stats`). */
  readonly batcher: GroupCommitBatcher;
  private readonly stopLifecycle: () => void;
  private readonly templates = new Map<DocumentKind, Uint8Array>();
  /**
   * A kind's template, built once: building it (a ProseMirror document diffed into a fresh Y document) for
   * every first open made each one allocate tens of KB that only a major GC returned. Documents starting from
   * the same update is harmless: the template's client id is never used again (a server edit uses its
   * room's own client id), and no two documents' states are ever merged.
   */
  private readonly template = (kind: DocumentKind): Uint8Array => {
    let state = this.templates.get(kind);
    if (!state) this.templates.set(kind, (state = this.opts.template(kind)));
    return state;
  };

  constructor(
    private readonly deps: Deps,
    private readonly opts: RoomManagerOptions,
  ) {
    this.compactThreshold = opts.compactThreshold ?? COMPACT_THRESHOLD;
    // The schema's rules are built from the Tiptap extensions (~20 ms cold): at start, not in the first open.
    documentRules();
    this.batcher = new GroupCommitBatcher({
      windowMs: opts.flushWindowMs ?? deps.config.durability.flushWindowMs,
      writeTimeoutMs: opts.writeTimeoutMs ?? deps.config.durability.dbWriteTimeoutMs,
      write: async (rows) => {
        const { metrics } = this.deps;
        if (this.batcher.failing) metrics.saveRetries.inc();
        const end = metrics.commitSeconds.startTimer();
        await appendUpdates(this.deps.db, rows);
        end();
        for (const row of rows) metrics.batchSize.observe(row.updateCount);
      },
      onCommitted: (rows) => this.afterCommit(rows),
      // Ids only: never the content.
      onError: (err, attempt, documentIds) => {
        deps.metrics.saveFailures.inc();
        deps.log.error('collab: writing updates failed, will retry', { documentIds, attempt, err: describeDbError(err) });
      },
      onRecovered: (attempts) => deps.log.warn('collab: writing updates works again', { failedAttempts: attempts }),
    });
    this.relay = new DocRelay(deps.hub, {
      rooms: () => [...this.rooms.values()].map((l) => l.room),
      onError: (err) => deps.log.error('collab: relay failed', { err: String(err) }),
      onAdopted: (documentId, updates) =>
        deps.log.warn('collab: another process went away before writing its updates; writing them here', { documentId, updates }),
    });
    deps.metrics.provide({ rooms: () => this.rooms.size, sockets: () => [...this.allConnections()].length });
    this.stopLifecycle = onLifecycle(deps.hub, (change) => this.applyLifecycle(change));
  }

  /** A case closed or reopened switches its documents read-only or back; a destroyed one closes its sockets (4404). */
  private applyLifecycle(change: LifecycleChange): void {
    for (const { room } of [...this.rooms.values()]) {
      if (room.householdId !== change.householdId) continue;
      if (change.kind === 'destroyed') room.closeAll(CloseCode.NotFound, 'Dit document bestaat niet meer');
      else room.householdClosed = change.kind === 'closed';
    }
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

  /**
   * The document's current state for a server-side act inside the caller's transaction: the live room's when
   * it is loaded here (pending edits included), else what is stored, read through `tx`. Null when it does not exist.
   */
  async stateIn(tx: DbOrTx, documentId: string): Promise<Uint8Array | null> {
    const room = this.get(documentId);
    if (room) return Y.encodeStateAsUpdate(room.doc);
    const stored = await loadDocumentState(tx, documentId, this.template);
    return stored ? Y.mergeUpdates(stored.updates) : null;
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
    if (!room?.detach(conn)) return;
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

  /**
   * Writes pending updates now (the group commit holds every document, so `documentId` only documents the
   * caller's interest). Rejects if the write fails; the updates stay pending and are retried.
   */
  async flush(_documentId?: string): Promise<void> {
    await this.batcher.flush();
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

  /**
   * Shutdown, bounded: closes sockets, writes pending updates until `shutdownFlushMs` has passed, and spills
   * whatever could not be written to DATA_DIR (replayed at the next start), so a shutdown during a database
   * outage neither hangs nor loses edits.
   */
  async close(): Promise<void> {
    this.stopLifecycle();
    await Promise.allSettled([...this.loading.values()]);
    for (const { room } of this.rooms.values()) room.closeAll(CloseCode.Restarting, 'Server herstart; opnieuw verbinden');
    const deadline = this.opts.shutdownFlushMs ?? this.deps.config.durability.shutdownFlushMs;
    const flushAll = async () => {
      while (!this.batcher.idle) {
        try {
          await this.batcher.flush();
        } catch {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    await withTimeout(flushAll(), deadline, 'flushing documents at shutdown').catch(() => {});
    const left = this.batcher.drain();
    if (left.length) this.spill(left);
    // Audit rows of the closed sockets: bounded too, a silent database must not hang the shutdown.
    await withTimeout(Promise.allSettled([...this.background]), Math.max(1000, deadline / 4), 'audit writes at shutdown').catch(() =>
      this.deps.log.error('collab: audit rows still pending at shutdown', { count: this.background.size }),
    );
    for (const loaded of [...this.rooms.values()]) this.unload(loaded);
    this.relay.stop();
  }

  private spill(rows: CommitRow[]) {
    const documentIds = rows.map((r) => r.documentId);
    const dataDir = this.opts.spillDataDir ?? this.deps.config.dataDir;
    try {
      const file = spillRows(dataDir, rows);
      this.deps.log.error('collab: database unreachable at shutdown; updates spilled to disk, replayed at next start', { documentIds, file });
    } catch (err) {
      this.deps.log.error('collab: UPDATES LOST: could not spill them to disk', { documentIds, err: String(err) });
    }
  }

  private *allConnections(): Iterable<CollabConnection> {
    for (const { room } of this.rooms.values()) yield* room.connections;
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
    const state = await loadDocumentState(this.deps.db, documentId, this.template);
    if (!state) return null;
    const room = new Room(
      documentId,
      state.document.householdId,
      state.document.lockedAt !== null,
      state.updates,
      state.logRows,
      this.batcher.forDocument(documentId),
      {
        onLocalUpdate: (r, update) => this.relay.publishUpdate(r, update),
        onLocalAwareness: (r, update) => this.relay.publishAwareness(r, update),
        log: this.deps.log,
      },
    );
    // A log past the threshold (compactions failed or lagged, or a history written as rows) is folded from
    // the state just loaded, so the next load reads one snapshot: encoded now, before anything else can
    // change the room, so it holds exactly the rows read.
    const fold = state.logRows >= this.compactThreshold ? Y.encodeStateAsUpdate(room.doc) : null;
    room.householdClosed = state.householdStatus !== 'open';
    const stopRelay = this.relay.attach(room);
    this.rooms.set(documentId, {
      room,
      release: stopRelay,
    });
    if (fold) this.compactInBackground(room, () => foldLog(this.deps.db, documentId, state.source, fold));
    return room;
  }

  private afterCommit(rows: CommitRow[]) {
    for (const row of rows) {
      const room = this.get(row.documentId);
      if (!room) continue;
      room.saved(row.tag ?? 0);
      if (row.tag) this.relay.publishSaved(room, row.tag);
      this.afterWrite(room);
    }
  }

  private afterWrite(room: Room) {
    room.logRows++;
    if (room.logRows >= this.compactThreshold) this.compactInBackground(room, () => compactDocument(this.deps.db, room.documentId));
    this.maybeUnload(room);
  }

  /** In the background: the room keeps serving editors while the log is folded. One compaction per room at a time. */
  private compactInBackground(room: Room, compact: () => Promise<CompactionResult | null>) {
    if (room.compacting) return;
    room.compacting = true;
    this.track(
      compact()
        .then((result) => {
          if (result) room.logRows = Math.max(0, room.logRows - result.foldedRows);
        })
        .catch((err) => this.deps.log.error('collab: compaction failed', { documentId: room.documentId, err: describeDbError(err) }))
        .finally(() => {
          room.compacting = false;
        }),
    );
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
    const tracked = promise.catch((err) => this.deps.log.error('collab: background task failed', { err: describeDbError(err) }));
    this.background.add(tracked);
    void tracked.finally(() => this.background.delete(tracked));
  }
}
