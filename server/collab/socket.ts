// The /collab/:documentId WebSocket endpoint (y-websocket's URL shape: `${base}/collab` + `/${documentId}`).
// A refused upgrade would only show the client code 1006, so every request is upgraded and a refusal is
// sent as a close code (4401 / 4403) with a Dutch reason the client can show before it stops retrying.
// Authorisation is the access seam's (the same load-and-decide as every HTTP route); while open, the socket
// is a live channel that the access registry ends on logout, expiry, a disabled account or lost access.
import type { Context, Hono } from 'hono';
import { upgradeWebSocket } from '@hono/node-server';
import { getCookie } from 'hono/cookie';
import type { AppEnv, Deps } from '../context.ts';
import { SESSION_COOKIE, clientIp, isSameOrigin } from '../auth/middleware.ts';
import { INFORMATION_LEVEL, STATEMENT_REQUIRED, authorizeDocument } from '../access/authorize.ts';
import { can } from '../../shared/policy.ts';
import { AccessRefused, recordRefusal } from '../access/refusal.ts';
import { STEP_UP_REQUIRED } from '../auth/step-up.ts';
import type { Session } from '../auth/session.ts';
import { CloseCode, MAX_MESSAGE_BYTES } from '../../shared/limits.ts';
import { SAVE_ACK_PARAM } from '../../shared/collab-protocol.ts';
import { CollabConnection, type Principal } from './connection.ts';
import type { Room } from './room.ts';
import type { RoomManager } from './rooms.ts';
import type { WSEvents } from 'hono/ws';
import { withLogScope } from '../logger.ts';

/** Runs every socket event handler inside the log scope of the request that opened the socket. */
function inLogScope<T>(requestId: string, handlers: WSEvents<T>): WSEvents<T> {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(handlers) as [string, ((...args: unknown[]) => unknown) | undefined][]) {
    wrapped[name] = fn && ((...args: unknown[]) => withLogScope({ requestId }, () => fn(...args)));
  }
  return wrapped as WSEvents<T>;
}

type UpgradeVerdict =
  | { ok: true; principal: Principal; session: Session; documentId: string; householdId: string; authorizedAt: number }
  | { ok: false; code: number; reason: string };

const refuse = (code: number, reason: string): UpgradeVerdict => ({ ok: false, code, reason });

/** From the upgrade request alone, before any Yjs message: Origin, session cookie, then the access seam. */
async function authorizeUpgrade(deps: Deps, c: Context<AppEnv>, documentId: string): Promise<UpgradeVerdict> {
  const authorizedAt = Date.now();
  if (!isSameOrigin(c, deps.config.publicOrigins)) return refuse(CloseCode.Forbidden, 'Verbinding vanaf een andere website geweigerd');
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return refuse(CloseCode.Unauthorized, 'Je bent niet ingelogd');
  const { user, session } = await deps.sessions.validateSessionToken(token);
  if (!user || !session) return refuse(CloseCode.Unauthorized, 'Je sessie is verlopen; log opnieuw in');
  const requester = { user, ip: clientIp(c) };
  try {
    const grant = await authorizeDocument(deps.db, requester, documentId, 'read');
    const principal: Principal = { user, sessionId: session.id, role: grant.role!, level: grant.participation!.level, ip: requester.ip };
    return { ok: true, documentId, householdId: grant.household.id, principal, session, authorizedAt };
  } catch (err) {
    if (!(err instanceof AccessRefused)) throw err;
    await recordRefusal(deps.auditWriter, err, { ...requester, via: 'socket', request: `/collab/${documentId}` });
    if (err.code === STEP_UP_REQUIRED) return refuse(CloseCode.Forbidden, 'Dit huishouden vraagt om inloggen met een tweede factor');
    if (err.code === STATEMENT_REQUIRED) return refuse(CloseCode.StatementRequired, 'Bevestig eerst de geheimhoudingsverklaring');
    if (err.code === INFORMATION_LEVEL) return refuse(CloseCode.Forbidden, 'Je informatieniveau geeft geen toegang tot dit document');
    // Outsiders and missing documents get the same answer, so ids cannot be probed.
    return refuse(CloseCode.Forbidden, 'Geen toegang tot dit document');
  }
}

/** Messages a client may send before its room has loaded (the sync handshake is two or three). */
const MAX_EARLY_MESSAGES = 64;

export function mountCollabSocket(app: Hono<AppEnv>, deps: Deps, rooms: RoomManager): void {
  app.get(
    '/collab/:documentId',
    upgradeWebSocket(async (c) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return {};
      const verdict = await authorizeUpgrade(deps, c, c.req.param('documentId') ?? '');
      if (!verdict.ok) return { onOpen: (_evt, ws) => ws.close(verdict.code, verdict.reason) };

      let conn: CollabConnection | undefined;
      let room: Room | null = null;
      let unregister = () => {};
      const early: unknown[] = [];
      // Every log line of this socket's life carries the upgrade request's id.
      return inLogScope(c.get('requestId'), {
        onOpen(_evt, ws) {
          conn = new CollabConnection(ws as unknown as CollabConnection['socket'], verdict.documentId, verdict.householdId, verdict.principal);
          conn.wantsSaveAcks = c.req.query(SAVE_ACK_PARAM) === '1';
          const joining = conn;
          unregister = deps.live.register(
            {
              transport: 'socket',
              requester: { user: verdict.principal.user, ip: verdict.principal.ip },
              sessionId: verdict.session.id,
              householdId: verdict.householdId,
              needs: 'read',
              end: (why) => joining.close(why.kind === 'session' ? CloseCode.Unauthorized : CloseCode.Forbidden, why.message),
              // A new role takes effect on the next message: an observer's updates are then ignored (Room.mayWrite).
              regranted: (grant) => {
                if (grant.role && grant.participation) joining.principal = { ...joining.principal, role: grant.role, level: grant.participation.level };
              },
              roleAnnounced: (role) => {
                if (joining.roleMayWrite && !can({ admin: joining.principal.user.admin, role, closed: false, level: joining.principal.level }, 'write'))
                  joining.principal = { ...joining.principal, role };
              },
            },
            verdict.session,
            verdict.authorizedAt,
          );
          if (joining.closed) return;
          rooms.join(joining).then(
            (joined) => {
              if (!joined) return joining.close(CloseCode.Forbidden, 'Geen toegang tot dit document');
              room = joined;
              for (const data of early.splice(0)) joined.receive(joining, data);
            },
            (err) => {
              deps.log.error('collab: loading document failed', { documentId: verdict.documentId, err: String(err) });
              joining.close(1011, 'Document kon niet worden geladen');
            },
          );
        },
        onMessage(evt) {
          if (!conn) return;
          if (room) return room.receive(conn, evt.data);
          // Bounded while loading: sizes are checked here too, the rest when the room handles them.
          if (!(evt.data instanceof ArrayBuffer)) return conn.close(CloseCode.Malformed, 'Alleen binaire berichten zijn toegestaan');
          if (evt.data.byteLength > MAX_MESSAGE_BYTES) return conn.close(CloseCode.TooLarge, 'Bericht te groot');
          if (early.length >= MAX_EARLY_MESSAGES) return conn.close(CloseCode.TooLarge, 'Te veel berichten');
          early.push(evt.data);
        },
        onClose() {
          unregister();
          if (conn) rooms.leave(conn);
        },
      });
    }),
  );
}
