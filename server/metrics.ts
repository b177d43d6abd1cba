// Prometheus metrics (prom-client), one registry per server instance (tests run several in one process).
// Served on METRICS_PORT (a separate listener, keep it off the public network) and/or at /metrics on the
// main port behind `Authorization: Bearer METRICS_TOKEN`. Labels are bounded: route patterns, never ids.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const PREFIX = 'casustafel_';

/** Live values read at scrape time (the owners keep the numbers; metrics only look). */
export interface MetricSources {
  sockets?: () => number;
  rooms?: () => number;
  sseStreams?: () => number;
  spillBytes?: () => number;
  /** Database connections of this process: open and busy (PostgreSQL only). */
  dbPool?: () => Promise<{ open: number; busy: number; max: number } | null>;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly sources: MetricSources = {};
  private defaultsStarted = false;

  readonly httpDuration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'HTTP requests (API and WebSocket upgrades) by method, route pattern and status, with latency',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: `${PREFIX}collab_update_batch_size`,
    help: 'Yjs updates merged into one written batch',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [this.registry],
  });
  readonly commitSeconds = new Histogram({
    name: `${PREFIX}collab_update_commit_seconds`,
    help: 'Time to write one batch of document updates to the database',
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly saveFailures = new Counter({
    name: `${PREFIX}collab_save_failures_total`,
    help: 'Writes of document updates that failed (the updates stay in memory and are retried)',
    registers: [this.registry],
  });
  readonly saveRetries = new Counter({
    name: `${PREFIX}collab_save_retries_total`,
    help: 'Writes of document updates that retried an earlier failed write',
    registers: [this.registry],
  });
  readonly loginFailures = new Counter({
    name: `${PREFIX}login_failures_total`,
    help: 'Failed logins (wrong e-mail or password, or a disabled account)',
    registers: [this.registry],
  });
  readonly loginThrottled = new Counter({
    name: `${PREFIX}login_throttled_total`,
    help: 'Logins refused because of too many failed attempts (per account or per IP)',
    registers: [this.registry],
  });

  constructor() {
    const gauge = (name: string, help: string, read: () => number | undefined) =>
      new Gauge({
        name: PREFIX + name,
        help,
        registers: [this.registry],
        collect() {
          const v = read();
          if (v !== undefined) this.set(v);
        },
      });
    gauge('collab_sockets', 'Open document WebSockets', () => this.sources.sockets?.());
    gauge('collab_rooms', 'Documents loaded in memory (rooms)', () => this.sources.rooms?.());
    gauge('sse_streams', 'Open household event streams (SSE)', () => this.sources.sseStreams?.());
    gauge('spill_pending_bytes', 'Bytes of document updates waiting in the spill file for the database', () => this.sources.spillBytes?.());
    const sources = this.sources;
    const pool = new Gauge({
      name: `${PREFIX}db_pool_connections`,
      help: 'Database connections of this process by state (open, busy) and the pool maximum (max)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const stats = await sources.dbPool?.().catch(() => null);
        if (!stats) return;
        this.set({ state: 'open' }, stats.open);
        this.set({ state: 'busy' }, stats.busy);
        this.set({ state: 'max' }, stats.max);
      },
    });
    void pool;
  }

  /** Areas register what they can report; called once each at start-up. */
  provide(sources: MetricSources): void {
    Object.assign(this.sources, sources);
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  /** Process metrics (CPU, memory, event-loop lag, GC) only when metrics are exposed: they start timers. */
  startDefaultMetrics(): void {
    if (this.defaultsStarted) return;
    this.defaultsStarted = true;
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
  }

  async render(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}

/** Bytes in the files of a folder (0 when it does not exist); read at scrape time, so kept to one folder level. */
export function folderBytes(dir: string): number {
  try {
    return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isFile() ? statSync(join(dir, e.name)).size : 0), 0);
  } catch {
    return 0;
  }
}

/** Constant-time check of `Authorization: Bearer <token>`. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** A separate listener that answers GET /metrics only. */
export async function listenMetrics(metrics: Metrics, port: number, host: string): Promise<{ port: number; server: Server }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.render().then(
      ({ body, contentType }) => res.writeHead(200, { 'Content-Type': contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { port: (server.address() as AddressInfo).port, server };
}
