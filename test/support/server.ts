// Starts the real app on port 0 against a real database: PGlite in memory (one per test file) or the
// run's PostgreSQL database (see global-setup.ts).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../server/config.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { startServer, type RunningServer, type StartOptions } from '../../server/server.ts';

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

/** Per test process, so spill files (updates a shutdown could not write) never cross into another test's database. */
export const TEST_DATA_DIR = join(tmpdir(), `casustafel-test-${process.pid}`);

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.CT_TEST_LOG ?? 'error',
      SECRET_KEY: 'test-secret-key-not-for-production',
      DATA_DIR: TEST_DATA_DIR,
      JOBS_TICK_SECONDS: '0',
    }),
    ...overrides,
  };
}

export interface TestServerOptions {
  database?: Database;
  config?: Partial<Config>;
  /** Captures the server's log lines (JSON) instead of writing them to stdout. */
  logDestination?: StartOptions['logDestination'];
  verifyPassword?: StartOptions['verifyPassword'];
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const database = opts.database ?? (await openTestDatabase());
  const config = testConfig(opts.config);
  const running = await startServer(config, { database, logDestination: opts.logDestination, verifyPassword: opts.verifyPassword });
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
      return startTestServer({ ...opts, database, config: { ...opts.config, port: running.port } });
    },
  };
}

/** Log lines captured from a server (pass `destination` as logDestination). */
export function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  return {
    lines,
    text: () => raw,
    destination: {
      write(chunk: string) {
        raw += chunk;
        for (const line of chunk.split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      },
    },
  };
}
