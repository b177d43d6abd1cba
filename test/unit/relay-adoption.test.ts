// Two processes' rooms of one document, related by DocRelay over one in-process hub. An update relayed from
// process A waits in B's room as unwritten until A announces the commit that holds it. If A goes silent
// while the hub works (killed), B writes A's unwritten updates itself, once; while A is alive, or while the
// hub itself is down, B writes nothing of A's. The clock is faked; no database is involved.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
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

/** An edit made in `p`'s room (as one of its clients would). */
function edit(p: Process, text: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(p.room.doc));
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(0, text);
  Y.applyUpdate(p.room.doc, Y.encodeStateAsUpdate(doc, before), 'client');
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
    expect(b.room.doc.getText('t').toString()).toBe('hallo ');
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
    expect(stored.getText('t').toString()).toBe('nog niet opgeslagen ');
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
