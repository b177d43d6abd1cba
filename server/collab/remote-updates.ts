// Updates a room received from other server processes that their origin has not yet written. Each process
// writes only its own clients' updates; until the origin announces the commit (see relay.ts), the update
// exists only in memory, so:
//  - a save acknowledgement given here must wait for it (a client whose edit went to a process that then died
//    reconnects here, and its sync step 2 brings nothing this room already has: the ack says "stored");
//  - if the origin dies before writing it, this room adopts it: hands it to its own group commit.
// Arrivals are numbered; an acknowledgement waits until every arrival before its message is settled.

/** The origin of adopted entries: this process, settled by its own commits. */
export const OWN_ORIGIN = '';

interface Entry {
  origin: string;
  /** The origin's update seq that stores it (for adopted entries: this room's). */
  seq: number;
  update: Uint8Array;
  arrival: number;
  at: number;
}

export class RemoteUpdates {
  private arrived = 0;
  /** Unsettled entries, in arrival order. */
  private entries: Entry[] = [];

  /** An update from `origin`, stored once that origin has committed its seq `seq`. */
  add(origin: string, seq: number, update: Uint8Array, now = Date.now()): void {
    this.entries.push({ origin, seq, update, arrival: ++this.arrived, at: now });
  }

  /** `origin` committed everything up to `seq`. True when anything was settled. */
  saved(origin: string, seq: number): boolean {
    // Called for every commit of this room's own rows too: nothing to filter in the usual case.
    if (this.entries.length === 0) return false;
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.origin !== origin || e.seq > seq);
    return this.entries.length !== before;
  }

  /**
   * The origin is gone: its entries become this room's own, numbered by `nextSeq` (the caller pushes each
   * update to its group commit with that seq). Returns how many were adopted.
   */
  adopt(origin: string, push: (update: Uint8Array) => number): number {
    let n = 0;
    for (const e of this.entries) {
      if (e.origin !== origin) continue;
      e.origin = OWN_ORIGIN;
      e.seq = push(e.update);
      n++;
    }
    return n;
  }

  /** Other origins with unsettled entries, with the arrival time of the oldest. */
  waitingOn(): Map<string, number> {
    const origins = new Map<string, number>();
    for (const e of this.entries) if (e.origin !== OWN_ORIGIN && !origins.has(e.origin)) origins.set(e.origin, e.at);
    return origins;
  }

  /** What a message received now waits for: every arrival so far. */
  get barrier(): number {
    return this.arrived;
  }

  /** Every arrival up to this number is settled. */
  get settledThrough(): number {
    return this.entries.length ? this.entries[0]!.arrival - 1 : this.arrived;
  }
}
