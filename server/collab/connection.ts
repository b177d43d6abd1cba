// One client's socket in a room: who they are, what they may do, and what they did (for the edit-session
// audit row). The room decides what to do with messages; this only carries state and sends bytes.
import type { SessionUser } from '../auth/session.ts';
import { can } from '../../shared/policy.ts';
import type { HouseholdRole, InfoLevel } from '../../shared/enums.ts';
import { CloseCode, MAX_BUFFERED_BYTES } from '../../shared/limits.ts';
import type { DecodedUpdate } from './protocol.ts';

/** The part of a WebSocket a connection needs (ws's WebSocket and Hono's WSContext both fit). */
export interface SocketLike {
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  /** The underlying `ws` socket, when there is one: its send queue and a hard stop. */
  readonly raw?: { readonly bufferedAmount?: number; terminate?(): void };
}

/** An update that waits for structs it depends on (see Room.receiveUpdate). */
export interface WaitingUpdate {
  update: Uint8Array;
  decoded: DecodedUpdate;
}

export interface Principal {
  user: SessionUser;
  /** The session the socket was opened with; closing it (logout, expiry) closes the socket. */
  sessionId: string;
  role: HouseholdRole;
  /** The participation's information level (a socket is only ever opened at `volledig`; a re-check ends it otherwise). */
  level: InfoLevel;
  ip: string | null;
}

const OPEN = 1;

export class CollabConnection {
  readonly openedAt = new Date();
  /** Awareness client ids this socket has announced; removed from the room when it closes. */
  readonly awarenessIds = new Set<number>();
  /** The one awareness client id this socket speaks for (bound on its first presence); null until then. */
  awarenessClientId: number | null = null;
  /** Updates of this socket waiting for their dependencies, bounded by MAX_PENDING_UPDATES / _BYTES. */
  readonly waiting: WaitingUpdate[] = [];
  waitingBytes = 0;
  updatesApplied = 0;
  firstUpdateAt: Date | null = null;
  lastUpdateAt: Date | null = null;
  closed = false;
  /** The client asked for save acknowledgements (shared/collab-protocol.ts). */
  wantsSaveAcks = false;

  constructor(
    readonly socket: SocketLike,
    readonly documentId: string,
    readonly householdId: string,
    public principal: Principal,
  ) {}

  get userId() {
    return this.principal.user.id;
  }

  /** The household policy's answer for typing by role; the room adds the document lock and a closed case (Room.mayWrite). */
  get roleMayWrite(): boolean {
    return can({ admin: this.principal.user.admin, role: this.principal.role, closed: false, level: this.principal.level }, 'write');
  }

  send(data: Uint8Array): void {
    if (this.closed || this.socket.readyState !== OPEN) return;
    // A client that stops reading would otherwise make the server queue every edit for it, without end.
    const buffered = this.socket.raw?.bufferedAmount ?? 0;
    if (buffered + data.byteLength > MAX_BUFFERED_BYTES) return this.closeStalled();
    try {
      this.socket.send(data);
    } catch {
      this.close(1011, 'Verzenden mislukt');
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.close(code, reason);
    } catch {
      /* already closed */
    }
  }

  /**
   * A close frame would only queue behind what the client is not reading (and ws would hold it all for
   * another 30 s), so the socket is cut at once: the queued bytes are freed and the client reconnects.
   */
  private closeStalled(): void {
    this.close(CloseCode.SlowReader, 'Verbinding loopt te ver achter; opnieuw verbinden');
    this.socket.raw?.terminate?.();
  }

  recordUpdate(at: Date): void {
    this.updatesApplied++;
    this.firstUpdateAt ??= at;
    this.lastUpdateAt = at;
  }
}
