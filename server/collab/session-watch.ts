// Keeps open sockets tied to a live session: a logout (announced on the hub) closes that session's
// sockets at once, and a periodic check closes sockets whose session expired or was removed.
import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import { sessions, users } from '../db/schema.ts';
import { CloseCode } from '../../shared/limits.ts';
import type { CollabConnection } from './connection.ts';
import { SESSION_ENDED_TOPIC } from '../realtime/hub.ts';


export class SessionWatch {
  private readonly unsubscribe: () => void;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly deps: Deps,
    private readonly connections: () => Iterable<CollabConnection>,
    intervalMs = 60_000,
  ) {
    this.unsubscribe = deps.hub.subscribe(SESSION_ENDED_TOPIC, (m) => {
      const sessionId = (m as { sessionId?: string })?.sessionId;
      if (sessionId) this.closeWhere((c) => c.principal.sessionId === sessionId, 'Je bent uitgelogd');
    });
    this.timer = setInterval(() => void this.check().catch((err) => deps.log.warn('collab: session check failed', { err: String(err) })), intervalMs);
    this.timer.unref();
  }

  /** Closes every socket whose session no longer exists or has expired (real time, not FIXED_NOW), or whose account was disabled. */
  async check(): Promise<void> {
    const ids = [...new Set([...this.connections()].map((c) => c.principal.sessionId))];
    if (ids.length === 0) return;
    const live = await this.deps.db
      .select({ id: sessions.id })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(inArray(sessions.id, ids), gt(sessions.expiresAt, new Date()), eq(users.disabled, false)));
    const valid = new Set(live.map((r) => r.id));
    this.closeWhere((c) => !valid.has(c.principal.sessionId), 'Je sessie is verlopen; log opnieuw in');
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
  }

  private closeWhere(match: (c: CollabConnection) => boolean, reason: string) {
    for (const conn of [...this.connections()]) if (match(conn)) conn.close(CloseCode.Unauthorized, reason);
  }
}
