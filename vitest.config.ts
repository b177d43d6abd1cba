import { defineConfig } from 'vitest/config';

// Unit, integration and demo-data tests (real server on port 0, real database). The engine is chosen by
// CT_TEST_ENGINE (pglite | postgres); test/run.mjs runs the suite once per engine.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/demo/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
