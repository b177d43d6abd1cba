// Starts a Casustafel server: open db → migrate → createApp → listen. Used by main.ts and by tests (port 0).
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import type { Config } from './config.ts';
import type { Deps } from './context.ts';
import { openDatabase, type Database } from './db/client.ts';
import { createLogger } from './logger.ts';
import { SessionStore } from './auth/session.ts';
import { LoginThrottle, RedisThrottle, throttlePolicy, type Throttle } from './auth/throttle.ts';
import { Redis } from 'ioredis';
import { LocalHub, type Hub } from './realtime/hub.ts';
import { createApp } from './app.ts';
import { createModules } from './modules.ts';
import { MAX_MESSAGE_BYTES } from '../shared/limits.ts';

export interface RunningServer {
  url: string;
  port: number;
  deps: Deps;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Reuse an open database (tests share one per file); it is then not closed by close(). */
  database?: Database;
  hub?: Hub;
}

export async function createHub(config: Config): Promise<Hub> {
  if (!config.redisUrl) return new LocalHub();
  const { RedisHub } = await import('./realtime/redis-hub.ts');
  return RedisHub.connect(config.redisUrl);
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  if (!opts.database) await database.migrate();
  const hub = opts.hub ?? (await createHub(config));
  const fixed = config.fixedNow;
  // Per account: a few tries. Per IP: more, since a whole office may share one address. Shared via Redis when set.
  const throttleRedis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 3 }) : null;
  const makeThrottle = (free: number): Throttle =>
    throttleRedis ? new RedisThrottle(throttleRedis, throttlePolicy(free)) : new LoginThrottle(throttlePolicy(free));
  const deps: Deps = {
    config,
    database,
    db: database.db,
    log,
    sessions: new SessionStore(database.db, config.sessionDays),
    throttle: makeThrottle(5),
    ipThrottle: makeThrottle(50),
    hub,
    now: fixed ? () => new Date(fixed) : () => new Date(),
  };
  const modules = createModules(deps);
  const app = createApp(deps, modules);
  // Frames over the protocol limit are closed with 4413 by the room; far larger ones never reach memory (ws closes 1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * MAX_MESSAGE_BYTES });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const client of wss.clients) client.close(1001, 'Server wordt afgesloten');
      // Modules flush their state (collab rooms) and end long-lived responses (event streams).
      for (const mod of [...modules].reverse()) await mod.close?.();
      for (const client of wss.clients) client.terminate();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      wss.close();
      if (!opts.hub) await hub.close();
      throttleRedis?.disconnect();
      if (!opts.database) await database.close();
    })());
  return { url: `http://${host}:${port}`, port, deps, close };
}
