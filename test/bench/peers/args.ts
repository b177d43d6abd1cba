// Command line of `npm run bench:peers`: --only a,b  --reps N  --quick  --servers a,b  --workers N.
import { parseArgs } from 'node:util';

export const SCENARIO_NAMES = ['fanout', 'manydocs', 'durability', 'coldload', 'memory', 'requests'] as const;

export interface BenchArgs {
  only: string[];
  reps: number;
  quick: boolean;
  servers: string[] | null;
  workers: number;
}

export function benchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      reps: { type: 'string' },
      quick: { type: 'boolean', default: false },
      servers: { type: 'string' },
      workers: { type: 'string' },
    },
  });
  const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim().toLowerCase().replace(/-/g, '')) : null);
  const only = list(values.only) ?? [...SCENARIO_NAMES];
  const unknown = only.filter((o) => !(SCENARIO_NAMES as readonly string[]).includes(o));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; choose from ${SCENARIO_NAMES.join(', ')}`);
  return {
    only,
    reps: Number(values.reps ?? 3),
    quick: values.quick ?? false,
    servers: values.servers ? values.servers.split(',').map((s) => s.trim()) : null,
    workers: Number(values.workers ?? 2),
  };
}
