// Sessions after Lucia's guide (the lucia package is deprecated; its authors publish these functions as a guide):
// a random token goes to the client, only its SHA-256 hash is stored, and expiry slides on use.
//
// Validated sessions are kept in this process for a few seconds (SESSION_CACHE_MS), so a burst of requests
// costs one lookup, not one per request. What ends or changes a session or its account reaches every
// process's cache before the answer that caused it (the revocation signal, access/revocation.ts, and this
// store's own topic); an entry read while such a change was on its way is never kept (the epoch check); the
// cache is bypassed while the hub is down and emptied when it is back (messages of the outage are lost).
// Expiry is checked against the clock on every hit; the last-seen and sliding-expiry writes go through the
// database as before.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, ne, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared.ts';
import type { Db } from '../db/client.ts';
import { organizations, sessions, users } from '../db/schema.ts';
import type { Hub } from '../realtime/hub.ts';
import { onRevocation } from '../access/revocation.ts';

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

/** This store's own invalidations (a session changed without ending: a second factor passed). */
const CACHE_TOPIC = 'session-cache';
const CACHE_MAX_ENTRIES = 10_000;

interface CacheEntry {
  valid: { session: Session; user: SessionUser };
  lastSeenAt: number;
  /** Kept until then (ms since epoch), at the latest. */
  until: number;
}

export interface SessionCacheOptions {
  /** Shares invalidations with the other processes (RedisHub); the cache is off without one. */
  hub?: Hub;
  /** How long a validated session is kept; 0 turns the cache off. */
  cacheMs?: number;
}

export class SessionStore {
  private readonly cache = new Map<string, CacheEntry>();
  /** Bumped by every invalidation: a lookup that overlapped one does not fill the cache. */
  private epoch = 0;
  private readonly hub: Hub | undefined;
  private readonly cacheMs: number;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly lifetimeDays: number,
    opts: SessionCacheOptions = {},
  ) {
    this.hub = opts.hub;
    this.cacheMs = opts.hub ? (opts.cacheMs ?? 0) : 0;
    const hub = this.hub;
    if (hub && this.cacheMs > 0) {
      this.unsubscribe.push(
        onRevocation(hub, (r) => {
          if (r.kind === 'session') this.forget({ sessionId: r.sessionId });
          else if (r.kind === 'account') this.forget({ userId: r.userId });
        }),
        hub.subscribe(CACHE_TOPIC, (m) => {
          const { sessionId, userId } = (m ?? {}) as { sessionId?: unknown; userId?: unknown };
          if (typeof sessionId === 'string') this.forget({ sessionId });
          else if (typeof userId === 'string') this.forget({ userId });
          else this.forget({});
        }),
      );
      if (hub.onReconnect) this.unsubscribe.push(hub.onReconnect(() => this.forget({})));
    }
  }

  /** Drops cached sessions: one, a user's, or (no argument) all. */
  forget(which: { sessionId?: string; userId?: string }): void {
    this.epoch++;
    if (which.sessionId !== undefined) this.cache.delete(which.sessionId);
    else if (which.userId !== undefined) {
      for (const [id, entry] of this.cache) if (entry.valid.user.id === which.userId) this.cache.delete(id);
    } else this.cache.clear();
  }

  /** Stops listening to the hub (shutdown). */
  close(): void {
    for (const u of this.unsubscribe.splice(0)) u();
    this.cache.clear();
  }

  private get caching(): boolean {
    return this.cacheMs > 0 && (this.hub?.healthy?.() ?? true);
  }

  /** A cached validation, if it is still good now: not expired, no last-seen or expiry write due. */
  private cached(id: string, now: number): SessionValidation | null {
    const entry = this.cache.get(id);
    if (!entry) return null;
    const { session } = entry.valid;
    const good =
      this.caching &&
      now < entry.until &&
      now < session.expiresAt.getTime() &&
      now - entry.lastSeenAt < LAST_SEEN_RESOLUTION_MS &&
      now < session.expiresAt.getTime() - this.lifetimeMs / 2;
    if (good) return { ...entry.valid, fresh: false };
    this.cache.delete(id);
    return null;
  }

  private keep(id: string, valid: { session: Session; user: SessionUser }, lastSeenAt: number, epoch: number, now: number): void {
    if (!this.caching || epoch !== this.epoch) return;
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    Object.freeze(valid.session);
    Object.freeze(valid.user);
    this.cache.set(id, { valid, lastSeenAt, until: now + this.cacheMs });
  }

  /** Local at once, then every other process (awaited, like a revocation). */
  private async changed(which: { sessionId: string } | { userId: string }): Promise<void> {
    this.forget(which);
    if (this.hub && this.cacheMs > 0) await this.hub.publish(CACHE_TOPIC, which);
  }

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
    await this.changed({ sessionId });
  }

  async validateSessionToken(token: string): Promise<SessionValidation> {
    const id = sessionIdFromToken(token);
    const started = Date.now();
    const hit = this.cached(id, started);
    if (hit) return hit;
    const epoch = this.epoch;
    const [row] = await prepared(this.db, 'session_by_id', (db) =>
      db
        .select({
          session: sessions,
          user: { id: users.id, email: users.email, name: users.name, admin: users.admin, disabled: users.disabled },
          organization: { id: organizations.id, name: organizations.name, kind: organizations.kind },
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .innerJoin(organizations, eq(organizations.id, users.organizationId))
        .where(eq(sessions.id, sql.placeholder('id')))
        .prepare('session_by_id'),
    ).execute({ id });
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
    let lastSeenAt = row.session.lastSeenAt.getTime();
    if (now - lastSeenAt >= LAST_SEEN_RESOLUTION_MS) {
      lastSeenAt = now;
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
    const { disabled: _disabled, ...rest } = row.user;
    const user: SessionUser = { ...rest, organization: row.organization, secondFactor: session.secondFactor };
    this.keep(id, { session: { ...session }, user: { ...user, organization: { ...user.organization } } }, lastSeenAt, epoch, now);
    return { session, user, fresh };
  }

  async invalidateSession(sessionId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.id, sessionId));
    this.forget({ sessionId });
  }

  /** Ends every session of a user (or all but `exceptSessionId`) and returns the ids that were ended. */
  async invalidateUserSessions(userId: string, exceptSessionId?: string): Promise<string[]> {
    const where = exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId);
    const ended = await this.db.delete(sessions).where(where).returning({ id: sessions.id });
    for (const r of ended) this.forget({ sessionId: r.id });
    return ended.map((r) => r.id);
  }
}
