// Many documents × 5 editors each (every editor typing once a second), stepped 20 → 50 → 100 → 200 → 400 →
// … until p99 > 500 ms or any error: the server's breaking point. One server per repetition, fresh clients per step.
import { type Scenario, withInstance } from '../scenario.ts';
import { sleep } from '../stats.ts';
import { COLLAB_TARGETS, launch } from '../targets.ts';
import { errorsOf, type LatencyResult, measureLatency } from './latency.ts';

const PER_DOC = 5;
export const EDIT_INTERVAL_MS = 1000;
export const P99_LIMIT_MS = 500;
export const FULL_STEPS = [20, 50, 100, 200, 400, 800, 1600];
export const QUICK_STEPS = [20, 100];

export interface ManyDocsResult {
  steps: ({ docs: number } & LatencyResult)[];
  /** The first step that broke (p99 over the limit or errors); null when every step held. */
  brokeAt: number | null;
  /** At the breaking step the load generator itself was saturated (a worker's CPU or event loop). */
  generatorBound: boolean;
}

export const generatorSaturated = (r: LatencyResult) => r.generatorCpu > 0.9 || r.generatorLoopP99 > 200;

export const manyDocs: Scenario<ManyDocsResult> = {
  name: 'manydocs',
  title: `many documents × ${PER_DOC} editors, stepped`,
  targets: COLLAB_TARGETS,
  run: (ctx, target) => {
    const stepList = ctx.quick ? QUICK_STEPS : FULL_STEPS;
    return withInstance(
      () => launch(ctx.bench, target, { docs: stepList.at(-1)! }),
      async (instance) => {
        const steps: ManyDocsResult['steps'] = [];
        for (const docs of stepList) {
          const specs = Array.from({ length: docs * PER_DOC }, (_, i) => instance.spec(Math.floor(i / PER_DOC), `m${ctx.rep}-${docs}-${i}`, i % PER_DOC));
          const opened = await ctx.workers.open(specs);
          let result: LatencyResult;
          try {
            result = await measureLatency(
              ctx.workers,
              instance,
              { clientsPerDoc: PER_DOC, intervalMs: EDIT_INTERVAL_MS, warmMs: 2000, durationMs: ctx.quick ? 3000 : 8000, graceMs: 2000 },
              opened.failed,
            );
          } finally {
            await ctx.workers.all('closeAll');
          }
          steps.push({ docs, ...result });
          ctx.log(
            `  ${target} ${docs} docs: p99 ${result.p99.toFixed(0)} ms, errors ${errorsOf(result)}, generator cpu ${result.generatorCpu.toFixed(2)} loop p99 ${result.generatorLoopP99.toFixed(0)} ms`,
          );
          if (!(result.p99 <= P99_LIMIT_MS) || errorsOf(result) > 0) return { steps, brokeAt: docs, generatorBound: generatorSaturated(result) };
          await sleep(1000);
        }
        return { steps, brokeAt: null, generatorBound: false };
      },
    );
  },
};
