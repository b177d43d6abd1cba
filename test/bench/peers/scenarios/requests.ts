// Requests: 100 concurrent closed loops for 5 s per route (after 1 s of warm-up) against Casustafel's
// authorised routes and, on the same engine, the floor (a minimal Hono route running one indexed SELECT);
// then rounds of 100 concurrent claims of one action by 100 different partners (exactly one may win).
import { type Scenario, withInstance } from '../scenario.ts';
import { cpuMeter, median, percentile } from '../stats.ts';
import { HTTP_CONCURRENCY } from '../fixtures.ts';
import { type Instance, launch, type TargetName } from '../targets.ts';
import type { Workers } from '../workers.ts';

export interface RouteResult {
  rps: number;
  p50: number;
  p99: number;
  /** Answers other than the expected status. */
  errors: number;
  /** CPU per request of the server process and of its PostgreSQL backends, in ms. */
  serverCpuMs: number;
  dbCpuMs: number;
}

export interface RequestsResult {
  routes: Record<string, RouteResult>;
  race?: { rounds: number; oneWinnerEveryRound: boolean; p99: number; p50: number };
}

interface Loop {
  cookie?: string;
  method: string;
  paths: string[];
  once?: boolean;
}

async function load(workers: Workers, instance: Instance, loops: Loop[], quick: boolean, expected: number): Promise<RouteResult> {
  const parts = workers.size;
  const server = cpuMeter(() => [instance.pid()]);
  const db = cpuMeter(() => instance.dbPids());
  await Promise.all([server.start(), db.start()]);
  const results = await Promise.all(
    Array.from({ length: parts }, (_, w) =>
      workers.send<{ latencies: number[]; statuses: Record<string, number>; measuredMs: number; made: number }>(w, 'http', {
        base: instance.base,
        loops: loops.filter((_, i) => i % parts === w),
        warmMs: 1000,
        durationMs: quick ? 2000 : 5000,
      }),
    ),
  );
  const [serverMs, dbMs] = await Promise.all([server.stop(), db.stop()]);
  const latencies = results.flatMap((r) => r.latencies);
  const measuredMs = Math.max(...results.map((r) => r.measuredMs));
  const errors = results.reduce((n, r) => n + Object.entries(r.statuses).reduce((m, [s, c]) => m + (Number(s) === expected ? 0 : c), 0), 0);
  // CPU is measured over warm-up and measurement alike, so it is divided by every request made.
  const made = results.reduce((n, r) => n + r.made, 0);
  return {
    rps: (latencies.length / measuredMs) * 1000,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors,
    serverCpuMs: serverMs / made,
    dbCpuMs: dbMs / made,
  };
}

/** PEERS_ROUTES=me,board limits a development run (e.g. for a CPU profile) to some routes; unset: all, and the race. */
const onlyRoutes = process.env.PEERS_ROUTES?.split(',').map((r) => r.trim());
const wanted = (route: string) => !onlyRoutes || onlyRoutes.includes(route);

async function casustafelRoutes(ctx: Parameters<Scenario['run']>[0], instance: Instance): Promise<RequestsResult> {
  const http = instance.fixture!.http!;
  const get = (path: string) => http.readCookies.map((cookie) => ({ cookie, method: 'GET', paths: [path] }));
  const routes: Record<string, RouteResult> = {};
  if (wanted('me')) routes.me = await load(ctx.workers, instance, get('/api/me'), ctx.quick, 200);
  if (wanted('board')) routes.board = await load(ctx.workers, instance, get(`/api/households/${http.householdId}/actions`), ctx.quick, 200);
  if (wanted('household')) routes.household = await load(ctx.workers, instance, get(`/api/households/${http.householdId}`), ctx.quick, 200);
  if (!wanted('claim')) return { routes };
  const claims = http.claimCookies.map((cookie, i) => ({
    cookie,
    method: 'POST',
    paths: http.claimActions[i]!.map((a) => `/api/actions/${a}/claim`),
    once: true,
  }));
  routes.claim = await load(ctx.workers, instance, claims, ctx.quick, 200);

  const latencies: number[] = [];
  const roundP99: number[] = [];
  let oneWinnerEveryRound = true;
  for (const action of http.raceActions) {
    const answers = await ctx.workers.send<{ status: number; ms: number }[]>(0, 'race', {
      base: instance.base,
      method: 'POST',
      path: `/api/actions/${action}/claim`,
      cookies: http.claimCookies,
    });
    const won = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status === 409).length;
    oneWinnerEveryRound &&= won === 1 && refused === HTTP_CONCURRENCY - 1;
    latencies.push(...answers.map((a) => a.ms));
    roundP99.push(
      percentile(
        answers.map((a) => a.ms),
        0.99,
      ),
    );
  }
  return { routes, race: { rounds: http.raceActions.length, oneWinnerEveryRound, p99: median(roundP99), p50: percentile(latencies, 0.5) } };
}

export const requests: Scenario<RequestsResult> = {
  name: 'requests',
  title: `requests at ${HTTP_CONCURRENCY} concurrent`,
  targets: ['casustafel-pg', 'floor-pg', 'casustafel-pglite', 'floor-pglite'] satisfies TargetName[],
  run: (ctx, target) =>
    withInstance(
      () => launch(ctx.bench, target, { docs: 0 }, { claimsPerLoop: ctx.quick ? 40 : 100, races: ctx.quick ? 2 : 5 }),
      async (instance) => {
        if (target.startsWith('floor')) {
          const loops = Array.from({ length: HTTP_CONCURRENCY }, (_, i) => ({ method: 'GET', paths: [`/floor/${i}`] }));
          return { routes: { floor: await load(ctx.workers, instance, loops, ctx.quick, 200) } };
        }
        return casustafelRoutes(ctx, instance);
      },
    ),
};
