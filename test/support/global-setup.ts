// With CT_TEST_ENGINE=postgres: creates one fresh database for this run (dropped afterwards), migrates it,
// and hands its URL to the test files. With PGlite, each test file opens its own in-memory database.
import type { TestProject } from 'vitest/node';
import { createPostgresDatabase } from './scratch-db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.CT_TEST_ENGINE !== 'postgres') {
    project.provide('databaseUrl', null);
    return;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('CT_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
  const { url, drop } = await createPostgresDatabase(adminUrl, 'casustafel_test');
  project.provide('databaseUrl', url);
  return drop;
}
