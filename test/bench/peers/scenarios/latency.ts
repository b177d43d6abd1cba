// Edit latency, shared by fan-out and many documents: every open client types a token carrying its wall
// clock send time; every other client in the document records when it arrives. An edit's latency is the
// time until the last of the others has it; an edit some client never got within the grace period is an error.
import { cpuMeter, percentile, rssOf, sleep, wallNow } from '../stats.ts';
import type { Instance } from '../targets.ts';
import type { Workers } from '../workers.ts';

export interface LatencyResult {
  p50: number;
  p99: number;
  edits: number;
  /** Edits that did not reach every other client within the grace period. */
  undelivered: number;
  /** Sockets lost while typing, and clients that never synced. */
  drops: number;
  failedOpens: number;
  /** Server CPU (and its PostgreSQL backends') per 1,000 edits, in ms. */
  serverCpuPer1k: number;
  dbCpuPer1k: number;
  serverRssMb: number;
  /** The load generator: highest CPU share of one worker (1 = a full core) and its event-loop delay p99. */
  generatorCpu: number;
  generatorLoopP99: number;
  /** Only with clients spread over several server processes: deliveries within one process and across them. */
  processes?: ProcessSplit;
}

export interface ProcessSplit {
  /** Share of all deliveries (edit × receiving client) whose sender was connected to another process. */
  acrossShare: number;
  sameP50: number;
  sameP99: number;
  acrossP50: number;
  acrossP99: number;
}

export interface LatencyPlan {
  clientsPerDoc: number;
  intervalMs: number;
  warmMs: number;
  durationMs: number;
  graceMs: number;
}

export async function measureLatency(workers: Workers, instance: Instance, plan: LatencyPlan, failedOpens: number): Promise<LatencyResult> {
  const server = cpuMeter(() => instance.pids());
  const db = cpuMeter(() => instance.dbPids());
  const started = wallNow();
  await workers.all('type', { intervalMs: plan.intervalMs, mode: 'latency' });
  await sleep(plan.warmMs);
  await Promise.all([server.start(), db.start()]);
  await sleep(plan.durationMs);
  const [serverMs, dbMs] = await Promise.all([server.stop(), db.stop()]);
  const load = await workers.all<{ cpuShare: number; loopDelayP99: number }>('load');
  await workers.all('stopTyping');
  const rss = instance.pids().reduce((sum, pid) => sum + (rssOf(pid)?.rss ?? 0), 0);
  await sleep(plan.graceMs);
  const parts = await workers.all<{
    sent: [string, number][];
    received: [string, [number, number]][];
    deliveries: { same: number[]; across: number[] };
    drops: number;
  }>('collect');

  const received = new Map<string, [number, number]>();
  for (const p of parts)
    for (const [id, [lat, n]] of p.received) {
      const r = received.get(id);
      if (r) received.set(id, [Math.max(r[0], lat), r[1] + n]);
      else received.set(id, [lat, n]);
    }
  const from = started + plan.warmMs;
  const to = from + plan.durationMs;
  const latencies: number[] = [];
  let undelivered = 0;
  let edits = 0;
  for (const p of parts)
    for (const [id, ts] of p.sent) {
      if (ts < from || ts > to) continue;
      edits++;
      const r = received.get(id);
      if (r && r[1] >= plan.clientsPerDoc - 1) latencies.push(r[0]);
      else undelivered++;
    }
  return {
    ...(parts.some((p) => p.deliveries.same.length + p.deliveries.across.length > 0)
      ? {
          processes: processSplit(
            parts.map((p) => p.deliveries),
            from,
            to,
          ),
        }
      : {}),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    edits,
    undelivered,
    drops: parts.reduce((n, p) => n + p.drops, 0),
    failedOpens,
    serverCpuPer1k: edits ? (serverMs / edits) * 1000 : Number.NaN,
    dbCpuPer1k: edits ? (dbMs / edits) * 1000 : Number.NaN,
    serverRssMb: rss / 2 ** 20,
    generatorCpu: Math.max(...load.map((l) => l.cpuShare)),
    generatorLoopP99: Math.max(...load.map((l) => l.loopDelayP99)),
  };
}

export const errorsOf = (r: LatencyResult) => r.undelivered + r.drops + r.failedOpens;

/** Deliveries of edits sent within [from, to], each [send time, latency] (flat), split within / across processes. */
function processSplit(parts: { same: number[]; across: number[] }[], from: number, to: number): ProcessSplit {
  const inWindow = (flat: number[]) => {
    const out: number[] = [];
    for (let i = 0; i < flat.length; i += 2) if (flat[i]! >= from && flat[i]! <= to) out.push(flat[i + 1]!);
    return out;
  };
  const same = parts.flatMap((p) => inWindow(p.same));
  const across = parts.flatMap((p) => inWindow(p.across));
  return {
    acrossShare: across.length / Math.max(1, same.length + across.length),
    sameP50: percentile(same, 0.5),
    sameP99: percentile(same, 0.99),
    acrossP50: percentile(across, 0.5),
    acrossP99: percentile(across, 0.99),
  };
}
