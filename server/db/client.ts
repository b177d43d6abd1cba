// Opens the database: PostgreSQL through postgres-js when a URL is given, else embedded PGlite.
import { mkdirSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; domain functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  /** This process's connections (PostgreSQL): open, busy, pool maximum. Null on PGlite (one in-process connection). */
  poolStats(): Promise<{ open: number; busy: number; max: number } | null>;
  close(): Promise<void>;
  /** True when `SELECT 1` answers within `timeoutMs` (health check). */
  ping(timeoutMs: number): Promise<boolean>;
}

/** The rows of a raw `db.execute(sql…)`: postgres-js answers an array, PGlite an object with `rows`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

export const migrationsFolder = new URL('../../migrations', import.meta.url).pathname;

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data directory; `memory://` for an in-memory database. */
  dataDir: string;
  /** A PostgreSQL connection silent this long while a query is outstanding is destroyed; also the statement_timeout. */
  queryTimeoutMs?: number;
  /** TCP connect + startup bound for PostgreSQL. */
  connectTimeoutMs?: number;
  /** Sees every statement drizzle sends (tests count the queries behind a route with it). */
  queryLog?: { logQuery(query: string, params: unknown[]): void };
}

/**
 * A database error as it may be logged: drizzle's message repeats the query's parameters (document bytes,
 * personal data), so only the driver's own message and code are kept.
 */
export function describeDbError(err: unknown): string {
  const e = err as { cause?: unknown; message?: string; code?: string } | undefined;
  if (e?.cause && e.cause !== err) return describeDbError(e.cause);
  const message = String(e?.message ?? err)
    .split('\nparams:')[0]!
    .replace(/^Failed query: [\s\S]*/, 'query failed');
  return e?.code ? `${message} (${e.code})` : message;
}

/** Rejects with a timeout error when `promise` takes longer than `ms` (the promise itself keeps running). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} timed out after ${ms} ms`), { code: 'TIMEOUT' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A TCP socket for postgres-js that is destroyed when the database goes silent. A connection that dies
 * without a RST (failover, a firewall dropping state) otherwise leaves postgres-js waiting forever: TCP
 * keepalive does not fire while a request is unanswered, and postgres-js has no query timeout. Node's
 * socket timeout fires after `silenceMs` without traffic; an idle pooled connection is closed earlier by
 * postgres-js's idle_timeout, and a legitimately slow query is cancelled earlier by statement_timeout, so
 * this only ever cuts connections that stopped answering. The pending query then fails and the pool
 * opens a fresh connection for the next one.
 */
function silenceBoundedSocket(silenceMs: number) {
  return (options: { host: string[]; port: number[]; path?: string | false }): Socket => {
    const socket = options.path ? netConnect(options.path) : netConnect(options.port[0]!, options.host[0]!);
    socket.setTimeout(silenceMs, () =>
      socket.destroy(Object.assign(new Error(`database connection silent for ${silenceMs} ms`), { code: 'CONNECTION_SILENT' })),
    );
    return socket;
  };
}

let pools = 0;
/** The advisory lock key of schema migrations (any constant unique to this application). */
const MIGRATION_LOCK = 7_305_114_221;

/**
 * PGlite's PostgreSQL memory, inside its WebAssembly heap (which never shrinks). PostgreSQL's defaults are
 * sized for a server with many backends: 128 MB of shared buffers alone made an embedded Casustafel ~290 MB
 * at rest. One backend and a small database need far less; the OS page cache still holds the data files.
 * Given as `-c` start parameters: PGlite's `postgresqlconf` option would overwrite the data directory's
 * postgresql.conf and lose initdb's settings (time zone, date style, locale).
 */
