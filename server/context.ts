// Dependencies handed to every area, and the Hono environment type shared by all routes.
import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { ReadinessProbe } from './readiness.ts';
import type { Session, SessionStore, SessionUser } from './auth/session.ts';
import type { AttemptThrottle, SprayThrottle } from './auth/throttle.ts';
import type { TrustedProxies } from './auth/client-address.ts';
import type { Hub } from './realtime/hub.ts';
import type { SecretBox } from './auth/secret-box.ts';
import type { LiveChannels } from './access/live-channels.ts';
import type { AuditWriter } from './audit/writer.ts';

export interface Deps {
  config: Config;
  database: Database;
  db: Db;
  log: Logger;
  metrics: Metrics;
  /** /api/ready: database, migrations, Redis, not shutting down. */
  readiness: ReadinessProbe;
  sessions: SessionStore;
  /** Attempts at a secret per key (`account:<email>`, `totp:<userId>`), reserved before the slow verify. */
  throttle: AttemptThrottle;
  /** Distinct accounts failing from one client address (password spraying). */
  ipThrottle: SprayThrottle;
  /** argon2 verify; injectable so tests can count how many verifies a burst really gets. */
  verifyPassword: (passwordHash: string, password: string) => Promise<boolean>;
  /** TRUST_PROXY: whose X-Forwarded-For is believed. */
  trustedProxies: TrustedProxies;
  /** Encrypts secrets at rest (TOTP, OIDC client secrets). */
  secrets: SecretBox;
  /** Cross-area (and, with Redis, cross-process) notifications: access revoked, household events. */
  hub: Hub;
  /** Every open document socket and event stream, kept in line with sessions and access (access/live-channels). */
  live: LiveChannels;
  /** Batched audit rows for reads and refused attempts (one INSERT per tick). */
  auditWriter: AuditWriter;
  /** "Now"; fixed in tests and demos of date logic (FIXED_NOW). */
  now: () => Date;
}

export interface AppEnv {
  Variables: {
    user: SessionUser | null;
    session: Session | null;
    ip: string | null;
    /** A trusted proxy said the request came over HTTPS. */
    forwardedHttps: boolean;
    requestId: string;
  };
}
