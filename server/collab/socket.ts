// The /collab/:documentId WebSocket endpoint (y-websocket's URL shape: `${base}/collab` + `/${documentId}`).
// A refused upgrade would only show the client code 1006, so every request is upgraded and a refusal is
// sent as a close code (4401 / 4403) with a Dutch reason the client can show before it stops retrying.
import type { Hono } from 'hono';
import { upgradeWebSocket } from '@hono/node-server';
import type { AppEnv, Deps } from '../context.ts';
import { CloseCode, MAX_MESSAGE_BYTES } from '../../shared/limits.ts';
import { CollabConnection } from './connection.ts';
import type { Room } from './room.ts';
import type { RoomManager } from './rooms.ts';
import { authorizeUpgrade } from './upgrade-auth.ts';

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
      const early: unknown[] = [];
      return {
        onOpen(_evt, ws) {
          conn = new CollabConnection(ws as unknown as CollabConnection['socket'], verdict.documentId, verdict.householdId, verdict.principal);
          const joining = conn;
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
          if (conn) rooms.leave(conn);
        },
      };
    }),
  );
}
