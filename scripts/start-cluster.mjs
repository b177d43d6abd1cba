#!/usr/bin/env node
// `npm run start:cluster [-- --processes N]`: N server processes (default 2) of the built server on consecutive
// ports from PORT (default 3000), sharing one PostgreSQL database (DATABASE_URL) and one Redis (REDIS_URL), for
// trying Casustafel behind a load balancer (README: "Several processes"). Each line of a process's log is
// prefixed with its number and port. It builds first, like `npm start`. The first process starts (and migrates the database) alone; the others
// start once it is ready. Ctrl-C (or SIGTERM) stops them all gracefully; a process that dies is reported and
// the others keep serving.
import { spawn, spawnSync } from 'node:child_process';
import { SERVER_NODE_FLAGS } from './server-node-flags.mjs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { processes: { type: 'string', short: 'n', default: '2' } } });
const count = Number(values.processes);
if (!Number.isInteger(count) || count < 1 || count > 32) {
  process.stderr.write('start:cluster: --processes must be a whole number from 1 to 32\n');
  process.exit(1);
}
const missing = ['DATABASE_URL', 'REDIS_URL'].filter((name) => !process.env[name]);
if (missing.length) {
  process.stderr.write(
    `start:cluster needs ${missing.join(' and ')}: the processes share one PostgreSQL database (DATABASE_URL) and one Redis (REDIS_URL), e.g.\n` +
      '  DATABASE_URL=postgres://casustafel@127.0.0.1:5432/casustafel REDIS_URL=redis://127.0.0.1:6379 npm run start:cluster\n',
  );
  process.exit(1);
}
// Build only once the settings are known to be there (like `npm start`, it runs what it just built).
if (spawnSync('npm', ['run', 'build'], { cwd: new URL('../', import.meta.url).pathname, stdio: 'inherit' }).status !== 0) {
  process.stderr.write('start:cluster: the build failed\n');
  process.exit(1);
}
const basePort = Number(process.env.PORT ?? 3000);
const probeHost = !process.env.HOST || process.env.HOST === '0.0.0.0' ? '127.0.0.1' : process.env.HOST;
const root = new URL('../', import.meta.url).pathname;
const children = new Map();
let stopping = false;

function start(index) {
  const port = basePort + index;
  const prefix = `[p${index + 1}:${port}]`;
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'dist/server/main.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    createInterface({ input: stream }).on('line', (line) => out.write(`${prefix} ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    children.delete(index);
    if (!stopping) process.stderr.write(`${prefix} exited (${signal ?? `code ${code}`}); the other processes keep serving\n`);
    if (children.size === 0) process.exit(stopping ? 0 : 1);
  });
  children.set(index, child);
  return `http://${probeHost}:${port}/api/ready`;
}

async function ready(url, index) {
  for (let i = 0; i < 600; i++) {
    if (!children.has(index)) return false;
    const status = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`start:cluster: stopping ${children.size} process(es)\n`);
    for (const child of children.values()) child.kill('SIGTERM');
  });
}

// The first process migrates the database; the others start once it is ready.
if (!(await ready(start(0), 0))) {
  process.stderr.write('start:cluster: the first process did not become ready; stopping\n');
  stopping = true;
  for (const child of children.values()) child.kill('SIGTERM');
} else {
  const urls = Array.from({ length: count - 1 }, (_, i) => [start(i + 1), i + 1]);
  const states = await Promise.all(urls.map(([url, index]) => ready(url, index)));
  const up = 1 + states.filter(Boolean).length;
  process.stdout.write(
    `start:cluster: ${up} of ${count} processes ready on ports ${basePort}–${basePort + count - 1}; put a load balancer in front (README: "Several processes")\n`,
  );
}
