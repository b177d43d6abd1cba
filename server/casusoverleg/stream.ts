// GET /api/casusoverleggen/:id/events: one casusoverleg's live stream (SSE), authorised per viewer. It carries no
// content at all, only hints: `changed` (re-read the casusoverleg over HTTP, where each item is shown as far as
// this viewer may see it), `revoked` (this viewer no longer sees the casusoverleg) and `ended` (the session is
// over). Hints come from the hub (every change, in any process, after its commit) and from the viewer's own
// participation changes (a level or a household of theirs changed what they may see); a heartbeat re-checks
// the revision and the viewer's access, so a lost message or a removed participation is caught within it.
import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv, Deps } from '../context.ts';
import { requireUser } from '../auth/middleware.ts';
import { casusoverleggen } from '../db/schema.ts';
import { userTopic } from '../households/announce.ts';
import { HEARTBEAT_MS, RESTART_RETRY_MS, RETRY_MS } from '../realtime/sse.ts';
import type { CasusoverlegHint } from '../../shared/casusoverleg.ts';
import { casusoverlegTopic } from './service.ts';
import { loadVisible, visibleTo } from './visibility.ts';
import { doorbell } from '../realtime/doorbell.ts';

export const NO_LONGER_VISIBLE = 'Je neemt niet meer deel aan een huishouden op de agenda van dit casusoverleg.';

/** The casusoverleg's revision if the user still sees it, else null. */
async function visibleRevision(db: Deps['db'], userId: string, id: string): Promise<number | null> {
  const [row] = await db
    .select({ revision: casusoverleggen.revision })
    .from(casusoverleggen)
    .where(and(eq(casusoverleggen.id, id), visibleTo(userId)));
  return row?.revision ?? null;
}

export class CasusoverlegStreams {
  private readonly open = new Set<() => void>();

  constructor(
    private readonly deps: Pick<Deps, 'db' | 'hub' | 'log' | 'live'>,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  async respond(c: Context<AppEnv>): Promise<Response> {
    const authorizedAt = Date.now();
    const user = requireUser(c);
    const session = c.get('session')!;
    const { db, hub, log, live } = this.deps;
    const row = await loadVisible(db, user.id, c.req.param('id') ?? '');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let revision = row.revision;
      let hinted = false;
      let checkDue = false;
      let ended: string | null = null;
      let shutdown = false;
      const bell = doorbell();
      const notify = bell.notify;
      const hint = () => {
        hinted = true;
        notify();
      };
      const stop = () => {
        shutdown = true;
        notify();
      };
      this.open.add(stop);
      stream.onAbort(stop);
      const unsubscribe = [hub.subscribe(casusoverlegTopic(row.id), hint), hub.subscribe(userTopic(user.id), hint)];
      const unregister = live.register(
        {
          transport: 'stream',
          requester: { user, ip: c.get('ip') },
          sessionId: session.id,
          householdId: null,
          needs: 'view',
          end: (why) => {
            ended = why.message;
            notify();
          },
        },
        session,
        authorizedAt,
      );
      const heartbeat = setInterval(() => {
        checkDue = true;
        notify();
      }, this.heartbeatMs);
      const send = (event: string, data: unknown) => stream.writeSSE({ event, data: JSON.stringify(data) });
      try {
        await stream.writeSSE({ event: 'ready', retry: RETRY_MS, data: JSON.stringify({ casusoverlegId: row.id, revision } satisfies CasusoverlegHint) });
        while (!shutdown && !stream.aborted) {
          if (ended) {
            await send('ended', { message: ended });
            break;
          }
          if (hinted || checkDue) {
            const wasHinted = hinted;
            if (checkDue) await stream.write(': ping\n\n');
            hinted = checkDue = false;
            const now = await visibleRevision(db, user.id, row.id);
            if (now === null) {
              await send('revoked', { message: NO_LONGER_VISIBLE });
              break;
            }
            if (wasHinted || now !== revision) {
              revision = now;
              await send('changed', { casusoverlegId: row.id, revision } satisfies CasusoverlegHint);
            }
            continue;
          }
          await bell.wait();
        }
        // Ended by shutdown: come back at once (to another process).
        if (shutdown && !stream.aborted) await stream.write(`retry: ${RESTART_RETRY_MS}\n\n`);
      } catch (err) {
        if (!stream.aborted) log.error('casusoverleg stream failed', { err: String(err) });
      } finally {
        clearInterval(heartbeat);
        for (const u of unsubscribe) u();
        unregister();
        this.open.delete(stop);
      }
    });
  }

  closeAll(): void {
    for (const stop of [...this.open]) stop();
  }
}
