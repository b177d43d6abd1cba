// kill -9: 10 writers type a letter every 100 ms for 5 s, the server gets SIGKILL, is started again, and a fresh
// client counts what was stored. Lost: typed before the kill but not there. Acknowledged-and-lost: Casustafel
// clients ask for save acknowledgements (?acks=1); a keystroke the screen had shown as stored must never be lost.
import { type Scenario, withInstance } from '../scenario.ts';
import { sleep, wallNow } from '../stats.ts';
import { launch } from '../targets.ts';

const WRITERS = 10;

export interface DurabilityResult {
  typed: number;
  lost: number;
  /** Null where the server has no storage acknowledgement. */
  ackedLost: number | null;
  acked: number | null;
  restartFailed: string | null;
}

export const durability: Scenario<DurabilityResult> = {
  name: 'durability',
  title: `kill -9 after 5 s of typing by ${WRITERS} writers`,
  targets: ['casustafel-pg', 'casustafel-pglite', 'hocuspocus'],
  run: (ctx, target) =>
    withInstance(
      () => launch(ctx.bench, target, { docs: 1 }),
      async (instance) => {
        const acks = target.startsWith('casustafel');
        const keys = Array.from({ length: WRITERS }, (_, i) => `k${ctx.rep}-${i}`);
        await ctx.workers.open(keys.map((key, i) => instance.spec(0, key, i, { acks })));
        await ctx.workers.all('type', { intervalMs: 100, mode: 'keys' });
        await sleep(ctx.quick ? 3000 : 5000);
        const killAt = wallNow();
        await instance.kill9();
        const reports = (await ctx.workers.all<{ key: string; typed: number; acked: number | null }[]>('keysReport', { killAt })).flat();
        await ctx.workers.all('closeAll');
        try {
          await instance.restart();
        } catch (err) {
          const typed = reports.reduce((n, r) => n + r.typed, 0);
          return { typed, lost: typed, ackedLost: null, acked: null, restartFailed: String(err).slice(0, 300) };
        }
        const read = await ctx.workers.send<{ paragraphs: string[] }>(0, 'read', { spec: instance.spec(0, `r${ctx.rep}`, 0), timeoutMs: 60_000 });
        const stored = new Map<string, number>();
        for (const p of read.paragraphs) {
          const m = /^\[w([^\]]+)\](.*)$/.exec(p);
          if (m) stored.set(m[1]!, m[2]!.length);
        }
        let typed = 0;
        let lost = 0;
        let ackedLost = 0;
        let acked = 0;
        for (const r of reports) {
          const have = stored.get(r.key) ?? 0;
          typed += r.typed;
          lost += Math.max(0, r.typed - have);
          acked += r.acked ?? 0;
          ackedLost += Math.max(0, (r.acked ?? 0) - have);
        }
        return { typed, lost, ackedLost: acks ? ackedLost : null, acked: acks ? acked : null, restartFailed: null };
      },
    ),
};
