#!/usr/bin/env node
// Builds the server (and the operator commands) to plain ESM JavaScript in dist/server, so production
// runs with `node` alone (no tsx). Dependencies stay external: they load from node_modules as usual.
// dist/server/*.js sit two levels below the repository root like server/db/*.ts, so the migrations
// folder (../../migrations from the file) resolves the same way in both.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'server/main.ts', backup: 'server/ops/backup-cli.ts', restore: 'server/ops/restore-cli.ts' },
  outdir: 'dist/server',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
