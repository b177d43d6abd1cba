// Fan-out: one document, 50 editors each typing twice a second; latency of an edit reaching all 49 others.
import { type Scenario, withInstance } from '../scenario.ts';
import { COLLAB_TARGETS, launch } from '../targets.ts';
import { type LatencyResult, measureLatency } from './latency.ts';

const EDITORS = 50;

export const fanout: Scenario<LatencyResult> = {
  name: 'fanout',
  title: `fan-out: 1 document × ${EDITORS} editors`,
  targets: COLLAB_TARGETS,
  run: (ctx, target) =>
    withInstance(
      () => launch(ctx.bench, target, { docs: 1 }),
      async (instance) => {
        const specs = Array.from({ length: EDITORS }, (_, i) => instance.spec(0, `f${ctx.rep}-${i}`, i));
        const opened = await ctx.workers.open(specs);
        try {
          return await measureLatency(
            ctx.workers,
            instance,
            { clientsPerDoc: EDITORS, intervalMs: 500, warmMs: 2000, durationMs: ctx.quick ? 4000 : 10_000, graceMs: 2000 },
            opened.failed,
          );
        } finally {
          await ctx.workers.all('closeAll');
        }
      },
    ),
};
