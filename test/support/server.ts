// Starts the real app on port 0 against a real database: PGlite in memory (one per test file) or the
// run's PostgreSQL database (see global-setup.ts).
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../server/config.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { startServer, type RunningServer } from '../../server/server.ts';

export interface TestServer extends RunningServer {
  database: Database;
  /** Stops the server only; the database stays open (for restart tests). */
  stop(): Promise<void>;
  restart(): Promise<TestServer>;
}

export async function openTestDatabase(): Promise<Database> {
  const url = inject('databaseUrl');
  const database = await openDatabase({ databaseUrl: url ?? undefined, dataDir: 'memory://' });
  if (!url) await database.migrate();
  return database;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.CT_TEST_LOG ?? 'error' }), ...overrides };
}

export async function startTestServer(opts: { database?: Database; config?: Partial<Config> } = {}): Promise<TestServer> {
  const database = opts.database ?? (await openTestDatabase());
  const config = testConfig(opts.config);
  const running = await startServer(config, { database });
  const stop = () => running.close();
  return {
    ...running,
    database,
    stop,
    async close() {
      await running.close();
      if (!opts.database) await database.close();
    },
    restart: async () => {
      await running.close();
      // Same port, so clients that were connected can reconnect to the restarted server.
      return startTestServer({ database, config: { ...opts.config, port: running.port } });
    },
  };
}
