// The cost and the effect of the document guard on /collab:
//  - validation: median µs to check a normal keystroke update against the schema (decoding and applying
//    it, for scale);
//  - missing dependencies: an attacker sends up to 95 MiB of updates whose dependencies never arrive;
//    the server's RSS growth and the worst delay of another client's edits meanwhile;
//  - a stalled reader: a socket that never reads asks for the full (~1 MB) document every 20 ms for 50 s;
//    the server's RSS growth, and how many bytes it had queued for that socket.
// The server runs as its own process (server/main.ts on a scratch PostgreSQL database) so its RSS is
// measured alone, from /proc. Needs TEST_DATABASE_URL; without it only the validation cost is measured.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { documents } from '../../server/db/schema.ts';
import { templateState } from '../../server/documents/templates.ts';
import { appendParagraph, bodyText, connectClient, rawSocket, waitFor, type CollabClient } from '../support/collab.ts';
import { householdWithCast } from '../support/factories.ts';
import { createPostgresDatabase } from '../support/scratch-db.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function syncMessage(kind: 0 | 2, payload: Uint8Array) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, kind);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** Median cost of decoding, checking and applying one typed character on a plan of ~3,000 characters. */
async function validationCost() {
  // Imported lazily so the bench also runs on a tree without the guard (it then reports "n/a").
  const guard = await import('../../server/collab/schema-guard.ts').catch(() => null);
  const server = new Y.Doc();
  Y.applyUpdate(server, templateState('plan'));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  p.insert(0, [text]);
  client.getXmlFragment('default').insert(1, [p]);
  for (let i = 0; i < 3000; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
  const keystrokes: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => keystrokes.push(u));
  for (let i = 0; i < 2000; i++) text.insert(Math.floor(text.length / 2), 'x');
  const decode: number[] = [];
  const check: number[] = [];
  const apply: number[] = [];
  for (const u of keystrokes) {
    const t0 = performance.now();
    // Decoding was already done for every update before the guard (to refuse malformed ones).
    const decoded = Y.decodeUpdate(u);
    const t1 = performance.now();
    if (guard) {
      const verdict = guard.inspectUpdate(server, decoded, guard.documentRules());
      if (!verdict.ok || verdict.waiting) throw new Error('keystroke refused');
    }
    const t2 = performance.now();
    Y.applyUpdate(server, u);
    apply.push(performance.now() - t2);
    decode.push(t1 - t0);
    check.push(t2 - t1);
  }
  return { decode: median(decode) * 1000, check: guard ? median(check) * 1000 : null, apply: median(apply) * 1000 };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const rssOf = (child: ChildProcess) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

/** server/main.ts as a child process on a fresh PostgreSQL database, with a household to attack. */
async function serverProcess(adminUrl: string) {
  const scratch = await createPostgresDatabase(adminUrl, 'casustafel_bench_guard');
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATABASE_URL: scratch.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', SEED_DEMO: 'never', NODE_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/api/health`).catch(() => null))?.ok === true, 'server process', 60_000);
  const database: Database = await openDatabase({ databaseUrl: scratch.url, dataDir: '' });
  const { household, api } = await householdWithCast(database.db, url);
  const [plan] = await database.db
    .select()
    .from(documents)
    .where(and(eq(documents.householdId, household.id), eq(documents.kind, 'plan')));
  const clients: CollabClient[] = [];
  const connect = async () => {
    const c = connectClient(url, api.regie, plan!.id);
    clients.push(c);
    await c.synced();
    return c;
  };
  const close = async () => {
    for (const c of clients) c.destroy();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await database.close();
    await scratch.drop();
  };
  return { url, child, api, planId: plan!.id, connect, close };
}

/** Edits on `a` every 50 ms; returns a stop function that gives the longest time an edit took to reach `b`. */
function probe(a: CollabClient, b: CollabClient) {
  const delays: number[] = [];
  let stopped = false;
  const running = (async () => {
    for (let n = 0; !stopped; n++) {
      const tag = `probe-${n}`;
      const t0 = performance.now();
      appendParagraph(a.fragment, tag);
      await waitFor(() => bodyText(b.fragment).includes(tag), 'probe', 60_000);
      delays.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return async () => {
    stopped = true;
    await running;
    return Math.max(...delays);
  };
}

async function missingDependencies(adminUrl: string) {
  const s = await serverProcess(adminUrl);
  try {
    const [a, b] = [await s.connect(), await s.connect()];
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(a.doc));
    const p = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    p.insert(0, [text]);
    attacker.getXmlFragment('default').insert(0, [p]); // never sent: everything typed into it waits for it
    const socket = rawSocket(s.url, s.api.partner.cookie, s.planId);
    await socket.opened;
    let closed = false;
    void socket.closed.then(() => (closed = true));
    const before = rssOf(s.child);
    let peak = before;
    const stop = probe(a, b);
    const chunk = 'x'.repeat(500 * 1024);
    let sent = 0;
    while (sent < 95 * 1024 * 1024 && !closed) {
      const sv = Y.encodeStateVector(attacker);
      text.insert(0, chunk);
      const u = Y.encodeStateAsUpdate(attacker, sv);
      socket.ws.send(syncMessage(2, u));
      sent += u.byteLength;
      // Sent as fast as the socket takes it.
      while (socket.ws.bufferedAmount > 4 * 1024 * 1024) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setImmediate(r));
      peak = Math.max(peak, rssOf(s.child));
    }
    await new Promise((r) => setTimeout(r, 2000));
    const worst = await stop();
    const after = rssOf(s.child);
    socket.ws.terminate();
    attacker.destroy();
    return { sent, closed, peak: peak - before, rss: after - before, worst };
  } finally {
    await s.close();
  }
}

async function stalledReader(adminUrl: string, seconds: number) {
  const s = await serverProcess(adminUrl);
  try {
    const a = await s.connect();
    for (let i = 0; i < 3; i++) appendParagraph(a.fragment, `${i}`.repeat(350 * 1024));
    const b = await s.connect();
    await waitFor(() => bodyText(b.fragment).includes('222'), 'large document on the server');
    const socket = rawSocket(s.url, s.api.observer.cookie, s.planId);
    await socket.opened;
    let received = 0;
    socket.ws.on('message', (d: ArrayBuffer) => (received += d.byteLength));
    let closed: { code: number } | null = null;
    void socket.closed.then((c) => (closed = c));
    await waitFor(() => received > 0, 'first sync');
    (socket.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const before = rssOf(s.child);
    let peak = before;
    const ask = syncMessage(0, new Uint8Array([0]));
    const started = performance.now();
    while (performance.now() - started < seconds * 1000) {
      if (socket.ws.readyState === socket.ws.OPEN) socket.ws.send(ask);
      await new Promise((r) => setTimeout(r, 20));
      peak = Math.max(peak, rssOf(s.child));
    }
    const after = rssOf(s.child);
    // Read again: everything the server had queued for this socket arrives now (or the cut shows).
    const seen = received;
    (socket.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    let last = -1;
    let still = 0;
    while (closed === null && still < 10) {
      await new Promise((r) => setTimeout(r, 100));
      still = received === last ? still + 1 : 0;
      last = received;
    }
    socket.ws.terminate();
    return { peak: peak - before, rss: after - before, queued: received - seen, closed };
  } finally {
    await s.close();
  }
}

export async function run() {
  const cost = await validationCost();
  const rows: { measure: string; value: string }[] = [
    { measure: 'decoding one keystroke update (median; done before the guard too)', value: `${cost.decode.toFixed(1)} µs` },
    { measure: 'schema check of that update (median)', value: cost.check === null ? 'n/a (no guard)' : `${cost.check.toFixed(1)} µs` },
    { measure: 'applying that update (median, for scale)', value: `${cost.apply.toFixed(1)} µs` },
  ];
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log('(attack figures skipped: set TEST_DATABASE_URL to run the server process on PostgreSQL)');
  } else {
    const deps = await missingDependencies(adminUrl);
    const stalled = await stalledReader(adminUrl, 50);
    rows.push(
      { measure: 'missing dependencies: bytes sent until closed', value: `${mb(deps.sent)}${deps.closed ? ' (closed)' : ' (never closed)'}` },
      { measure: 'missing dependencies: server RSS growth, peak / 2 s after', value: `${mb(deps.peak)} / ${mb(deps.rss)}` },
      { measure: "missing dependencies: worst delay of another client's edit", value: `${deps.worst.toFixed(0)} ms` },
      { measure: 'stalled reader (50 s): server RSS growth, peak / at the end', value: `${mb(stalled.peak)} / ${mb(stalled.rss)}` },
      {
        measure: 'stalled reader: bytes the server had queued for it',
        value: `${mb(stalled.queued)}${stalled.closed ? ` (closed, ${(stalled.closed as { code: number }).code})` : ''}`,
      },
    );
  }
  console.table(rows);
}
