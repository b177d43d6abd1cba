// A load-generator process (forked by workers.ts): opens real providers, types, measures what arrives, and
// runs HTTP request loops. Commands arrive over IPC as { id, cmd, ... } and are answered as { id, result }.
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { type Client, type ClientSpec, openClient, ownParagraph, paragraphTexts } from './clients.ts';
import { wallNow } from './stats.ts';

// y-websocket's provider adds a process 'exit' listener per instance; thousands are expected here.
process.setMaxListeners(0);

const clients = new Map<string, Client>();
const timers: NodeJS.Timeout[] = [];
/** Edits this process sent: token id → wall time. */
const sent = new Map<string, number>();
/** Edits this process's clients received: token id → [latest arrival latency, receivers]. */
const received = new Map<string, [number, number]>();
/**
 * With server groups (several server processes): every delivery as [send time, latency] pairs (flat), split
 * by whether the sender was connected to the same server process as the receiver or to another one.
 */
const deliveries = { same: [] as number[], across: [] as number[] };
/** Durability writers: key → wall times of each keystroke. */
const keystrokes = new Map<string, number[]>();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let cpuMark = process.cpuUsage();
let wallMark = performance.now();

/** A token's id is `key.seq`, or `key@group.seq` when the sender's server process is known. */
function senderGroup(id: string): number | undefined {
  const at = id.lastIndexOf('@');
  return at < 0 ? undefined : Number(id.slice(at + 1, id.indexOf('.', at)));
}

function recordTokens(insert: string, at: number, group: number | undefined) {
  for (const token of insert.split('~')) {
    if (!token) continue;
    const dot = token.lastIndexOf('.');
    const sentAt = Number(token.slice(dot + 1)) / 10;
    const latency = at - sentAt;
    const id = token.slice(0, dot);
    if (group !== undefined) {
      const from = senderGroup(id);
      if (from !== undefined) (from === group ? deliveries.same : deliveries.across).push(sentAt, latency);
    }
    const r = received.get(id);
    if (r) {
      r[0] = Math.max(r[0], latency);
      r[1]++;
    } else received.set(id, [latency, 1]);
  }
}

function listen(client: Client) {
  const { group } = client.spec;
  client.fragment.observeDeep((events, tr) => {
    if (tr.local) return;
    const at = wallNow();
    for (const e of events) {
      if (!(e.target instanceof Y.XmlText)) continue;
      for (const d of e.delta) if (typeof d.insert === 'string') recordTokens(d.insert, at, group);
    }
  });
}

async function open(specs: ClientSpec[], concurrency: number, timeoutMs: number) {
  const syncMs: number[] = [];
  let failed = 0;
  let next = 0;
  const lane = async () => {
    while (next < specs.length) {
      const spec = specs[next++]!;
      const client = openClient(spec, timeoutMs);
      clients.set(spec.key, client);
      listen(client);
      try {
        syncMs.push(await client.synced);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, specs.length) }, lane));
  return { opened: syncMs.length, failed, syncMs };
}

/** Every client types: a token `~key.seq.walltime` per edit (latency mode) or one letter per keystroke (keys mode). */
function type(intervalMs: number, mode: 'latency' | 'keys', editors?: string[]) {
  for (const key of editors ?? clients.keys()) {
    const client = clients.get(key)!;
    const text = ownParagraph(client, mode === 'keys' ? `[w${key}]` : '');
    const times: number[] = [];
    if (mode === 'keys') keystrokes.set(key, times);
    let seq = 0;
    const sender = client.spec.group === undefined ? key : `${key}@${client.spec.group}`;
    const tick = () => {
      const now = wallNow();
      if (mode === 'keys') {
        text.insert(text.length, String.fromCharCode(97 + (seq++ % 26)));
        times.push(now);
      } else {
        const id = `${sender}.${seq++}`;
        sent.set(id, now);
        text.insert(text.length, `~${id}.${Math.round(now * 10)}`);
      }
    };
    timers.push(
      setTimeout(() => {
        tick();
        timers.push(setInterval(tick, intervalMs));
      }, Math.random() * intervalMs),
    );
  }
  loopDelay.reset();
  cpuMark = process.cpuUsage();
  wallMark = performance.now();
  return {};
}

function stopTyping() {
  for (const t of timers.splice(0)) clearInterval(t);
  return {};
}

