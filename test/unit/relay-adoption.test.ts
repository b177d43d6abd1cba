// Two processes' rooms of one document, related by DocRelay over one in-process hub. An update relayed from
// process A waits in B's room as unwritten until A announces the commit that holds it. If A goes silent
// while the hub works (killed), B writes A's unwritten updates itself, once; while A is alive, or while the
// hub itself is down, B writes nothing of A's. The clock is faked; no database is involved.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CollabConnection } from '../../server/collab/connection.ts';
import { SAVE_ACK_MESSAGE } from '../../shared/collab-protocol.ts';
import type { DocumentBatch } from '../../server/collab/batcher.ts';
import { DEAD_AFTER_MS, DocRelay } from '../../server/collab/relay.ts';
import { Room } from '../../server/collab/room.ts';
import { LocalHub } from '../../server/realtime/hub.ts';

const log = { warn() {}, error() {} };

interface Process {
  room: Room;
  relay: DocRelay;
  /** What this process handed to its group commit: [seq, update]. */
  pushed: [number, Uint8Array][];
  /** Commits everything pushed so far and announces it, as the rooms manager does after a write. */
  commit(): void;
}

function proc(hub: LocalHub): Process {
  const pushed: [number, Uint8Array][] = [];
  const batch: DocumentBatch = { push: (u, tag) => pushed.push([tag ?? 0, u]), idle: true, dispose() {} };
  let room!: Room;
  const relay = new DocRelay(hub, { rooms: () => [room], onError: (err) => console.error(err), onAdopted: () => {} });
  room = new Room('doc-1', 'hh-1', false, [], 0, batch, {
    onLocalUpdate: (r, u) => relay.publishUpdate(r, u),
    onLocalAwareness: () => {},
    log,
  });
  relay.attach(room);
  return {
    room,
    relay,
    pushed,
    commit: () => {
      const seq = room.latestSeq;
      room.saved(seq);
      relay.publishSaved(room, seq);
    },
  };
}

/** A paragraph with `text` as an update to `base` (what an editor's keystrokes send). */
function paragraphUpdate(base: Y.Doc, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('default').insert(0, [p]);
  return Y.encodeStateAsUpdate(doc, before);
}

/** An edit made in `p`'s room (as one of its clients would). */
function edit(p: Process, text: string) {
  Y.applyUpdate(p.room.doc, paragraphUpdate(p.room.doc, text), 'client');
}

const textOf = (doc: Y.Doc) => doc.getXmlFragment('default').toString();

/** An editor's socket on `p`'s room that asks for save acknowledgements; `acked()` is the latest count. */
function editorOn(p: Process) {
  const sent: Uint8Array[] = [];
  const user = { id: 'u1', email: 'e@x.test', name: 'E', admin: false, organization: { id: 'o', name: 'O', kind: 'politie' }, secondFactor: false };
  const conn = new CollabConnection({ readyState: 1, send: (d) => sent.push(d), close() {} }, 'doc-1', 'hh-1', {
    user,
    sessionId: 's',
    role: 'partner',
    level: 'volledig',
    ip: null,
  });
  conn.wantsSaveAcks = true;
  p.room.attach(conn);
  const message = (syncType: number, update: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, syncType);
    encoding.writeVarUint8Array(e, update);
    p.room.receive(conn, encoding.toUint8Array(e));
  };
  return {
    update: (u: Uint8Array) => message(2, u),
    syncStep2: (u: Uint8Array) => message(1, u),
    acked: () => {
      let n = 0;
      for (const m of sent) {
        const d = decoding.createDecoder(m);
        if (decoding.readVarUint(d) === SAVE_ACK_MESSAGE) n = decoding.readVarUint(d);
      }
      return n;
    },
  };
}

