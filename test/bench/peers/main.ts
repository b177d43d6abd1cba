// `npm run bench:peers [-- --only fanout,memory --reps 1 --quick --servers casustafel-pg,hocuspocus --workers 2]`:
// Casustafel against Hocuspocus and the bare y-websocket relay, servers interleaved within each repetition.
// Prints the tables, writes bench-results/peers-<time>.json, bench-results/latest.json and the chart.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { templateState } from '../../../server/documents/templates.ts';
import { benchArgs } from './args.ts';
import { chartSvg } from './chart.ts';
import { chartSeries, type Results, summaryTables } from './report.ts';
import type { RunContext, Scenario } from './scenario.ts';
import { coldLoad } from './scenarios/cold-load.ts';
import { durability } from './scenarios/durability.ts';
import { fanout } from './scenarios/fanout.ts';
import { EDIT_INTERVAL_MS, manyDocs } from './scenarios/many-docs.ts';
import { memory } from './scenarios/memory.ts';
import { requests } from './scenarios/requests.ts';
import { type BenchContext, type TargetName, TWO_PROCESSES } from './targets.ts';
import { Workers } from './workers.ts';

const root = new URL('../../../', import.meta.url).pathname;
const args = benchArgs(process.argv.slice(2));
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const all: Scenario<any>[] = [fanout, manyDocs, durability, coldLoad, memory, requests];
const scenarios = all.filter((s) => args.only.includes(s.name));
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) throw new Error('building the server failed');

const admin = postgres(adminUrl, { max: 2, onnotice: () => {} });
const pgVersion = await admin`SHOW server_version`.then(
  (r) => String(r[0]!.server_version),
  (err) => {
    console.error(`PostgreSQL at ${adminUrl.replace(/\/\/[^@]*@/, '//…@')} is needed (BENCH_DATABASE_URL or TEST_DATABASE_URL): ${err.message}`);
    process.exit(1);
  },
);
/** The 2-process target needs Redis; without it that target is left out (and said so), the rest runs. */
async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
const skip = new Set<string>();
if (scenarios.some((s) => s.targets.includes(TWO_PROCESSES)) && (!args.servers || args.servers.includes(TWO_PROCESSES)) && !(await redisAnswers(redisUrl))) {
  console.error(`Redis at ${redisUrl} does not answer (BENCH_REDIS_URL or TEST_REDIS_URL): ${TWO_PROCESSES} is left out`);
  skip.add(TWO_PROCESSES);
}
const tmp = mkdtempSync(join(tmpdir(), 'casustafel-peers-'));
const templateFile = join(tmp, 'template.bin');
writeFileSync(templateFile, templateState('plan'));
const bench: BenchContext = { adminUrl, redisUrl, tmp, templateFile, admin };
const workers = new Workers(args.workers);
const results: Results = {};
const started = new Date();
const loadBefore = loadavg()[0]!;

try {
  for (let rep = 0; rep < args.reps; rep++) {
    for (const scenario of scenarios) {
      const targets = scenario.targets.filter((t) => (!args.servers || args.servers.includes(t)) && !skip.has(t));
      // Interleaved, and each repetition starts with a different server.
      const order = targets.map((_, i) => targets[(i + rep) % targets.length]!);
      for (const target of order) {
        log(`rep ${rep + 1}/${args.reps} ${scenario.name} on ${target}`);
        const ctx: RunContext = { bench, workers, quick: args.quick, rep, log };
        const result = await scenario.run(ctx, target as TargetName);
        ((results[scenario.name] ??= {})[target as TargetName] ??= []).push(result);
        log(`  ${JSON.stringify(result, (_k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)).slice(0, 400)}`);
      }
    }
  }
} finally {
  await workers.close();
  await admin.end();
  rmSync(tmp, { recursive: true, force: true });
}

const tables = summaryTables(results, args.quick);
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  postgres: pgVersion,
  // The machine is shared: its 1-minute load average before and after the run says how busy it was.
  loadAverage: { before: loadBefore, after: loadavg()[0]! },
};
console.log(`\nPeer benchmark, ${started.toISOString().slice(0, 10)}, ${machine.cores} × ${machine.cpu}, Node ${machine.node}, PostgreSQL ${machine.postgres}`);
console.log(
  `medians of ${args.reps} repetition(s)${args.quick ? ', --quick' : ''}; load average ${machine.loadAverage.before.toFixed(1)} before, ${machine.loadAverage.after.toFixed(1)} after\n`,
);
console.log([tables.collab, tables.requests].filter(Boolean).join('\n\n'));

const out = join(root, 'bench-results');
mkdirSync(out, { recursive: true });
const report = { date: started.toISOString(), machine, args, tables, results };
const json = JSON.stringify(report, null, 2);
writeFileSync(join(out, `peers-${started.toISOString().replace(/[:.]/g, '-')}.json`), json);
writeFileSync(join(out, 'latest.json'), json);
const series = chartSeries(results);
if (series.length) {
  writeFileSync(
    join(out, 'p99-vs-documents.svg'),
    chartSvg(
      series,
      `p99 edit latency vs documents (${started.toISOString().slice(0, 10)}, medians of ${args.reps})`,
      `documents open (5 editors each, one edit per ${EDIT_INTERVAL_MS / 1000} s per editor)`,
    ),
  );
}
log(`written to ${out}`);
process.exit(0);
