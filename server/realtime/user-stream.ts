// GET /api/me/events: the signed-in user's own live stream (SSE). It carries only what concerns this user:
// `participation` when they are added to a household, their role changes, or they are removed (so "Mijn
// casussen" and every open page of that household follow at once), with `?meldingen=1` a `notification` when
// they have a new notification (nothing more: the browser re-reads its count), with `?acties=1` the `actions` of Mijn acties
// (my-actions/feed.ts: only of households whose board they may read, as their level shows them), and `ended`
// when their session ends (logout anywhere, expiry, a disabled account). Authorised by the session alone: a
// user can only ever subscribe to their own topics. Its end is decided by the access registry
// (access/live-channels.ts), like every other live channel: one session re-check, one revocation signal.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv, Deps } from '../context.ts';
import type { Module } from '../module.ts';
import { requireUser } from '../auth/middleware.ts';
import { userTopic } from '../households/announce.ts';
import { HEARTBEAT_MS, RETRY_MS } from './sse.ts';
import type { ParticipationChangedEvent } from '../../shared/board.ts';
import { MyActionsFeed } from '../my-actions/feed.ts';
import { notificationTopic } from '../notifications/topics.ts';
import { doorbell } from './doorbell.ts';

export function userEventsModule(deps: Deps, heartbeatMs = HEARTBEAT_MS): Module {
  const open = new Set<() => void>();
  const api = new Hono<AppEnv>();

  api.get('/me/events', (c) => {
    const authorizedAt = Date.now();
    const user = requireUser(c);
    const session = c.get('session')!;
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const queue: { event: string; data: unknown }[] = [];
      let done = false;
      const bell = doorbell();
      const notify = bell.notify;
      const end = () => {
        done = true;
        notify();
      };
      open.add(end);
      stream.onAbort(end);
      const push = (event: string, data: unknown) => {
        queue.push({ event, data });
        notify();
      };
      const feed = c.req.query('acties') === '1' ? new MyActionsFeed(deps, { user, ip: c.get('ip') }, session, (e) => push('actions', e)) : null;
      const unsubscribeUser = deps.hub.subscribe(userTopic(user.id), (m) => {
        // With Mijn acties open, the feed follows the change first: when the browser re-reads its list, the
        // feed already passes on the changes of a household the user was just added to.
        if (feed) void feed.refresh().then(() => push('participation', m as ParticipationChangedEvent));
        else push('participation', m as ParticipationChangedEvent);
      });
      const unsubscribeNotifications =
        c.req.query('meldingen') === '1' ? deps.hub.subscribe(notificationTopic(user.id), () => push('notification', {})) : () => {};
      const unregister = deps.live.register(
        {
          transport: 'stream',
          requester: { user, ip: c.get('ip') },
          sessionId: session.id,
          householdId: null,
          needs: 'view',
          end: (why) => {
            queue.length = 0; // nothing after the end
            queue.push({ event: 'ended', data: { message: why.message } });
            notify();
          },
        },
        session,
        authorizedAt,
      );
      let checkDue = false;
      const heartbeat = setInterval(() => {
        checkDue = true;
        notify();
        void feed?.refresh();
      }, heartbeatMs);
      try {
        await feed?.refresh();
        await stream.writeSSE({ event: 'ready', retry: RETRY_MS, data: JSON.stringify({ userId: user.id }) });
        while (!done && !stream.aborted) {
          const next = queue.shift();
          if (next) {
            await stream.writeSSE({ event: next.event, data: JSON.stringify(next.data) });
            if (next.event === 'ended') break;
            continue;
          }
          if (checkDue) {
            checkDue = false;
            await stream.write(': ping\n\n');
            continue;
          }
          await bell.wait();
        }
      } catch (err) {
        if (!stream.aborted) deps.log.error('user event stream failed', { err: String(err) });
      } finally {
        clearInterval(heartbeat);
        feed?.close();
        unsubscribeUser();
        unsubscribeNotifications();
        unregister();
        open.delete(end);
      }
    });
  });

  return {
    name: 'user-events',
    api,
    close: async () => {
      for (const end of [...open]) end();
    },
  };
}
