#!/usr/bin/env node
// `npm test`: the whole suite.
//  1. unit + integration tests on embedded PGlite;
//  2. the same integration suite on PostgreSQL when TEST_DATABASE_URL is set (a fresh database per run);
//  3. the browser tests in Chromium (skipped loudly when Chromium is missing, unless CI_REQUIRE_BROWSER=1).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (label, cmd, args, env = {}) => {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n✗ ${label} failed`);
    process.exit(r.status ?? 1);
  }
};

/**
 * A vitest stage, watched: vitest prints a line per test file, and no file here runs longer than a minute,
 * so a stage silent for STALL_MS has a stuck worker (seen on these machines: a freshly forked vitest worker
 * waiting forever on a file read while importing its test file, before any test ran, with nothing to time
 * it out). Such a stage is stopped and run once more, said loudly; a second stall, or any failure, fails.
 */
const STALL_MS = 240_000;
async function runVitest(label, args, env = {}) {
  for (let attempt = 1; ; attempt++) {
    console.log(`\n=== ${label}${attempt > 1 ? ' (again, after a stalled worker)' : ''} ===`);
    const child = spawn('node', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, detached: true });
    let last = Date.now();
    const relay = (to) => (d) => {
      last = Date.now();
      to.write(d);
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    // Its own process group (so a stall can stop the workers too); Ctrl-C or a SIGTERM to this runner still stops all of it.
    const interrupt = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        /* already gone */
      }
      process.exit(130);
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    let stalled = false;
    const watch = setInterval(() => {
      if (Date.now() - last < STALL_MS) return;
      stalled = true;
      console.error(`\n!!! ${label}: no output for ${STALL_MS / 1000} s — a test worker is stuck; stopping this stage.`);
      try {
        process.kill(-child.pid, 'SIGKILL'); // the whole group: vitest and its workers
      } catch {
        /* already gone */
      }
    }, 5_000);
    const code = await new Promise((resolve) => child.on('close', (c) => resolve(c)));
    clearInterval(watch);
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    if (stalled && attempt === 1) continue;
    if (code !== 0 || stalled) {
      console.error(`\n✗ ${label} failed${stalled ? ' (stalled twice)' : ''}`);
      process.exit(code || 1);
    }
    return;
  }
}

const vitest = ['node_modules/vitest/vitest.mjs', 'run'];
const extra = process.argv.slice(2);

run('lint and format check (Biome)', 'node', ['node_modules/@biomejs/biome/bin/biome', 'ci', '--error-on-warnings', '.']);
run('typecheck', 'node', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
await runVitest('unit + integration on PGlite', [...vitest, ...extra], { CT_TEST_ENGINE: 'pglite' });

if (process.env.TEST_DATABASE_URL) {
  await runVitest('integration on PostgreSQL', [...vitest, 'test/integration', ...extra], { CT_TEST_ENGINE: 'postgres' });
} else {
  console.log('\n!!! SKIPPED: integration suite on PostgreSQL — set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run it.');
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  run('build client', 'node', ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
  await runVitest('browser tests (Chromium)', [...vitest, '--config', 'vitest.e2e.config.ts', ...extra], { CT_TEST_ENGINE: 'pglite', CHROMIUM_PATH: chromium });
} else if (process.env.CI_REQUIRE_BROWSER === '1') {
  console.error(`\n✗ Chromium not found at ${chromium}, and CI_REQUIRE_BROWSER=1 makes that a failure.`);
  process.exit(1);
} else {
  console.log(`\n!!! SKIPPED: browser tests — Chromium not found at ${chromium} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
}
console.log('\n✓ all test stages passed');
