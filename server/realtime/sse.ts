// Server-Sent Events for one household: `event: ready`, then every event after the client's
// Last-Event-ID replayed from the database, then live events from the hub, with a heartbeat.
// Live messages are treated as hints: one that skips a sequence number makes the stream read the gap
// from the database (events commit in seq order, so everything below a published seq is readable).
// While open, the stream is a live channel of the access registry: logout, expiry, a disabled account or
// lost access end it at once with a `revoked` event, and nothing is sent after that.
import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { AppEnv, Deps } from '../context.ts';
import type { HouseholdGrant } from '../access/authorize.ts';
import { eventForView, type StreamView } from './event-visibility.ts';
import type { Session } from '../auth/session.ts';
import { currentEventSeq, householdTopic, readHouseholdEvents } from './events.ts';
import type { HouseholdEvent, ReadyEvent, RevokedEvent } from '../../shared/board.ts';
import { notificationTopic } from '../notifications/topics.ts';
import { doorbell } from './doorbell.ts';

export const HEARTBEAT_MS = 15_000;
/** Reconnection delay suggested to EventSource. */
export const RETRY_MS = 3_000;
/** Suggested when this process stops (restart): reconnect at once, to another process, and resume from Last-Event-ID. */
export const RESTART_RETRY_MS = 100;

interface OpenStream {
  end(): void;
  /** Read what the database has that the stream has not sent. */
  reconcile(): void;
  finished: Promise<void>;
}

export class HouseholdEventStreams {
  private open = new Set<OpenStream>();
  private readonly stopReconnect: () => void;

  constructor(
    private readonly deps: Pick<Deps, 'db' | 'hub' | 'log' | 'live'>,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {
    // Events published while the hub was down (a Redis restart) are lost: every stream reads them now
    // rather than at its next heartbeat.
    this.stopReconnect =
      deps.hub.onReconnect?.(() => {
        for (const s of this.open) s.reconcile();
      }) ?? (() => {});
  }

  get size(): number {
    return this.open.size;
  }

  /**
   * The caller has authorised the grant's requester (through the access seam, which began at `authorizedAt`)
   * to follow the household's board with `session`; `since` is the last seq the client has.
   */
  respond(c: Context<AppEnv>, grant: HouseholdGrant, session: Session, since: number | null, authorizedAt: number): Response {
    c.header('X-Accel-Buffering', 'no'); // proxies (nginx) must not buffer the stream
    // `?meldingen=1`: the browser's tab also hears of the user's new notifications here (see below).
    const notifications = c.req.query('meldingen') === '1';
    return streamSSE(c, (stream) => this.run(stream, grant, session, since, authorizedAt, notifications));
  }

  private async run(
    stream: SSEStreamingApi,
    grant: HouseholdGrant,
    session: Session,
    since: number | null,
    authorizedAt: number,
    withNotifications: boolean,
  ): Promise<void> {
    const { requester } = grant;
    const householdId = grant.household.id;
    // What this participant may receive; a re-check (e.g. after the regievoerder changed the level) updates it.
    let view = viewOf(grant);
    const { db, hub, log, live } = this.deps;
    const pending: HouseholdEvent[] = [];
    const bell = doorbell();
    const notify = bell.notify;
    let ended = false;
    let revoked: string | null = null;
    let pingDue = false;
    let reconcileDue = false;
    let finish!: () => void;
    const handle: OpenStream = {
      end: () => {
        ended = true;
        notify();
      },
      reconcile: () => {
        reconcileDue = true;
        notify();
      },
      finished: new Promise<void>((r) => (finish = r)),
    };
    this.open.add(handle);
    stream.onAbort(handle.end);
    // Subscribe before reading the backlog, so nothing committed in between is lost.
    const unsubscribeEvents = hub.subscribe(householdTopic(householdId), (m) => {
      if (revoked) return;
      pending.push(m as HouseholdEvent);
      notify();
    });
    // A tab holds one stream (the user's own pauses while this one is open): the user's notification count
    // rides along here, as a bare "something new" without an id (it does not move Last-Event-ID).
    let notificationDue = false;
    const unsubscribeNotifications = withNotifications
      ? hub.subscribe(notificationTopic(requester.user.id), () => {
          notificationDue = true;
          notify();
        })
      : () => {};
    const unregister = live.register(
      {
        transport: 'stream',
        requester,
        sessionId: session.id,
        householdId,
        needs: 'readBoard',
        end: (why) => {
          revoked = why.message;
          pending.length = 0;
          notify();
        },
        regranted: (g) => {
          view = viewOf(g);
        },
      },
      session,
      authorizedAt,
    );
    const heartbeat = setInterval(() => {
      pingDue = true;
      notify();
    }, this.heartbeatMs);
    // A hub subscription may become active a moment after subscribe() returns (Redis acknowledges
    // SUBSCRIBE asynchronously), and a pub/sub message can be lost: so the stream also reconciles with
    // the database shortly after connecting and on every heartbeat. Bounded, indexed, usually empty.
    const settle = setTimeout(handle.reconcile, 1_000);

    let last = 0;
    const send = async (e: HouseholdEvent) => {
      if (revoked) return; // nothing reaches a revoked client, not even an event read just before
      const shown = eventForView(e, view);
      if (shown) await stream.writeSSE({ event: shown.type, id: String(e.seq), data: JSON.stringify(shown) });
      last = e.seq;
    };
    /** Sends every stored event with last < seq <= upTo (or all after last), in order. */
    const catchUp = async (upTo?: number) => {
      for (;;) {
        const batch = await readHouseholdEvents(db, householdId, last, upTo, 500);
        for (const e of batch) await send(e);
        if (batch.length < 500 || ended || revoked) return;
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
        if (notificationDue) {
          notificationDue = false;
          await stream.writeSSE({ event: 'notification', data: '{}' });
          continue;
        }
        if (pingDue || reconcileDue) {
          if (pingDue) await stream.write(': ping\n\n');
          pingDue = reconcileDue = false;
          await catchUp();
          continue;
        }
        await bell.wait();
      }
      // Ended by shutdown: tell EventSource to come back at once (the stream resumes from its Last-Event-ID).
      if (ended && !stream.aborted) await stream.write(`retry: ${RESTART_RETRY_MS}\n\n`);
    } catch (err) {
      if (!stream.aborted) log.error('event stream failed', { householdId, err: String(err) });
    } finally {
      clearInterval(heartbeat);
      clearTimeout(settle);
      unsubscribeEvents();
      unsubscribeNotifications();
      unregister();
      this.open.delete(handle);
      finish();
    }
  }

  /** Ends every open stream (server shutdown) and waits until they have finished. */
  async closeAll(): Promise<void> {
    this.stopReconnect();
    const all = [...this.open];
    for (const s of all) s.end();
    await Promise.race([Promise.all(all.map((s) => s.finished)), new Promise((r) => setTimeout(r, 2_000))]);
  }
}

const viewOf = (grant: HouseholdGrant): StreamView => ({
  level: grant.participation?.level ?? null,
  organizationId: grant.requester.user.organization.id,
});

/** Last-Event-ID header, or ?lastEventId= for clients that cannot set headers; null when absent. */
export function resumePoint(c: Context): number | null | 'invalid' {
  const raw = c.req.header('last-event-id') ?? c.req.query('lastEventId');
  if (raw === undefined || raw === '') return null;
  if (!/^\d{1,15}$/.test(raw)) return 'invalid';
  return Number(raw);
}
