// Memory: 1,000 documents each held open by one idle client. Peak RSS over the server's life and RSS per
// open document ((RSS with all open − RSS after start) / documents), read from /proc.
import { type Scenario, withInstance } from '../scenario.ts';
import { rssOf, sleep } from '../stats.ts';
import { COLLAB_TARGETS, launch } from '../targets.ts';

export interface MemoryResult {
  docs: number;
  baseMb: number;
  openMb: number;
  peakMb: number;
  perDocKb: number;
  failedOpens: number;
}

const MB = 2 ** 20;

export const memory: Scenario<MemoryResult> = {
  name: 'memory',
  title: 'memory with 1,000 idle documents',
  targets: COLLAB_TARGETS,
  run: (ctx, target) => {
    const docs = ctx.quick ? 200 : 1000;
    return withInstance(
      () => launch(ctx.bench, target, { docs }),
      async (instance) => {
        await sleep(1000);
        const base = rssOf(instance.pid())!.rss;
        const opened = await ctx.workers.open(Array.from({ length: docs }, (_, d) => instance.spec(d, `i${ctx.rep}-${d}`, d)));
        await sleep(3000);
        const now = rssOf(instance.pid())!;
        await ctx.workers.all('closeAll');
        return {
          docs,
          baseMb: base / MB,
          openMb: now.rss / MB,
          peakMb: now.peak / MB,
          perDocKb: (now.rss - base) / docs / 1024,
          failedOpens: opened.failed,
        };
      },
    );
  },
};
