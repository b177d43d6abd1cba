// Starts a Casustafel server: open db → migrate → createApp → listen. Used by main.ts and by tests (port 0).
import { Server as NetServer, type AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import type { Config } from './config.ts';
import type { Deps } from './context.ts';
import { openDatabase, type Database } from './db/client.ts';
import { createLogger } from './logger.ts';
import type { DestinationStream } from 'pino';
import { folderBytes, listenMetrics, Metrics } from './metrics.ts';
import { spillDir } from './collab/spill.ts';
import { readinessProbe } from './readiness.ts';
import { SessionStore } from './auth/session.ts';
import { MemoryAttemptThrottle, MemorySprayThrottle, attemptPolicy, sprayPolicy } from './auth/throttle.ts';
import { RedisAttemptThrottle, RedisSprayThrottle } from './auth/throttle-redis.ts';
import { TrustedProxies } from './auth/client-address.ts';
import { verifyPassword } from './auth/password.ts';
import { LocalHub, type Hub } from './realtime/hub.ts';
import { LiveChannels } from './access/live-channels.ts';
import { AuditWriter } from './audit/writer.ts';
import { createApp } from './app.ts';
import { loadSecretBox } from './auth/secret-box.ts';
import { createModules } from './modules.ts';
import { replaySpilled } from './collab/spill.ts';
import { CloseCode, MAX_MESSAGE_BYTES } from '../shared/limits.ts';

export interface RunningServer {
  url: string;
  port: number;
  /** The metrics listener's port when METRICS_PORT is set. */
  metricsPort?: number;
  deps: Deps;
  /** The Hono app (tests list its routes). */
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Reuse an open database (tests share one per file); it is then not closed by close(). */
  database?: Database;
  hub?: Hub;
  /** Replaces the argon2 verify (tests wrap it to count verifies). */
  verifyPassword?: Deps['verifyPassword'];
  /** Where log lines go (default stdout); tests capture them. */
  logDestination?: DestinationStream;
}

export async function createHub(config: Config): Promise<Hub> {
  if (!config.redisUrl) return new LocalHub();
  const { RedisHub } = await import('./realtime/redis-hub.ts');
  return RedisHub.connect(config.redisUrl);
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const log = createLogger(config.logLevel, opts.logDestination);
  const metrics = new Metrics();
  const database =
    opts.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      queryTimeoutMs: config.durability.dbQueryTimeoutMs,
      connectTimeoutMs: config.durability.dbConnectTimeoutMs,
    }));
  if (!opts.database) await database.migrate();
  // Document updates a previous shutdown could not write (database unreachable) go in before anyone connects.
  const replayed = await replaySpilled(database.db, config.dataDir);
  if (replayed.files) log.warn('collab: replayed updates spilled at the last shutdown', { ...replayed });
  const hub = opts.hub ?? (await createHub(config));
  const fixed = config.fixedNow;
  // Per account: 5 attempts, then a growing wait. Per client address: 25 distinct failing accounts per 15 minutes
  // (repeated failures on one account do not count twice, so colleagues behind one address are not locked out).
  // Shared via Redis when set, so a second process gives an attacker no fresh attempts.
  // ioredis is loaded only with REDIS_URL (one process without Redis never needs it).
  const throttleRedis = config.redisUrl ? new (await import('ioredis')).Redis(config.redisUrl, { maxRetriesPerRequest: 3 }) : null;
  // ioredis reconnects by itself; /api/ready reports Redis down meanwhile (and the hub says so in the log).
  throttleRedis?.on('error', () => {});
  const throttle = throttleRedis ? new RedisAttemptThrottle(throttleRedis, attemptPolicy(5)) : new MemoryAttemptThrottle(attemptPolicy(5));
  const ipThrottle = throttleRedis ? new RedisSprayThrottle(throttleRedis, sprayPolicy(25)) : new MemorySprayThrottle(sprayPolicy(25));
  const deps: Deps = {
    config,
    database,
    db: database.db,
    log,
    metrics,
    readiness: readinessProbe(database.db, log, throttleRedis ? () => throttleRedis.ping() : undefined),
    sessions: new SessionStore(database.db, config.sessionDays, { hub, cacheMs: config.sessionCacheMs }),
    throttle,
    ipThrottle,
    verifyPassword: opts.verifyPassword ?? verifyPassword,
    trustedProxies: new TrustedProxies(config.trustProxy),
    hub,
    secrets: loadSecretBox(config.secretKey, config.dataDir, log),
    live: new LiveChannels({ db: database.db, hub, log }),
    auditWriter: new AuditWriter(database.db),
    now: fixed ? () => new Date(fixed) : () => new Date(),
  };
  // Spilled updates wait in DATA_DIR/unsaved-updates until a start writes them (collab/spill.ts).
  metrics.provide({ dbPool: () => database.poolStats(), spillBytes: () => folderBytes(spillDir(config.dataDir)) });
  const modules = createModules(deps);
  const app = createApp(deps, modules);
  // Frames over the protocol limit are closed with 4413 by the room; far larger ones never reach memory (ws closes 1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * MAX_MESSAGE_BYTES });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  if (config.metricsPort !== undefined || config.metricsToken) metrics.startDefaultMetrics();
  const metricsListener = config.metricsPort !== undefined ? await listenMetrics(metrics, config.metricsPort, config.metricsHost) : null;

  let closing: Promise<void> | undefined;
  /** How long a connection accepted just before the listener closed gets to send its request. */
  const ACCEPTED_GRACE_MS = 250;
  /** How long requests still in flight after that get before their connections are ended. */
  const IN_FLIGHT_LIMIT_MS = 2_000;
  const close = () =>
    (closing ??= (async () => {
      deps.readiness.drain();
      // Keep serving while the load balancer notices /api/ready answering 503 and stops sending new
      // connections here; only then stop accepting (connections still arriving would be reset).
      if (config.shutdownDrainMs > 0) await new Promise((r) => setTimeout(r, config.shutdownDrainMs));
      // Stop accepting, but do not yet close connections that are open without a request: one the load
      // balancer handed over just before is still sending its request, and closing it would fail that
      // request (a POST is not retried). http.Server.close() would close them at once, so close only the
      // listener (net.Server.close), serve what arrives during a short grace, then close the idle ones.
      const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
      const graceOver = Date.now() + ACCEPTED_GRACE_MS;
      for (const client of wss.clients) client.close(CloseCode.Restarting, 'Server herstart; opnieuw verbinden');
      // A client learns of the close only when the connection ends: end it now rather than after the flush
      // below, so it reconnects at once. Its updates that were still on their way reach the next process.
      for (let waited = 0; wss.clients.size > 0 && waited < 300; waited += 10) await new Promise((r) => setTimeout(r, 10));
      for (const client of wss.clients) client.terminate();
      // Modules flush their state (collab rooms) and end long-lived responses (event streams).
      for (const mod of [...modules].reverse()) await mod.close?.();
      for (const client of wss.clients) client.terminate();
      deps.live.close();
      deps.sessions.close();
      await deps.auditWriter.flush();
      if (Date.now() < graceOver) await new Promise((r) => setTimeout(r, graceOver - Date.now()));
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      // Requests still being answered get a bounded moment to finish; then every connection ends.
      await Promise.race([closed, new Promise((r) => setTimeout(r, IN_FLIGHT_LIMIT_MS))]);
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      await deps.auditWriter.flush(); // rows of requests answered during the grace
      wss.close();
      metricsListener?.server.close();
      if (!opts.hub) await hub.close();
      throttleRedis?.disconnect();
      if (!opts.database) await database.close();
    })());
  return { url: `http://${host}:${port}`, port, metricsPort: metricsListener?.port, deps, app, close };
}