function load() {
  const cpu = process.cpuUsage(cpuMark);
  const elapsed = performance.now() - wallMark;
  return { cpuShare: (cpu.user + cpu.system) / 1000 / elapsed, loopDelayP99: loopDelay.percentile(99) / 1e6 };
}

function collect() {
  let drops = 0;
  for (const c of clients.values()) drops += c.drops;
  const result = { sent: [...sent], received: [...received], deliveries: { same: deliveries.same, across: deliveries.across }, drops, ...load() };
  sent.clear();
  received.clear();
  deliveries.same = [];
  deliveries.across = [];
  return result;
}

/** Durability: per writer, keystrokes typed up to `killAt` and how many of them the server had acknowledged as stored. */
function keysReport(killAt: number) {
  return [...keystrokes].map(([key, times]) => {
    const saves = clients.get(key)?.saves;
    return { key, typed: times.filter((t) => t <= killAt).length, acked: saves ? Math.max(0, saves.savedThrough - 1) : null };
  });
}

function closeAll() {
  stopTyping();
  for (const c of clients.values()) c.destroy();
  clients.clear();
  keystrokes.clear();
  return {};
}

/** A fresh client reads the document: time to sync and the text of each paragraph. */
async function read(spec: ClientSpec, timeoutMs: number) {
  const client = openClient(spec, timeoutMs);
  try {
    const ms = await client.synced;
    return { ms, paragraphs: paragraphTexts(client.fragment) };
  } finally {
    client.destroy();
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

function request(base: string, method: string, path: string, cookie?: string): Promise<number> {
  return new Promise((resolve) => {
    const body = method === 'GET' ? undefined : '{}';
    const req = http.request(
      base + path,
      { method, agent, headers: { ...(cookie ? { cookie } : {}), ...(body ? { 'content-type': 'application/json' } : {}) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

interface Loop {
  cookie?: string;
  method: string;
  /** Requested in turn; with `once`, each path once and then the loop ends. */
  paths: string[];
  once?: boolean;
}

/** Closed loops, one request at a time each; latencies of requests started after the warm-up. */
async function httpLoad(base: string, loops: Loop[], warmMs: number, durationMs: number) {
  const start = performance.now();
  const measureFrom = start + warmMs;
  const end = measureFrom + durationMs;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let lastEnd = measureFrom;
  let made = 0;
  await Promise.all(
    loops.map(async (loop) => {
      for (let i = 0; performance.now() < end && !(loop.once && i >= loop.paths.length); i++) {
        const t0 = performance.now();
        const status = await request(base, loop.method, loop.paths[i % loop.paths.length]!, loop.cookie);
        const t1 = performance.now();
        made++;
        if (t0 < measureFrom) continue;
        latencies.push(t1 - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
        lastEnd = Math.max(lastEnd, t1);
      }
    }),
  );
  return { latencies, statuses, measuredMs: lastEnd - measureFrom, made };
}

/** All at once: one request per cookie. */
async function race(base: string, method: string, path: string, cookies: string[]) {
  return Promise.all(
    cookies.map(async (cookie) => {
      const t0 = performance.now();
      const status = await request(base, method, path, cookie);
      return { status, ms: performance.now() - t0 };
    }),
  );
}

type Command = { id: number; cmd: string; [k: string]: any };

const handlers: Record<string, (m: Command) => unknown> = {
  open: (m) => open(m.specs, m.concurrency, m.timeoutMs),
  type: (m) => type(m.intervalMs, m.mode, m.editors),
  stopTyping: () => stopTyping(),
  load: () => load(),
  collect: () => collect(),
  keysReport: (m) => keysReport(m.killAt),
  closeAll: () => closeAll(),
  read: (m) => read(m.spec, m.timeoutMs),
  http: (m) => httpLoad(m.base, m.loops, m.warmMs, m.durationMs),
  race: (m) => race(m.base, m.method, m.path, m.cookies),
  ping: () => ({}),
};

process.on('message', async (m: Command) => {
  try {
    const result = await handlers[m.cmd]!(m);
    process.send!({ id: m.id, result });
  } catch (err) {
    process.send!({ id: m.id, error: String((err as Error)?.stack ?? err) });
  }
});
// Opening sockets to a server that was just killed rejects in the background; the counts tell the story.
process.on('unhandledRejection', () => {});
