// One client's socket in a room: who they are, what they may do, and what they did (for the edit-session
// audit row). The room decides what to do with messages; this only carries state and sends bytes.
import type { SessionUser } from '../auth/session.ts';
import { can } from '../policies/household.ts';
import type { HouseholdRole } from '../../shared/enums.ts';

/** The part of a WebSocket a connection needs (ws's WebSocket and Hono's WSContext both fit). */
export interface SocketLike {
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export interface Principal {
  user: SessionUser;
  /** The session the socket was opened with; closing it (logout, expiry) closes the socket. */
  sessionId: string;
  role: HouseholdRole;
  ip: string | null;
}

const OPEN = 1;

export class CollabConnection {
  readonly openedAt = new Date();
  /** Awareness client ids this socket has announced; removed from the room when it closes. */
  readonly awarenessIds = new Set<number>();
  updatesApplied = 0;
  firstUpdateAt: Date | null = null;
  lastUpdateAt: Date | null = null;
  closed = false;

  constructor(
    readonly socket: SocketLike,
    readonly documentId: string,
    readonly householdId: string,
    public principal: Principal,
  ) {}

  get userId() {
    return this.principal.user.id;
  }

  /** The household policy's answer for typing; the room adds the document lock on top (Room.mayWrite). */
  get roleMayWrite(): boolean {
    return can({ admin: this.principal.user.admin, role: this.principal.role }, 'write');
  }

  send(data: Uint8Array): void {
    if (this.closed || this.socket.readyState !== OPEN) return;
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

  recordUpdate(at: Date): void {
    this.updatesApplied++;
    this.firstUpdateAt ??= at;
    this.lastUpdateAt = at;
  }
}
