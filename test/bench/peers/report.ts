// The summary of a run: medians over repetitions, Casustafel's ratios to Hocuspocus and to the relay, the
// request figures against the floor, as Markdown tables (printed, and pasted into the README).
import type { Series } from './chart.ts';
import type { ColdLoadResult } from './scenarios/cold-load.ts';
import type { DurabilityResult } from './scenarios/durability.ts';
import type { LatencyResult } from './scenarios/latency.ts';
import { FULL_STEPS, type ManyDocsResult, P99_LIMIT_MS, QUICK_STEPS } from './scenarios/many-docs.ts';
import type { MemoryResult } from './scenarios/memory.ts';
import type { RequestsResult } from './scenarios/requests.ts';
import { median } from './stats.ts';
import { COLLAB_TARGETS, LABELS, type TargetName, TWO_PROCESSES } from './targets.ts';

/** Results by scenario, then server: one entry per repetition. */
export type Results = Record<string, Partial<Record<TargetName, unknown[]>>>;

const of = <R>(results: Results, scenario: string, target: TargetName) => (results[scenario]?.[target] ?? []) as R[];
const med = <R>(results: Results, scenario: string, target: TargetName, pick: (r: R) => number | null | undefined) =>
  median(of<R>(results, scenario, target).map((r) => pick(r) ?? Number.NaN));

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');

interface Row {
  label: string;
  values: Partial<Record<TargetName, number>>;
  text?: Partial<Record<TargetName, string>>;
  digits?: number;
}

function collabRows(results: Results, steps: number[]): Row[] {
  const rows: Row[] = [];
  const each = (label: string, scenario: string, pick: (r: any) => number | null | undefined, digits = 0, targets: readonly TargetName[] = COLLAB_TARGETS) => {
    const values: Row['values'] = {};
    for (const t of targets) values[t] = med(results, scenario, t, pick);
    rows.push({ label, values, digits });
  };
  if (results.fanout) {
    each('fan-out 1 doc × 50: p50 (ms)', 'fanout', (r: LatencyResult) => r.p50, 1);
    each('fan-out 1 doc × 50: p99 (ms)', 'fanout', (r: LatencyResult) => r.p99, 1);
    each('fan-out: server CPU per 1,000 edits (ms)', 'fanout', (r: LatencyResult) => r.serverCpuPer1k, 0);
    each('fan-out: + PostgreSQL CPU per 1,000 edits (ms)', 'fanout', (r: LatencyResult) => r.dbCpuPer1k, 0);
    if (of(results, 'fanout', TWO_PROCESSES).length) rows.push(...twoProcessRows(results));
  }
  if (results.manydocs) {
    for (const docs of steps) each(`${docs} docs × 5: p99 (ms)`, 'manydocs', (r: ManyDocsResult) => r.steps.find((s) => s.docs === docs)?.p99, 0);
    const breaking: Row = { label: `breaking point (docs; p99 > ${P99_LIMIT_MS} ms or errors)`, values: {}, text: {} };
    for (const t of COLLAB_TARGETS) {
      const runs = of<ManyDocsResult>(results, 'manydocs', t);
      if (!runs.length) continue;
      const at = median(runs.map((r) => r.brokeAt ?? Number.POSITIVE_INFINITY));
      const generator = runs.filter((r) => r.generatorBound).length * 2 > runs.length;
      breaking.values[t] = at;
      breaking.text![t] = Number.isFinite(at) ? `${fmt(at)}${generator ? ' (load generator)' : ''}` : `> ${steps.at(-1)}`;
    }
    rows.push(breaking);
    each('server CPU per 1,000 edits at 100 docs (ms)', 'manydocs', (r: ManyDocsResult) => r.steps.find((s) => s.docs === 100)?.serverCpuPer1k, 0);
    each('+ PostgreSQL CPU per 1,000 edits at 100 docs (ms)', 'manydocs', (r: ManyDocsResult) => r.steps.find((s) => s.docs === 100)?.dbCpuPer1k, 0);
  }
  if (results.durability) {
    const t3: TargetName[] = ['casustafel-pg', 'casustafel-pglite', 'hocuspocus'];
    each('kill -9: keystrokes typed', 'durability', (r: DurabilityResult) => r.typed, 0, t3);
    each('kill -9: keystrokes lost', 'durability', (r: DurabilityResult) => r.lost, 0, t3);
    each('kill -9: lost after "stored" was shown', 'durability', (r: DurabilityResult) => r.ackedLost, 0, t3);
  }
  if (results.coldload) {
    each('cold load, 10,000-update history as stored (ms)', 'coldload', (r: ColdLoadResult) => r.ms, 0, ['casustafel-pg', 'casustafel-pglite', 'hocuspocus']);
    each('… as 10,000 log rows, never compacted (ms)', 'coldload', (r: ColdLoadResult) => r.uncompactedMs, 0, ['casustafel-pg', 'casustafel-pglite']);
  }
  if (results.memory) {
    each('memory: peak RSS (MB)', 'memory', (r: MemoryResult) => r.peakMb, 0);
    each('memory: RSS per open document (KB)', 'memory', (r: MemoryResult) => r.perDocKb, 0);
  }
  return rows;
}

