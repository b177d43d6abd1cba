// Save acknowledgements of one room (the message is described in shared/collab-protocol.ts). The room
// numbers the updates it hands to the group commit (its `seq`); each document message a connection sends
// is stamped with the room's seq once applied, and acknowledged when a commit with that seq (or later) is
// done. Acknowledgements are a prefix: a message still waiting for its dependencies holds back the later ones.
// A message also waits for the updates from other processes the room had applied before it (their remote
// arrival number, see remote-updates.ts), until their origin, or this room, has written them.
import * as encoding from 'lib0/encoding';
import type { CollabConnection } from './connection.ts';
import { MessageType } from './protocol.ts';

interface Received {
  /** Document messages received on this socket. */
  count: number;
  /**
   * Messages not yet acknowledged, in order: [message number, room seq that stores it (Infinity: not applied
   * yet), remote arrivals it waits for].
   */
  waiting: [number, number, number][];
  /** Messages held for missing dependencies, by the room's waiting entry. */
  held: WeakMap<object, number>;
}

export function encodeSaveAck(count: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.SaveAck);
  encoding.writeVarUint(encoder, count);
  return encoding.toUint8Array(encoder);
}

export class SaveAcks {
  /** Every update with a seq up to this is committed (updates loaded from the database count as seq 0). */
  private committedSeq = 0;
  /** Every remote arrival up to this is written (by its origin or by this room). */
  private settled = 0;
  private readonly sockets = new WeakMap<CollabConnection, Received>();

  /**
   * A document message from `conn` was applied; `seq` is the room's latest update seq right after it, `barrier`
   * the room's latest remote arrival.
   */
  received(conn: CollabConnection, seq: number, barrier: number): void {
    const r = this.of(conn);
    if (!r) return;
    r.waiting.push([++r.count, seq, barrier]);
    this.acknowledge(conn, r);
  }

  /** A document message from `conn` waits for its dependencies (`key`: the room's waiting entry). */
  held(conn: CollabConnection, key: object): void {
    const r = this.of(conn);
    if (!r) return;
    r.waiting.push([++r.count, Infinity, Infinity]);
    r.held.set(key, r.count);
  }

  /** A held message was applied at last. */
  applied(conn: CollabConnection, key: object, seq: number, barrier: number): void {
    const r = this.sockets.get(conn);
    const number = r?.held.get(key);
    if (!r || number === undefined) return;
    const entry = r.waiting.find(([n]) => n === number);
    if (entry) {
      entry[1] = seq;
      entry[2] = barrier;
    }
    this.acknowledge(conn, r);
  }

  /** This room's updates up to `seq` are committed, and remote arrivals up to `settled` are written. */
  committed(seq: number, settled: number, connections: Iterable<CollabConnection>): void {
    this.committedSeq = Math.max(this.committedSeq, seq);
    this.settled = Math.max(this.settled, settled);
    for (const conn of connections) {
      const r = this.sockets.get(conn);
      if (r) this.acknowledge(conn, r);
    }
  }

  private of(conn: CollabConnection): Received | null {
    if (!conn.wantsSaveAcks) return null;
    let r = this.sockets.get(conn);
    if (!r) this.sockets.set(conn, (r = { count: 0, waiting: [], held: new WeakMap() }));
    return r;
  }

  private acknowledge(conn: CollabConnection, r: Received) {
    let acked = 0;
    while (r.waiting.length && r.waiting[0]![1] <= this.committedSeq && r.waiting[0]![2] <= this.settled) acked = r.waiting.shift()![0];
    if (acked) conn.send(encodeSaveAck(acked));
  }
}
