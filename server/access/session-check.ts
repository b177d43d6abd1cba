// THE session re-check for live channels (document sockets, event streams): the session still exists,
// has not expired in real time (never FIXED_NOW), and its account is not disabled.
import { and, eq, gt, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';

/** The sessions among `ids` that are still live, with their (possibly slid) expiry. One query. */
export async function liveSessions(db: DbOrTx, ids: string[]): Promise<Map<string, Date>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: sessions.id, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(inArray(sessions.id, ids), gt(sessions.expiresAt, new Date()), eq(users.disabled, false)));
  return new Map(rows.map((r) => [r.id, r.expiresAt]));
}
