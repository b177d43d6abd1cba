// Fan-out: one document, 50 editors each typing twice a second; latency of an edit reaching all 49 others.
// Also Casustafel as two processes on one PostgreSQL and Redis with the editors split between them (every
// other editor on each): the same latency, plus deliveries within a process and across the two.
import { type Scenario, withInstance } from '../scenario.ts';
import { COLLAB_TARGETS, launch, TWO_PROCESSES } from '../targets.ts';
import { type LatencyResult, measureLatency } from './latency.ts';

export const FANOUT_EDITORS = 50;

export const fanout: Scenario<LatencyResult> = {
  name: 'fanout',
  title: `fan-out: 1 document × ${FANOUT_EDITORS} editors`,
  targets: [...COLLAB_TARGETS, TWO_PROCESSES],
  run: (ctx, target) =>
    withInstance(
      () => launch(ctx.bench, target, { docs: 1 }),
      async (instance) => {
        const specs = Array.from({ length: FANOUT_EDITORS }, (_, i) => instance.spec(0, `f${ctx.rep}-${i}`, i));
        const opened = await ctx.workers.open(specs);
        try {
          return await measureLatency(
            ctx.workers,
            instance,
            { clientsPerDoc: FANOUT_EDITORS, intervalMs: 500, warmMs: 2000, durationMs: ctx.quick ? 4000 : 10_000, graceMs: 2000 },
            opened.failed,
          );
        } finally {
          await ctx.workers.all('closeAll');
        }
      },
    ),
};
