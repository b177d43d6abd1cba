// Server-Sent Events for one household: `event: ready`, then every event after the client's
// Last-Event-ID replayed from the database, then live events from the hub, with a heartbeat.
// Live messages are treated as hints: one that skips a sequence number makes the stream read the gap
// from the database (events commit in seq order, so everything below a published seq is readable).
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { AppEnv, Deps } from '../context.ts';
import type { SessionUser } from '../auth/session.ts';
import { roleIn } from '../households/access.ts';
import { sessions } from '../db/schema.ts';
import { accessTopic, currentEventSeq, householdTopic, readHouseholdEvents } from './events.ts';
import type { HouseholdEvent, ReadyEvent, RevokedEvent } from '../../shared/board.ts';

export const HEARTBEAT_MS = 15_000;
/** Reconnection delay suggested to EventSource. */
export const RETRY_MS = 3_000;
const NO_LONGER_PARTICIPANT = 'Je neemt niet meer deel aan dit huishouden.';

interface OpenStream {
  end(): void;
  finished: Promise<void>;
}

export class HouseholdEventStreams {
  private open = new Set<OpenStream>();

  constructor(
    private readonly deps: Pick<Deps, 'db' | 'hub' | 'log'>,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  get size(): number {
    return this.open.size;
  }

  /** The caller has authorised `user` to read `householdId`; `since` is the last seq the client has. */
  respond(c: Context<AppEnv>, user: SessionUser, householdId: string, since: number | null): Response {
    const sessionId = c.get('session')?.id ?? null;
    c.header('X-Accel-Buffering', 'no'); // proxies (nginx) must not buffer the stream
    return streamSSE(c, (stream) => this.run(stream, user, sessionId, householdId, since));
  }

  /** Re-checked on every heartbeat: the session still valid, the user still a participant. */
  private async stillAllowed(sessionId: string | null, userId: string, householdId: string): Promise<RevokedEvent['message'] | null> {
    const { db } = this.deps;
    if (sessionId) {
      const [s] = await db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.id, sessionId));
      if (!s || s.expiresAt.getTime() <= Date.now()) return 'Je sessie is verlopen. Log opnieuw in.';
    }
    return (await roleIn(db, userId, householdId)) === null ? NO_LONGER_PARTICIPANT : null;
  }

  private async run(stream: SSEStreamingApi, user: SessionUser, sessionId: string | null, householdId: string, since: number | null): Promise<void> {
    const { db, hub, log } = this.deps;
    const pending: HouseholdEvent[] = [];
    let wake: (() => void) | null = null;
    const notify = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    let ended = false;
    let revoked: string | null = null;
    let pingDue = false;
    let finish!: () => void;
    const handle: OpenStream = {
      end: () => {
        ended = true;
        notify();
      },
      finished: new Promise<void>((r) => (finish = r)),
    };
    this.open.add(handle);
    stream.onAbort(handle.end);
    // Subscribe before reading the backlog, so nothing committed in between is lost.
    const unsubscribeEvents = hub.subscribe(householdTopic(householdId), (m) => {
      pending.push(m as HouseholdEvent);
      notify();
    });
    const unsubscribeAccess = hub.subscribe(accessTopic(householdId), (m) => {
      const msg = m as { userId?: string; role?: string | null };
      if (msg.userId !== user.id) return;
      void roleIn(db, user.id, householdId)
        .then((role) => {
          if (role === null) {
            revoked = NO_LONGER_PARTICIPANT;
            notify();
          }
        })
        .catch((err) => log.error('access re-check failed', { err: String(err) }));
    });
    const heartbeat = setInterval(() => {
      pingDue = true;
      notify();
    }, this.heartbeatMs);
    // A hub subscription may become active a moment after subscribe() returns (Redis acknowledges
    // SUBSCRIBE asynchronously), and a pub/sub message can be lost: so the stream also reconciles with
    // the database shortly after connecting and on every heartbeat. Bounded, indexed, usually empty.
    let reconcileDue = false;
    const settle = setTimeout(() => {
      reconcileDue = true;
      notify();
    }, 1_000);

    let last = 0;
    const send = async (e: HouseholdEvent) => {
      await stream.writeSSE({ event: e.type, id: String(e.seq), data: JSON.stringify(e) });
      last = e.seq;
    };
    /** Sends every stored event with last < seq <= upTo (or all after last), in order. */
    const catchUp = async (upTo?: number) => {
      for (;;) {
        const batch = await readHouseholdEvents(db, householdId, last, upTo, 500);
        for (const e of batch) await send(e);
        if (batch.length < 500 || ended) return;
      }
    };

    try {
      const latest = await currentEventSeq(db, householdId);
      // A client ahead of the log (e.g. a reset database) starts over from the present: it sees
      // resumeFrom < its Last-Event-ID in `ready` and should reload the board.
      last = since === null ? latest : Math.min(since, latest);
      const ready: ReadyEvent = { householdId, seq: latest, resumeFrom: last };
      await stream.writeSSE({ event: 'ready', id: String(last), retry: RETRY_MS, data: JSON.stringify(ready) });
      await catchUp();
      while (!ended && !stream.aborted) {
        if (revoked) {
          const msg: RevokedEvent = { householdId, message: revoked };
          await stream.writeSSE({ event: 'revoked', data: JSON.stringify(msg) });
          break;
        }
        if (pending.length) {
          for (const e of pending.splice(0)) {
            if (e.seq <= last) continue; // already sent (from the backlog or the database)
            if (e.seq > last + 1) await catchUp(e.seq);
            else await send(e);
          }
          continue;
        }
        if (pingDue || reconcileDue) {
          if (pingDue) {
            await stream.write(': ping\n\n');
            revoked = await this.stillAllowed(sessionId, user.id, householdId);
            if (revoked) continue;
          }
          pingDue = reconcileDue = false;
          await catchUp();
          continue;
        }
        await new Promise<void>((r) => (wake = r));
      }
    } catch (err) {
      if (!stream.aborted) log.error('event stream failed', { householdId, err: String(err) });
    } finally {
      clearInterval(heartbeat);
      clearTimeout(settle);
      unsubscribeEvents();
      unsubscribeAccess();
      this.open.delete(handle);
      finish();
    }
  }

  /** Ends every open stream (server shutdown) and waits until they have finished. */
  async closeAll(): Promise<void> {
    const all = [...this.open];
    for (const s of all) s.end();
    await Promise.race([Promise.all(all.map((s) => s.finished)), new Promise((r) => setTimeout(r, 2_000))]);
  }
}

/** Last-Event-ID header, or ?lastEventId= for clients that cannot set headers; null when absent. */
export function resumePoint(c: Context): number | null | 'invalid' {
  const raw = c.req.header('last-event-id') ?? c.req.query('lastEventId');
  if (raw === undefined || raw === '') return null;
  if (!/^\d{1,15}$/.test(raw)) return 'invalid';
  return Number(raw);
}
