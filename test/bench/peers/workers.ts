// The load generator: worker processes (load-worker.ts, forked), so no client runs in a server's process or
// in the orchestrating one. Commands go to one worker or to all; clients are spread round robin.
import { type ChildProcess, fork } from 'node:child_process';
import type { ClientSpec } from './clients.ts';

const script = new URL('./load-worker.ts', import.meta.url).pathname;

export class Workers {
  private readonly procs: ChildProcess[];
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();

  constructor(count: number) {
    this.procs = Array.from({ length: count }, () => {
      const child = fork(script, [], { execArgv: ['--import', 'tsx', '--max-old-space-size=4096'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error) p?.reject(new Error(m.error));
        else p?.resolve(m.result);
      });
      return child;
    });
  }

  get size() {
    return this.procs.length;
  }

  pids(): number[] {
    return this.procs.map((p) => p.pid!);
  }

  send<T = any>(worker: number, cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.procs[worker]!.send({ id, cmd, ...args });
    });
  }

  all<T = any>(cmd: string, args: Record<string, unknown> = {}): Promise<T[]> {
    return Promise.all(this.procs.map((_, i) => this.send<T>(i, cmd, args)));
  }

  /** Opens `specs` spread over the workers; resolves when every client synced or failed. */
  async open(specs: ClientSpec[], timeoutMs = 60_000): Promise<{ opened: number; failed: number; syncMs: number[] }> {
    const parts = this.procs.map((_, w) => specs.filter((_, i) => i % this.procs.length === w));
    const results = await Promise.all(parts.map((p, w) => this.send(w, 'open', { specs: p, concurrency: 25, timeoutMs })));
    return {
      opened: results.reduce((n, r) => n + r.opened, 0),
      failed: results.reduce((n, r) => n + r.failed, 0),
      syncMs: results.flatMap((r) => r.syncMs),
    };
  }

  async close(): Promise<void> {
    for (const p of this.procs) p.kill('SIGKILL');
  }
}
