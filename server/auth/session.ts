// Sessions after Lucia's guide (the lucia package is deprecated; its authors publish these functions as a guide):
// a random token goes to the client, only its SHA-256 hash is stored, and expiry slides on use.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organizations, sessions, users } from '../db/schema.ts';

const DAY = 24 * 60 * 60 * 1000;

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
  method: string;
  secondFactor: boolean;
}

export interface SessionOrigin {
  method: string;
  secondFactor: boolean;
  ip?: string | null;
  userAgent?: string | null;
}

/** Last-seen times are written at most this often per session, not on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  admin: boolean;
  organization: { id: string; name: string; kind: string };
  /** This session passed a second factor (or an equivalent); households of a "twee-factor verplicht" organisation need it. */
  secondFactor: boolean;
}

export type SessionValidation = { session: Session; user: SessionUser; fresh: boolean } | { session: null; user: null; fresh: false };

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly lifetimeDays: number,
  ) {}

  get lifetimeMs() {
    return this.lifetimeDays * DAY;
  }

  async createSession(token: string, userId: string, origin: SessionOrigin = { method: 'password', secondFactor: false }): Promise<Session> {
    const session: Session = {
      id: sessionIdFromToken(token),
      userId,
      expiresAt: new Date(Date.now() + this.lifetimeMs),
      method: origin.method,
      secondFactor: origin.secondFactor,
    };
    await this.db.insert(sessions).values({ ...session, ip: origin.ip ?? null, userAgent: origin.userAgent?.slice(0, 400) ?? null });
    return session;
  }

  /** Marks a session as having passed a second factor (step-up), recording how. */
  async upgradeSession(sessionId: string, method: string): Promise<void> {
    await this.db.update(sessions).set({ method, secondFactor: true }).where(eq(sessions.id, sessionId));
  }

  async validateSessionToken(token: string): Promise<SessionValidation> {
    const id = sessionIdFromToken(token);
    const [row] = await this.db
      .select({
        session: sessions,
        user: { id: users.id, email: users.email, name: users.name, admin: users.admin, disabled: users.disabled },
        organization: { id: organizations.id, name: organizations.name, kind: organizations.kind },
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(eq(sessions.id, id));
    if (!row) return { session: null, user: null, fresh: false };
    const now = Date.now();
    if (now >= row.session.expiresAt.getTime() || row.user.disabled) {
      await this.db.delete(sessions).where(eq(sessions.id, id));
      return { session: null, user: null, fresh: false };
    }
    const session: Session = {
      id,
      userId: row.session.userId,
      expiresAt: row.session.expiresAt,
      method: row.session.method,
      secondFactor: row.session.secondFactor,
    };
    let fresh = false;
    if (now - row.session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
      await this.db
        .update(sessions)
        .set({ lastSeenAt: new Date(now) })
        .where(eq(sessions.id, id));
    }
    // Slide the expiry once less than half the lifetime is left, so active users stay signed in.
    if (now >= session.expiresAt.getTime() - this.lifetimeMs / 2) {
      session.expiresAt = new Date(now + this.lifetimeMs);
      await this.db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
      fresh = true;
    }
    const { disabled: _disabled, ...user } = row.user;
    return { session, user: { ...user, organization: row.organization, secondFactor: session.secondFactor }, fresh };
  }

  async invalidateSession(sessionId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.id, sessionId));
  }

  /** Ends every session of a user (or all but `exceptSessionId`) and returns the ids that were ended. */
  async invalidateUserSessions(userId: string, exceptSessionId?: string): Promise<string[]> {
    const where = exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId);
    const ended = await this.db.delete(sessions).where(where).returning({ id: sessions.id });
    return ended.map((r) => r.id);
  }
}
