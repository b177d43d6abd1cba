// A private redis-server on a free port (no persistence), for tests that kill and restart Redis without
// touching the machine's. Null, with a loud notice, when no redis-server binary is installed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { waitFor } from './collab.ts';
import { freePort, type Cleanups } from './cluster.ts';

export interface PrivateRedis {
  url: string;
  /** Kills the server outright (SIGKILL): every connection drops, pub/sub subscriptions are gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and waits until it answers. */
  start(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export async function startPrivateRedis(what: string, cleanups: Cleanups): Promise<PrivateRedis | null> {
  if (spawnSync('redis-server', ['--version']).error) {
    console.warn(`!!! SKIPPED: ${what} — no redis-server binary to start a private Redis (apt-get install redis-server)`);
    return null;
  }
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const server: PrivateRedis = {
    url,
    start: async () => {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await waitFor(() => answers(url), 'the private Redis to answer', 10_000);
    },
    kill: async () => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    },
  };
  cleanups.push(() => server.kill());
  await server.start();
  return server;
}
