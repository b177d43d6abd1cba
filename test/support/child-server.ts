// The real server as a child process (`node --import tsx server/main.ts`), for what only a process can
// show: SIGTERM handling and kill -9. Data comes from a PostgreSQL URL or a PGlite directory on disk.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { waitFor } from './collab.ts';

export interface ChildServer {
  url: string;
  port: number;
  proc: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  output(): string;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts the server and waits until /api/health answers 200. `env` adds to (and overrides) the defaults. */
export async function startChildServer(env: Record<string, string>, port?: number): Promise<ChildServer> {
  const p = port ?? (await freePort());
  const root = new URL('../../', import.meta.url).pathname;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(p),
      HOST: '127.0.0.1',
      SEED_DEMO: 'never',
      LOG_LEVEL: 'warn',
      STATIC_DIR: new URL('../../dist/client', import.meta.url).pathname,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${p}`;
  await waitFor(
    async () => {
      if (gone) throw new Error(`server exited at start:\n${out}`);
      return fetch(url + '/api/health').then(
        (r) => r.status === 200,
        () => false,
      );
    },
    'child server to answer',
    90_000,
  );
  return { url, port: p, proc, exited, output: () => out };
}

/** Id of a demo household (by reference) and its plan, read through the API as `api`'s user. */
export async function demoPlanVia(
  api: { get(path: string): Promise<{ status: number; body: any }> },
  reference: string,
): Promise<{ householdId: string; planId: string }> {
  const list = await api.get('/api/households');
  const household = (list.body.households as { id: string; reference: string }[]).find((h) => h.reference === reference);
  if (!household) throw new Error(`no demo household ${reference}`);
  const detail = await api.get(`/api/households/${household.id}`);
  const plan = (detail.body.household.documents as { id: string; kind: string }[]).find((d) => d.kind === 'plan');
  return { householdId: household.id, planId: plan!.id };
}
