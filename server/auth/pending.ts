// A sign-in between its first factor (password, OIDC) and its second: a random token in a short-lived
// cookie, only its hash stored. It opens nothing but the second-factor steps, and it is single-use.
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { pendingLogins } from '../db/schema.ts';
import { generateSessionToken, sessionIdFromToken } from './session.ts';

export const PENDING_LOGIN_MINUTES = 10;

/** 'verify': the user has a second factor and must give it; 'enrol': the organisation requires one and the user has none. */
export type PendingStage = 'verify' | 'enrol';
export type FirstFactor = 'password' | 'oidc';

export type PendingLogin = typeof pendingLogins.$inferSelect;

export async function createPendingLogin(
  db: Db,
  p: { userId: string; stage: PendingStage; firstFactor: FirstFactor; ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const expiresAt = new Date(Date.now() + PENDING_LOGIN_MINUTES * 60_000);
  // Expired ones of anyone go at the same time, so the table stays small without a timer.
  await db.delete(pendingLogins).where(lt(pendingLogins.expiresAt, new Date()));
  await db.insert(pendingLogins).values({ id: sessionIdFromToken(token), ...p, userAgent: p.userAgent?.slice(0, 400) ?? null, expiresAt });
  return { token, expiresAt };
}

export async function findPendingLogin(db: Db, token: string): Promise<PendingLogin | null> {
  const [row] = await db
    .select()
    .from(pendingLogins)
    .where(and(eq(pendingLogins.id, sessionIdFromToken(token)), gt(pendingLogins.expiresAt, new Date())));
  return row ?? null;
}

/** Ends the pending sign-in; true for the one request that got it (so a completed step cannot be completed twice). */
export async function consumePendingLogin(db: Db, id: string): Promise<boolean> {
  const gone = await db.delete(pendingLogins).where(eq(pendingLogins.id, id)).returning({ id: pendingLogins.id });
  return gone.length === 1;
}

export async function setPendingChallenge(db: Db, id: string, challenge: string | null): Promise<void> {
  await db.update(pendingLogins).set({ webauthnChallenge: challenge }).where(eq(pendingLogins.id, id));
}