/**
 * Fan-out with the editors split over two Casustafel processes (PostgreSQL + Redis), shown in the Casustafel
 * (PostgreSQL) column under the one-process figures; its ratios are to the peers' one-process runs.
 */
function twoProcessRows(results: Results): Row[] {
  const m = (pick: (r: LatencyResult) => number | null | undefined) => med<LatencyResult>(results, 'fanout', TWO_PROCESSES, pick);
  const one = (label: string, value: number, digits = 1, text?: string): Row => ({
    label,
    values: { 'casustafel-pg': value },
    digits,
    ...(text ? { text: { 'casustafel-pg': text } } : {}),
  });
  const share = m((r) => r.processes?.acrossShare);
  const pair = (a: number, b: number) => `${fmt(a, 1)} / ${fmt(b, 1)}`;
  return [
    one(
      'fan-out, 2 processes (PostgreSQL + Redis), editors split: p50 (ms)',
      m((r) => r.p50),
    ),
    one(
      'fan-out, 2 processes: p99 (ms)',
      m((r) => r.p99),
    ),
    one('fan-out, 2 processes: deliveries across processes (%)', share * 100, 0),
    {
      label: 'fan-out, 2 processes: p50 / p99 within a process vs across (ms)',
      values: {},
      text: {
        'casustafel-pg': `${pair(
          m((r) => r.processes?.sameP50),
          m((r) => r.processes?.sameP99),
        )} vs ${pair(
          m((r) => r.processes?.acrossP50),
          m((r) => r.processes?.acrossP99),
        )}`,
      },
    },
    one(
      'fan-out, 2 processes: server CPU per 1,000 edits, both processes (ms)',
      m((r) => r.serverCpuPer1k),
      0,
    ),
    one(
      'fan-out, 2 processes: + PostgreSQL CPU per 1,000 edits (ms)',
      m((r) => r.dbCpuPer1k),
      0,
    ),
  ];
}

function collabTable(rows: Row[]): string {
  if (rows.length === 0) return '';
  const head = ['', ...COLLAB_TARGETS.map((t) => LABELS[t]), 'Casustafel ÷ Hocuspocus (PG / PGlite)', 'Casustafel ÷ relay (PG / PGlite)'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const r of rows) {
    const cell = (t: TargetName) => r.text?.[t] ?? fmt(r.values[t] ?? Number.NaN, r.digits);
    const pg = r.values['casustafel-pg'] ?? Number.NaN;
    const lite = r.values['casustafel-pglite'] ?? Number.NaN;
    const vs = (t: TargetName) => `${ratio(pg, r.values[t] ?? Number.NaN)} / ${ratio(lite, r.values[t] ?? Number.NaN)}`;
    lines.push(`| ${r.label} | ${COLLAB_TARGETS.map(cell).join(' | ')} | ${vs('hocuspocus')} | ${vs('relay')} |`);
  }
  return lines.join('\n');
}

