#!/usr/bin/env node
// `npm test`: the whole suite.
//  1. unit + integration tests on embedded PGlite;
//  2. the same integration suite on PostgreSQL when TEST_DATABASE_URL is set (a fresh database per run);
//  3. the browser tests in Chromium (skipped loudly when Chromium is missing, unless CI_REQUIRE_BROWSER=1).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (label, cmd, args, env = {}) => {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n✗ ${label} failed`);
    process.exit(r.status ?? 1);
  }
};

const vitest = ['node_modules/vitest/vitest.mjs', 'run'];
const extra = process.argv.slice(2);

run('lint and format check (Biome)', 'node', ['node_modules/@biomejs/biome/bin/biome', 'ci', '--error-on-warnings', '.']);
run('typecheck', 'node', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
run('unit + integration on PGlite', 'node', [...vitest, ...extra], { CT_TEST_ENGINE: 'pglite' });

if (process.env.TEST_DATABASE_URL) {
  run('integration on PostgreSQL', 'node', [...vitest, 'test/integration', ...extra], { CT_TEST_ENGINE: 'postgres' });
} else {
  console.log('\n!!! SKIPPED: integration suite on PostgreSQL — set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run it.');
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  run('build client', 'node', ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
  run('browser tests (Chromium)', 'node', [...vitest, '--config', 'vitest.e2e.config.ts', ...extra], { CT_TEST_ENGINE: 'pglite', CHROMIUM_PATH: chromium });
} else if (process.env.CI_REQUIRE_BROWSER === '1') {
  console.error(`\n✗ Chromium not found at ${chromium}, and CI_REQUIRE_BROWSER=1 makes that a failure.`);
  process.exit(1);
} else {
  console.log(`\n!!! SKIPPED: browser tests — Chromium not found at ${chromium} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
}
console.log('\n✓ all test stages passed');
