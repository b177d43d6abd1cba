// Which of this device's edits the server has stored. The server acknowledges, per socket, how many of the
// document messages it received there are stored (shared/collab-protocol.ts); an edit counts as saved only
// once the message that carried it is acknowledged. Edits made while disconnected (and what this device kept
// offline) travel in the sync step 2 of the next socket, so they wait for that message's acknowledgement.
// Plain Yjs + y-websocket, no DOM: the Node tests use it as a client that "shows" what a screen would.
import type * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { SAVE_ACK_MESSAGE, SAVE_ACK_PARAM } from '../../../shared/collab-protocol.ts';

/** Asks the server for save acknowledgements (the provider's `params`). */
export const saveAckParams = { [SAVE_ACK_PARAM]: '1' } as const;

interface Pending {
  /** Number of the edit on this page (1, 2, …). */
  edit: number;
  /** How many edits it stands for (content kept offline by an earlier visit may be several). */
  weight: number;
  /** The socket and message number that carry it; null until it is sent. */
  socket: object | null;
  message: number;
}

// biome-ignore lint/suspicious/noExplicitAny: TypeScript requires a mixin's constructor to take any[].
type SocketClass = new (...args: any[]) => { send(data: never): void };

export class SaveTracker {
  private pending: Pending[] = [];
  private edits = 0;
  private socket: object | null = null;
  private sent = 0;
  private justSent = false;
  private readonly listeners = new Set<() => void>();
  private provider: WebsocketProvider | null = null;
  private doc: Y.Doc | null = null;

  /**
   * `keptOffline`: how many unsaved edits an earlier visit left in this device's copy (loaded with origin
   * `localOrigin`), so they are counted until the server confirms them.
   */
  constructor(private readonly opts: { localOrigin?: unknown; keptOffline?: number } = {}) {}

  /** Wraps the WebSocket class the provider uses, to number the document messages sent on each socket. */
  socketClass<T extends SocketClass>(Base: T): T {
    const tracker = this;
    return class extends Base {
      send(data: unknown) {
        super.send(data as never);
        const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
        // messageSync (0) carrying sync step 2 (1) or an update (2): a document message the server counts.
        if (bytes && bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2)) tracker.onSent(this, bytes[1] === 1);
      }
    };
  }

  /** Starts tracking; call right after creating the provider (before any message can arrive). */
  attach(doc: Y.Doc, provider: WebsocketProvider): this {
    this.doc = doc;
    this.provider = provider;
    provider.messageHandlers[SAVE_ACK_MESSAGE] = (_encoder, decoder, p) => this.onAck(p.ws, decoding.readVarUint(decoder));
    // Registered after the provider's own listener, so the message carrying an edit has been sent (or not) by now.
    doc.on('update', this.onUpdate);
    return this;
  }

  /** Edits on this device that the server has not confirmed as stored. */
  get unsaved(): number {
    return this.pending.reduce((n, p) => n + p.weight, 0);
  }

  /** Number of the last edit made on this page. */
  get lastEdit(): number {
    return this.edits;
  }

  /** Every edit up to this number is confirmed as stored. */
  get savedThrough(): number {
    return this.pending.length ? this.pending[0]!.edit - 1 : this.edits;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.doc?.off('update', this.onUpdate);
    this.listeners.clear();
  }

  private onSent(socket: object, syncStep2: boolean) {
    if (socket !== this.socket) {
      this.socket = socket;
      this.sent = 0;
    }
    this.sent++;
    // Valid only within this task: the doc update that caused the send is emitted synchronously around it.
    this.justSent = true;
    queueMicrotask(() => (this.justSent = false));
    // A sync step 2 carries everything the server lacks: every edit not yet on this socket rides on it.
    if (syncStep2) for (const p of this.pending) if (p.socket !== socket) Object.assign(p, { socket, message: this.sent });
  }

  private onUpdate = (_update: Uint8Array, origin: unknown) => {
    const sent = this.justSent;
    this.justSent = false;
    // What came from the server is the server's.
    if (origin === this.provider) return;
    let weight = 1;
    if (origin !== undefined && origin === this.opts.localOrigin) {
      weight = this.opts.keptOffline ?? 0;
      if (weight === 0) return;
    }
    const onSocket = sent && this.provider?.ws === this.socket;
    this.pending.push({ edit: ++this.edits, weight, socket: onSocket ? this.socket : null, message: onSocket ? this.sent : 0 });
    this.emit();
  };

  private onAck(socket: unknown, count: number) {
    const before = this.pending.length;
    this.pending = this.pending.filter((p) => !(p.socket === socket && p.message <= count));
    if (this.pending.length !== before) this.emit();
  }

  private emit() {
    for (const l of this.listeners) l();
  }
}

/** The count of unsaved edits, kept across visits (only a number: no content). */
export function keptOfflineStore(documentId: string) {
  const key = `casustafel:unsaved:${documentId}`;
  return {
    load: (): number => {
      try {
        return Number(localStorage.getItem(key) ?? 0) || 0;
      } catch {
        return 0;
      }
    },
    save: (n: number) => {
      try {
        if (n === 0) localStorage.removeItem(key);
        else localStorage.setItem(key, String(n));
      } catch {
        /* storage blocked: only the offline count after a reload suffers */
      }
    },
  };
}