/** The in-process hub, with an outage that can be switched on and off (as RedisHub has when Redis restarts). */
class FlakyHub extends LocalHub {
  down = false;
  private back = new Set<() => void>();
  override publish(topic: string, message: unknown): void {
    if (!this.down) super.publish(topic, message);
  }
  onReconnect(listener: () => void): () => void {
    this.back.add(listener);
    return () => this.back.delete(listener);
  }
  reconnect(): void {
    this.down = false;
    for (const l of this.back) l();
  }
}

let hub: FlakyHub;
let a: Process;
let b: Process;
beforeEach(() => {
  vi.useFakeTimers();
  hub = new FlakyHub();
  a = proc(hub);
  b = proc(hub);
});
afterEach(() => {
  a.relay.stop();
  b.relay.stop();
  vi.useRealTimers();
});

describe('updates relayed from another process', () => {
  it('wait in the other room until their origin announces the commit', () => {
    edit(a, 'hallo ');
    expect(textOf(b.room.doc)).toContain('hallo');
    expect([...b.room.remote.waitingOn().keys()]).toEqual([a.relay.origin]);
    expect(b.room.remote.settledThrough).toBeLessThan(b.room.remote.barrier);
    a.commit();
    expect(b.room.remote.waitingOn().size).toBe(0);
    expect(b.room.remote.settledThrough).toBe(b.room.remote.barrier);
    expect(b.pushed).toEqual([]);
  });

  it('are written by the other room, once, when their origin goes silent while the hub works', () => {
    edit(a, 'opgeslagen ');
    a.commit();
    edit(a, 'nog niet ');
    a.relay.stop(); // killed: no heartbeat, no commit
    vi.advanceTimersByTime(DEAD_AFTER_MS - 1_000);
    expect(b.pushed).toEqual([]);
    vi.advanceTimersByTime(2_000);
    expect(b.pushed).toHaveLength(1);
    // What A wrote plus what B wrote is everything.
    const stored = new Y.Doc();
    Y.applyUpdate(stored, a.pushed[0]![1]);
    Y.applyUpdate(stored, b.pushed[0]![1]);
    expect(textOf(stored)).toBe(textOf(a.room.doc));
    expect(textOf(stored)).toContain('nog niet');
    // Settled by B's own commit, and never written again.
    b.commit();
    expect(b.room.remote.settledThrough).toBe(b.room.remote.barrier);
    vi.advanceTimersByTime(10_000);
    expect(b.pushed).toHaveLength(1);
  });

  it('are not written by the other room while their origin is alive, however long its commit takes', () => {
    edit(a, 'traag ');
    vi.advanceTimersByTime(30_000);
    expect(b.pushed).toEqual([]);
    a.commit();
    expect(b.room.remote.waitingOn().size).toBe(0);
  });

  it('are not written by the other room while the hub is down, and are settled by the commit repeated after it', () => {
    edit(a, 'tijdens storing ');
    hub.down = true; // B hears neither A nor its own heartbeat
    a.commit(); // the announcement is lost
    vi.advanceTimersByTime(10_000);
    expect(b.pushed).toEqual([]);
    hub.reconnect(); // every process repeats its commits
    expect(b.room.remote.waitingOn().size).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(b.pushed).toEqual([]);
  });
});

describe('save acknowledgements in a room that holds unwritten updates of another process', () => {
  it('a new edit is acknowledged after this room commits it; a sync step 2 only once the other process has written its part', () => {
    edit(a, 'van A ');
    const editor = editorOn(b);
    // A keystroke: new content, stored by B's own commit alone.
    editor.update(paragraphUpdate(b.room.doc, 'van B'));
    expect(editor.acked()).toBe(0);
    b.commit();
    expect(editor.acked()).toBe(1);
    // A reconnecting editor's sync step 2 stands for everything it had, A's unwritten edit included.
    editor.syncStep2(paragraphUpdate(b.room.doc, 'na herverbinden'));
    b.commit();
    expect(editor.acked()).toBe(1);
    a.commit();
    expect(editor.acked()).toBe(2);
  });
});