export const PGLITE_MEMORY_SETTINGS = [
  'shared_buffers=16MB',
  'wal_buffers=1MB',
  'temp_buffers=2MB',
  'work_mem=2MB',
  'maintenance_work_mem=16MB',
  'max_connections=3',
];

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  // Only the engine in use is loaded: PGlite's WebAssembly glue and its drizzle driver cost a PostgreSQL
  // deployment memory for nothing, and postgres-js an embedded one.
  if (opts.databaseUrl) {
    const [{ default: postgres }, { drizzle: drizzlePostgres }, { migrate: migratePostgres }] = await Promise.all([
      import('postgres'),
      import('drizzle-orm/postgres-js'),
      import('drizzle-orm/postgres-js/migrator'),
    ]);
    const max = 10;
    // A name per pool, so pg_stat_activity tells this pool's connections apart (metrics).
    const applicationName = `casustafel-${process.pid}-${++pools}`;
    const queryTimeoutMs = opts.queryTimeoutMs ?? 15_000;
    const client = postgres(opts.databaseUrl, {
      max,
      onnotice: () => {},
      // Seconds. Idle pooled connections close before the silence bound below could hit them.
      idle_timeout: Math.max(0.2, (queryTimeoutMs * 0.6) / 1000),
      connect_timeout: (opts.connectTimeoutMs ?? 10_000) / 1000,
      // TCP keepalive (seconds): finds dead peers of idle connections, e.g. after a failover.
      keep_alive: 10,
      // The server cancels slow statements itself, with a proper error, before the socket bound fires.
      connection: { application_name: applicationName, statement_timeout: Math.max(100, queryTimeoutMs - 500) },
      // Supported by postgres-js 3.4 (see its README, "socket"), missing from its types.
      ...({ socket: silenceBoundedSocket(queryTimeoutMs) } as object),
    });
    const db = drizzlePostgres(client, { schema, logger: opts.queryLog });
    return {
      db: db as unknown as Db,
      engine: 'postgres',
      poolStats: async () => {
        const [row] = await client<{ open: number; busy: number }[]>`
          select count(*)::int as open, count(*) filter (where state <> 'idle')::int as busy
          from pg_stat_activity where application_name = ${applicationName}`;
        // The stats query itself holds one busy connection.
        return row ? { open: row.open, busy: Math.max(0, row.busy - 1), max } : null;
      },
      // Several processes starting at once (a cluster, a rolling deploy) migrate one after the other: a session-level
      // advisory lock held on a reserved connection while the migrator runs on the pool; the next one finds it done.
      migrate: async () => {
        const lock = await client.reserve();
        try {
          await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
          await migratePostgres(db, { migrationsFolder });
        } finally {
          await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
          lock.release();
        }
      },
      close: () => client.end({ timeout: Math.min(5, queryTimeoutMs / 1000) }),
      ping: (timeoutMs) =>
        withTimeout(client`select 1`.execute(), timeoutMs, 'database ping').then(
          () => true,
          () => false,
        ),
    };
  }
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  if (!opts.dataDir.startsWith('memory://')) mkdirSync(opts.dataDir, { recursive: true });
  // PGlite plans every statement anew (no plan cache over its protocol), on this process's own CPU. Our joins
  // are written driving table first, so the planner may keep that order instead of searching all of them
  // (join_collapse_limit=1): the board (eleven tables joined) costs 1.7 ms instead of 2.7 ms of CPU (measured).
  const client = await PGlite.create(opts.dataDir, {
    startParams: [...PGlite.defaultStartParams, ...[...PGLITE_MEMORY_SETTINGS, 'join_collapse_limit=1'].flatMap((setting) => ['-c', setting])],
  });
  const db = drizzlePglite(client, { schema, logger: opts.queryLog });
  return {
    db: db as unknown as Db,
    engine: 'pglite',
    poolStats: async () => null,
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
    // PGlite runs in this process, but one query at a time: a long transaction makes every other call wait.
    ping: (timeoutMs) =>
      withTimeout(client.query('select 1'), timeoutMs, 'database ping').then(
        () => true,
        () => false,
      ),
  };
}
