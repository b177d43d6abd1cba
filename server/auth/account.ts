// "Mijn account": the user's own sessions (see and end them) and password change. Every change is audited,
// and a password change ends every other session.
import { and, desc, eq, gt, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import { audit } from '../audit/log.ts';
import { hashPassword, verifyPassword } from './password.ts';

export interface SessionSummary {
  id: string;
  current: boolean;
  ip: string | null;
  userAgent: string | null;
  method: string;
  secondFactor: boolean;
  createdAt: Date;
  lastSeenAt: Date;
}

export interface AccountActor {
  userId: string;
  organizationId: string;
  email: string;
  sessionId: string;
  ip: string | null;
}

export async function listSessions(db: Db, userId: string, currentSessionId: string): Promise<SessionSummary[]> {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((s) => ({
    id: s.id,
    current: s.id === currentSessionId,
    ip: s.ip,
    userAgent: s.userAgent,
    method: s.method,
    secondFactor: s.secondFactor,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
  }));
}

/** Ends one of the user's own sessions; false when it is not theirs (or gone already). */
export async function endOwnSession(db: Db, actor: AccountActor, sessionId: string): Promise<boolean> {
  const gone = await db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId)))
    .returning({ id: sessions.id });
  if (gone.length)
    await audit(db, {
      userId: actor.userId,
      organizationId: actor.organizationId,
      event: 'account.session_ended',
      target: actor.email,
      ip: actor.ip,
      details: { current: sessionId === actor.sessionId },
    });
  return gone.length === 1;
}

/** Ends every session of the user except the current one; returns the ended ids. */
export async function endOtherSessions(db: Db, actor: AccountActor, reason: 'user' | 'password_changed'): Promise<string[]> {
  const gone = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, actor.userId), notCurrent(actor.sessionId)))
    .returning({ id: sessions.id });
  await audit(db, {
    userId: actor.userId,
    organizationId: actor.organizationId,
    event: 'account.sessions_ended',
    target: actor.email,
    ip: actor.ip,
    details: { count: gone.length, reason },
  });
  return gone.map((r) => r.id);
}

const notCurrent = (id: string) => ne(sessions.id, id);

export async function currentPasswordMatches(db: Db, userId: string, password: string): Promise<boolean> {
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return !!row && (await verifyPassword(row.hash, password));
}

/** Stores the new password (argon2id) and ends the user's other sessions; returns the ended session ids. */
export async function changePassword(db: Db, actor: AccountActor, newPassword: string, now: Date): Promise<string[]> {
  const hash = await hashPassword(newPassword);
  await db.update(users).set({ passwordHash: hash, passwordChangedAt: now }).where(eq(users.id, actor.userId));
  await audit(db, { userId: actor.userId, organizationId: actor.organizationId, event: 'account.password_changed', target: actor.email, ip: actor.ip });
  return endOtherSessions(db, actor, 'password_changed');
}
