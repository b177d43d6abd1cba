// What an operator relies on: readiness next to liveness, a request id that ties a response (header and
// error body) to every log line of its request or socket, and Prometheus metrics behind a port or a token.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import postgres from 'postgres';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { documents } from '../../server/db/schema.ts';
import { migrationsFolder, openDatabase } from '../../server/db/client.ts';
import { ApiClient } from '../support/client.ts';
import { appendParagraph, connectClient, rawSocket, waitFor } from '../support/collab.ts';
import { householdWithCast } from '../support/factories.ts';
import { openSse } from '../support/sse.ts';
import { captureLogs, startTestServer, type TestServer } from '../support/server.ts';
import { REDIS_URL, redisAvailable } from '../support/redis.ts';

const METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';
const logs = captureLogs();
const dataDir = mkdtempSync(join(tmpdir(), 'casustafel-ops-'));
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    config: { logLevel: 'debug', metricsPort: 0, metricsHost: '127.0.0.1', metricsToken: METRICS_TOKEN, dataDir },
    logDestination: logs.destination,
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function scrape(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${server.metricsPort}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of one sample line, e.g. `casustafel_login_failures_total`. */
function sample(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(name + ' ') || l.startsWith(name + '{'));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
}

describe('readiness', () => {
  it('answers 200 with every check ok, without a session and without versions or data', async () => {
    const res = await new ApiClient(server.url).get('/api/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, checks: { database: 'ok', migrations: 'ok', accepting: 'ok' } });
  });

  it('is not ready while migrations are missing', async () => {
    // An empty database of the run's engine (PostgreSQL: a new database; PGlite: a new in-memory one).
    const url = inject('databaseUrl');
    const admin = url ? postgres(url, { max: 1, onnotice: () => {} }) : null;
    const name = `casustafel_unmigrated_${process.pid}_${Date.now()}`;
    if (admin) await admin.unsafe(`CREATE DATABASE ${name}`);
    const emptyUrl = url ? Object.assign(new URL(url), { pathname: '/' + name }).toString() : undefined;
    const unmigrated = await openDatabase({ databaseUrl: emptyUrl, dataDir: 'memory://' });
    const bare = await startTestServer({ database: unmigrated });
    try {
      const res = await new ApiClient(bare.url).get('/api/ready');
      expect(res.status).toBe(503);
      expect(res.body.checks).toMatchObject({ database: 'ok', migrations: 'failed' });
    } finally {
      await bare.close();
      await unmigrated.close();
      await admin?.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin?.end();
    }
  });

  it('several processes starting at once on an empty PostgreSQL database migrate it once, one after the other', async () => {
    const url = inject('databaseUrl');
    if (!url) {
      console.log('concurrent migrations: PostgreSQL only (an embedded PGlite has one process)');
      return;
    }
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const name = `casustafel_concurrent_${process.pid}_${Date.now()}`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const emptyUrl = Object.assign(new URL(url), { pathname: '/' + name }).toString();
    const dbs = await Promise.all([0, 1, 2].map(() => openDatabase({ databaseUrl: emptyUrl, dataDir: 'memory://' })));
    try {
      await Promise.all(dbs.map((d) => d.migrate()));
      const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
      const probe = postgres(emptyUrl, { max: 1, onnotice: () => {} });
      const [row] = await probe`select count(*)::int as n from drizzle.__drizzle_migrations`;
      await probe.end();
      expect(row!.n).toBe(journal.entries.length);
    } finally {
      await Promise.all(dbs.map((d) => d.close()));
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('checks Redis when it is configured', async () => {
    if (!(await redisAvailable('readiness with Redis'))) return;
    const withRedis = await startTestServer({ database: server.database, config: { redisUrl: REDIS_URL } });
    try {
      const res = await new ApiClient(withRedis.url).get('/api/ready');
      expect(res.body).toEqual({ ok: true, checks: { database: 'ok', migrations: 'ok', redis: 'ok', accepting: 'ok' } });
    } finally {
      await withRedis.close();
    }
  });

  it('reports not ready as soon as shutdown starts', async () => {
    const other = await startTestServer({ database: server.database });
    other.deps.readiness.drain();
    const report = await other.deps.readiness.check();
    expect(report.ok).toBe(false);
    expect(report.checks.accepting).toBe('failed');
    await other.close();
  });
});

describe('request ids', () => {
  it('are in the X-Request-Id header, the error body and every log line of the request', async () => {
    const { api, household } = await householdWithCast(server.database.db, server.url);
    const res = await api.outsider.get(`/api/households/${household.id}`);
    expect(res.status).toBe(404);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.requestId).toBe(id);
    const line = logs.lines.find((l) => l.requestId === id && l.msg === 'request');
    expect(line).toMatchObject({ level: 'info', method: 'GET', route: '/api/households/:id', status: 404 });
    // The route pattern, never the path with its ids.
    expect(JSON.stringify(logs.lines.filter((l) => l.requestId === id))).not.toContain(household.id);
  });

  it('keep a plain id from the proxy and replace anything else', async () => {
    const api = new ApiClient(server.url);
    const kept = await api.request('GET', '/api/me', undefined, { 'x-request-id': 'proxy-abc-12345' });
    expect(kept.headers.get('x-request-id')).toBe('proxy-abc-12345');
    expect(kept.requestId).toBe('proxy-abc-12345');
    const replaced = await api.request('GET', '/api/me', undefined, { 'x-request-id': 'bad id\twith spaces' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('mark every log line of a socket, also lines written long after the upgrade', async () => {
    const { api, household } = await householdWithCast(server.database.db, server.url);
    const [plan] = await server.database.db
      .select()
      .from(documents)
      .where(and(eq(documents.householdId, household.id), eq(documents.kind, 'plan')));
    const socketId = `socket-${crypto.randomUUID()}`;
    const raw = rawSocket(server.url, api.regie.cookie, plan!.id, { 'x-request-id': socketId });
    await raw.opened;
    // Let the room load, then send a frame the protocol refuses: the room logs a warning on this socket's behalf.
    await waitFor(() => raw.messages.length > 0, 'the server sync step');
    raw.ws.send(new Uint8Array([0xff, 0xff, 0xff]));
    await raw.closed;
    await waitFor(() => logs.lines.some((l) => l.msg === 'collab: malformed message' && l.requestId === socketId), 'the socket warning with its request id');
  });
});

describe('metrics', () => {
  it('are served on the metrics port, and on the main port only with the token', async () => {
    expect(await scrape()).toContain('casustafel_http_request_duration_seconds_bucket');
    const api = new ApiClient(server.url);
    expect((await api.get('/metrics')).status).toBe(401);
    const withToken = await api.request('GET', '/metrics', undefined, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(withToken.status).toBe(200);
    expect(String(withToken.body)).toContain('nodejs_eventloop_lag_seconds');
    // The main port does not answer /metrics of a server without a token.
    const plain = await startTestServer({ database: server.database });
    try {
      const res = await new ApiClient(plain.url).get('/metrics');
      expect(String(res.body)).not.toContain('casustafel_');
    } finally {
      await plain.close();
    }
  });

  it('count requests by route pattern and status, failed and throttled logins, sockets, rooms, streams and saves', async () => {
    const { api, household } = await householdWithCast(server.database.db, server.url);
    await api.outsider.get(`/api/households/${household.id}`);
    const before = await scrape();
    const failures0 = sample(before, 'casustafel_login_failures_total');
    const throttled0 = sample(before, 'casustafel_login_throttled_total');
    const batches0 = sample(before, 'casustafel_collab_update_batch_size_count');
    expect(before).toMatch(/casustafel_http_request_duration_seconds_count\{method="GET",route="\/api\/households\/:id",status="404"\} \d+/);
    expect(before).not.toContain(household.id);

    const email = `nobody-${crypto.randomUUID()}@example.test`;
    const stranger = new ApiClient(server.url);
    let throttledSeen = false;
    for (let i = 0; i < 8 && !throttledSeen; i++)
      throttledSeen = (await stranger.post('/api/auth/login', { email, password: 'wrong-password' })).status === 429;
    expect(throttledSeen).toBe(true);

    const [plan] = await server.database.db
      .select()
      .from(documents)
      .where(and(eq(documents.householdId, household.id), eq(documents.kind, 'plan')));
    const editor = connectClient(server.url, api.regie, plan!.id);
    const stream = await openSse(`${server.url}/api/households/${household.id}/events`, { cookie: api.regie.cookie! });
    try {
      await editor.synced();
      appendParagraph(editor.fragment, 'metingen');
      await stream.next((m) => m.event === 'ready');
      await waitFor(async () => sample(await scrape(), 'casustafel_collab_update_batch_size_count') > batches0, 'a written batch');
      const after = await scrape();
      expect(sample(after, 'casustafel_login_failures_total')).toBeGreaterThanOrEqual(failures0 + 5);
      expect(sample(after, 'casustafel_login_throttled_total')).toBeGreaterThan(throttled0);
      expect(sample(after, 'casustafel_collab_sockets')).toBeGreaterThanOrEqual(1);
      expect(sample(after, 'casustafel_collab_rooms')).toBeGreaterThanOrEqual(1);
      expect(sample(after, 'casustafel_sse_streams')).toBeGreaterThanOrEqual(1);
      expect(sample(after, 'casustafel_collab_update_commit_seconds_count')).toBeGreaterThan(0);
      expect(after).toContain('casustafel_collab_save_failures_total 0');
      expect(sample(after, 'casustafel_spill_pending_bytes')).toBe(0);
      // Updates spilled at a shutdown and not yet written show up as pending bytes.
      mkdirSync(join(dataDir, 'unsaved-updates'), { recursive: true });
      writeFileSync(join(dataDir, 'unsaved-updates', 'spill-test.json'), 'x'.repeat(1234));
      expect(sample(await scrape(), 'casustafel_spill_pending_bytes')).toBe(1234);
      expect(after).toContain('nodejs_eventloop_lag_seconds');
      if (server.database.engine === 'postgres') expect(after).toMatch(/casustafel_db_pool_connections\{state="max"\} 10/);
    } finally {
      stream.close();
      editor.destroy();
    }
  });
});
