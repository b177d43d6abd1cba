// What a scenario is: a name, the servers it runs against, and one measurement on one freshly started server.
import type { BenchContext, Instance, TargetName } from './targets.ts';
import type { Workers } from './workers.ts';

export interface RunContext {
  bench: BenchContext;
  workers: Workers;
  quick: boolean;
  /** Repetition number (0-based); client keys include it so tokens never repeat across runs. */
  rep: number;
  log: (line: string) => void;
}

export interface Scenario<R = unknown> {
  name: string;
  title: string;
  targets: readonly TargetName[];
  run(ctx: RunContext, target: TargetName): Promise<R>;
}

/** Runs `body` against a server started for it, and always stops the server and drops its data. */
export async function withInstance<T>(start: () => Promise<Instance>, body: (i: Instance) => Promise<T>): Promise<T> {
  const instance = await start();
  try {
    return await body(instance);
  } finally {
    await instance.dispose();
  }
}
