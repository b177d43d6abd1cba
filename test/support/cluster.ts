// Several production server processes (dist/server/main.js, plain node) behind a tiny TCP proxy, for
// restart tests: round robin over the backends, skipping one that no longer accepts connections.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { waitFor } from './collab.ts';

const root = new URL('../../', import.meta.url).pathname;

export type Cleanups = (() => Promise<void> | void)[];

export async function runCleanups(cleanups: Cleanups) {
  for (const c of cleanups.reverse()) await c();
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * Round robin over the backends that answer /api/ready (checked every 100 ms, like a load balancer's
 * readiness probe); a backend that refuses the connection is skipped.
 */
export function tcpProxy(backends: number[], cleanups: Cleanups): Promise<{ port: number; server: Server; openTo: (backend: number) => number }> {
  let next = 0;
  const sockets = new Set<Socket>();
  /** Open client connections per backend port. */
  const open = new Map<number, number>();
  const ready = new Set(backends);
  const probe = setInterval(() => {
    for (const port of backends) {
      fetch(`http://127.0.0.1:${port}/api/ready`, { signal: AbortSignal.timeout(1_000) }).then(
        (res) => (res.status === 200 ? ready.add(port) : ready.delete(port)),
        () => ready.delete(port),
      );
    }
  }, 100);
  const pick = () => {
    const candidates = backends.filter((p) => ready.has(p));
    const from = candidates.length ? candidates : backends;
    return from[next++ % from.length]!;
  };
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.pause();
    const attempt = (tries: number) => {
      if (client.destroyed) return;
      const port = pick();
      const upstream = connect(port, '127.0.0.1');
      // Only a failed connect is retried; an error on an established connection ends the client's too.
      const retry = () => {
        if (tries < backends.length * 3) setTimeout(() => attempt(tries + 1), tries < backends.length ? 0 : 50);
        else client.destroy();
      };
      upstream.once('error', retry);
      upstream.once('connect', () => {
        upstream.off('error', retry);
        open.set(port, (open.get(port) ?? 0) + 1);
        upstream.once('close', () => open.set(port, open.get(port)! - 1));
        client.pipe(upstream).pipe(client);
        client.resume();
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
      });
    };
    attempt(0);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      cleanups.push(() => {
        clearInterval(probe);
        for (const s of sockets) s.destroy();
        server.close();
      });
      resolve({ port: (server.address() as AddressInfo).port, server, openTo: (backend) => open.get(backend) ?? 0 });
    }),
  );
}

export interface Proc {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

export function startProcess(port: number, env: Record<string, string>, cleanups: Cleanups): Proc {
  const { NODE_ENV: _n, DATABASE_URL: _d, REDIS_URL: _r, ...inherited } = process.env;
  const child = spawn('node', ['dist/server/main.js'], {
    cwd: root,
    env: { ...inherited, ...env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', PUBLIC_ORIGIN: 'http://127.0.0.1', LOG_LEVEL: 'warn' },
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { child, exited, output: () => out };
}

export async function ready(port: number, proc: Proc) {
  await waitFor(
    async () => {
      if (proc.child.exitCode !== null) throw new Error(`server exited: ${proc.output()}`);
      return (await fetch(`http://127.0.0.1:${port}/api/ready`).catch(() => null))?.status === 200;
    },
    'a ready process',
    60_000,
  );
}
