// Databases of their own for a test run or a benchmark: a fresh PostgreSQL database next to an admin URL
// (created, migrated, dropped afterwards), or an in-memory PGlite.
import postgres from 'postgres';
import { openDatabase, type Database } from '../../server/db/client.ts';

/** Creates and migrates a new PostgreSQL database; `drop()` removes it. */
export async function createPostgresDatabase(adminUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = '/' + name;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  await database.migrate();
  await database.close();
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export type Engine = 'PGlite' | 'PostgreSQL';

/** The engines a benchmark runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function benchEngines(): Engine[] {
  if (!process.env.TEST_DATABASE_URL) console.log('(PostgreSQL skipped: set TEST_DATABASE_URL to include it)');
  return process.env.TEST_DATABASE_URL ? ['PGlite', 'PostgreSQL'] : ['PGlite'];
}

/** An open, migrated database on `engine`; `dispose()` closes it (and drops a PostgreSQL one). */
export async function openScratchDatabase(engine: Engine): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (engine === 'PGlite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    return { database, dispose: () => database.close() };
  }
  const created = await createPostgresDatabase(process.env.TEST_DATABASE_URL!, 'casustafel_bench');
  const database = await openDatabase({ databaseUrl: created.url, dataDir: '' });
  return {
    database,
    dispose: async () => {
      await database.close();
      await created.drop();
    },
  };
}

/**
 * A database of one test's own, for tests that change installation-wide state (settings, jobs that scan every
 * household): PGlite in memory, or a scratch PostgreSQL database when the run is on PostgreSQL (`url` then lets a
 * second server process open its own pool on it). Closing it drops a scratch database.
 */
export async function isolatedDatabase(prefix: string): Promise<Database & { url: string | null }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl || process.env.CT_TEST_ENGINE !== 'postgres') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    return Object.assign(database, { url: null });
  }
  const scratch = await createPostgresDatabase(adminUrl, prefix);
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '' });
  const close = database.close.bind(database);
  return Object.assign(database, {
    url: scratch.url,
    close: async () => {
      await close();
      await scratch.drop();
    },
  });
}
