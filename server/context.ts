// Dependencies handed to every area, and the Hono environment type shared by all routes.
import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import type { Logger } from './logger.ts';
import type { Session, SessionStore, SessionUser } from './auth/session.ts';
import type { Throttle } from './auth/throttle.ts';
import type { Hub } from './realtime/hub.ts';

export interface Deps {
  config: Config;
  database: Database;
  db: Db;
  log: Logger;
  sessions: SessionStore;
  /** Failed-login throttles: per account and per IP. */
  throttle: Throttle;
  ipThrottle: Throttle;
  /** Cross-area (and, with Redis, cross-process) notifications: access revoked, household events. */
  hub: Hub;
  /** "Now"; fixed in tests and demos of date logic (FIXED_NOW). */
  now: () => Date;
}

export interface AppEnv {
  Variables: {
    user: SessionUser | null;
    session: Session | null;
    ip: string | null;
    requestId: string;
  };
}
