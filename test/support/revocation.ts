// Revocation test helpers: a participant's live channels (document socket + event stream) and the check
// that both end, bounded in time.
import { expect } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { documents } from '../../server/db/schema.ts';
import type { Database } from '../../server/db/client.ts';
import { rawSocket, waitFor, type RawSocket } from './collab.ts';
import type { householdWithCast } from './factories.ts';
import { openSse, type SseConnection } from './sse.ts';

/** Rejects unless `p` settles within `ms` (a bound on a requirement, not a measurement). */
export function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} not within ${ms} ms`)), ms))),
  ]);
}

/** The partner's document socket and event stream, both open and live. */
export async function openChannels(server: { url: string; database: Database }, cast: Awaited<ReturnType<typeof householdWithCast>>, on = server.url) {
  const [plan] = await server.database.db
    .select()
    .from(documents)
    .where(and(eq(documents.householdId, cast.household.id), eq(documents.kind, 'plan')));
  const socket = rawSocket(on, cast.api.partner.cookie, plan!.id);
  await socket.opened;
  // The server's first sync message means the socket has joined the room.
  await waitFor(() => socket.messages.length > 0, 'joining the room', 10_000);
  const sse = await openSse(`${on}/api/households/${cast.household.id}/events`, { cookie: cast.api.partner.cookie! });
  expect(sse.status).toBe(200);
  await sse.next((m) => m.event === 'ready');
  return { socket, sse };
}

/** Both channels end within 1 s of now, with the close code and the `revoked` message expected. */
export async function expectBothEnd(ch: { socket: RawSocket; sse: SseConnection }, code: number, message: RegExp) {
  const [closed] = await within(1_000, Promise.all([ch.socket.closed, ch.sse.ended]), 'socket and stream ending');
  expect(closed.code).toBe(code);
  expect(closed.reason).toMatch(message);
  const revoked = await ch.sse.next((m) => m.event !== 'ready', 0);
  expect(revoked.event).toBe('revoked');
  expect(revoked.json().message).toMatch(message);
}
