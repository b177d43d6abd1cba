// Sessions after Lucia's guide (the lucia package is deprecated; its authors publish these functions as a guide):
// a random token goes to the client, only its SHA-256 hash is stored, and expiry slides on use.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organizations, sessions, users } from '../db/schema.ts';

const DAY = 24 * 60 * 60 * 1000;

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  admin: boolean;
  organization: { id: string; name: string; kind: string };
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

  async createSession(token: string, userId: string): Promise<Session> {
    const session: Session = {
      id: sessionIdFromToken(token),
      userId,
      expiresAt: new Date(Date.now() + this.lifetimeMs),
    };
    await this.db.insert(sessions).values(session);
    return session;
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
    const session: Session = { id, userId: row.session.userId, expiresAt: row.session.expiresAt };
    let fresh = false;
    // Slide the expiry once less than half the lifetime is left, so active users stay signed in.
    if (now >= session.expiresAt.getTime() - this.lifetimeMs / 2) {
      session.expiresAt = new Date(now + this.lifetimeMs);
      await this.db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
      fresh = true;
    }
    const { disabled: _disabled, ...user } = row.user;
    return { session, user: { ...user, organization: row.organization }, fresh };
  }

  async invalidateSession(sessionId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.id, sessionId));
  }

  async invalidateUserSessions(userId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.userId, userId));
  }
}