function requestsTable(results: Results): string {
  if (!results.requests) return '';
  const engines = [
    { app: 'casustafel-pg', floor: 'floor-pg', name: 'PostgreSQL' },
    { app: 'casustafel-pglite', floor: 'floor-pglite', name: 'PGlite' },
  ] as const;
  const route = (t: TargetName, name: string, pick: 'rps' | 'p99' | 'serverCpuMs' | 'dbCpuMs' | 'errors') =>
    med<RequestsResult>(results, 'requests', t, (r) => r.routes[name]?.[pick]);
  const head = [
    '100 concurrent',
    ...engines.flatMap((e) => [`${e.name} req/s`, `${e.name} p99 (ms)`, `${e.name} ÷ floor req/s`, `${e.name} CPU ms/req (server + db)`]),
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  const labels: Record<string, string> = {
    floor: 'floor: Hono + one indexed SELECT',
    me: 'GET /api/me',
    board: 'GET board (/api/households/:id/actions)',
    household: 'GET household page (/api/households/:id)',
    claim: 'POST claim (a fresh action each)',
  };
  for (const name of ['floor', 'me', 'board', 'household', 'claim']) {
    const cells = engines.flatMap((e) => {
      const t = name === 'floor' ? e.floor : e.app;
      const rps = route(t, name, 'rps');
      const cpu = `${fmt(route(t, name, 'serverCpuMs'), 2)} + ${fmt(route(t, name, 'dbCpuMs'), 2)}`;
      // Answers other than the expected status make the figure meaningless: said in the cell, never hidden.
      const errors = route(t, name, 'errors');
      const said = errors ? `${fmt(rps)} (${fmt(errors)} wrong answers)` : fmt(rps);
      return [said, fmt(route(t, name, 'p99'), 1), name === 'floor' ? '1.00×' : ratio(rps, route(e.floor, 'floor', 'rps')), cpu];
    });
    lines.push(`| ${labels[name]} | ${cells.join(' | ')} |`);
  }
  const race = engines.flatMap((e) => {
    const runs = of<RequestsResult>(results, 'requests', e.app);
    const p99 = median(runs.map((r) => r.race?.p99 ?? Number.NaN));
    const verdict = runs.length === 0 ? '—' : runs.every((r) => r.race?.oneWinnerEveryRound) ? 'one winner ✓' : 'WINNERS WRONG';
    return [verdict, fmt(p99, 1), `${ratio(p99, route(e.app, 'board', 'p99'))} of board p99`, ''];
  });
  lines.push(`| 100 concurrent claims of one action | ${race.join(' | ')} |`);
  return lines.join('\n');
}

export const SERIES_COLORS: Record<string, string> = {
  'casustafel-pg': '#1f5fbf',
  'casustafel-pglite': '#7fa7e0',
  hocuspocus: '#d9730d',
  relay: '#6b6b6b',
};

export function chartSeries(results: Results): Series[] {
  return COLLAB_TARGETS.filter((t) => results.manydocs?.[t]?.length).map((t) => {
    const runs = of<ManyDocsResult>(results, 'manydocs', t);
    const docs = [...new Set(runs.flatMap((r) => r.steps.map((s) => s.docs)))].sort((a, b) => a - b);
    return {
      label: LABELS[t],
      color: SERIES_COLORS[t]!,
      points: docs.map((d) => ({ docs: d, p99: median(runs.map((r) => r.steps.find((s) => s.docs === d)?.p99 ?? Number.NaN)) })),
    };
  });
}

export function summaryTables(results: Results, quick: boolean): { collab: string; requests: string } {
  const reached = new Set(Object.values(results.manydocs ?? {}).flatMap((runs) => (runs as ManyDocsResult[]).flatMap((r) => r.steps.map((s) => s.docs))));
  const steps = (quick ? QUICK_STEPS : FULL_STEPS).filter((s) => reached.has(s));
  return { collab: collabTable(collabRows(results, steps)), requests: requestsTable(results) };
}
