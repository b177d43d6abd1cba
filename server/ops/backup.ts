// Backup and restore of the whole database, for both engines.
// PostgreSQL: pg_dump's custom format (schema, data, the audit trigger, drizzle's migration log), restored
// with pg_restore in one transaction. PGlite: its data-dir dump (a gzipped tar of the cluster), loaded
// into a new data dir. A restore goes only into an empty database unless `force` is given.
// Connection settings go to pg_dump/pg_restore through PG* environment variables, never the command
// line (other users of the machine can read command lines), and nothing here prints them.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFile, writeFile } from 'node:fs/promises';
import postgres from 'postgres';

export interface BackupTarget {
  /** PostgreSQL URL; unset → the embedded PGlite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
}

export class BackupError extends Error {}

const PG_MAGIC = 'PGDMP';
const GZIP_MAGIC = [0x1f, 0x8b];

/** PG* variables for libpq tools, from a postgres:// URL. */
export function libpqEnv(databaseUrl: string): Record<string, string> {
  const u = new URL(databaseUrl);
  const env: Record<string, string> = {};
  if (u.hostname) env.PGHOST = decodeURIComponent(u.hostname);
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const db = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (db) env.PGDATABASE = db;
  const sslmode = u.searchParams.get('sslmode') ?? u.searchParams.get('ssl');
  if (sslmode) env.PGSSLMODE = sslmode === 'true' ? 'require' : sslmode;
  return env;
}

function run(cmd: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (err) =>
      reject(
        new BackupError((err as NodeJS.ErrnoException).code === 'ENOENT' ? `${cmd} is not installed (Debian: apt-get install postgresql-client)` : String(err)),
      ),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${cmd} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`)),
    );
  });
}

/** Tables in the application's schemas; zero means an empty database. */
async function postgresTableCount(databaseUrl: string): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`;
    return row?.n ?? 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Files of DATA_DIR that are not part of the database (tar member names as PGlite writes them). */
const KEPT_OUT = new Set(['/secret.key', 'secret.key']);

/** A tar archive without the named members (ustar blocks of 512 bytes; a pax header goes with its member). */
export function withoutEntries(tar: Uint8Array, names: Set<string>): Uint8Array {
  const out: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) {
      out.push(...pending, tar.subarray(at));
      pending = [];
      break;
    }
    const text = (from: number, len: number) => new TextDecoder().decode(header.subarray(from, from + len)).replace(/\0.*$/s, '');
    const size = Number.parseInt(text(124, 12).trim() || '0', 8);
    const end = at + 512 + Math.ceil(size / 512) * 512;
    const block = tar.subarray(at, end);
    const type = String.fromCharCode(header[156]!);
    const prefix = text(345, 155);
    const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
    if (type === 'x' || type === 'L') pending.push(block);
    else {
      if (!names.has(name)) out.push(...pending, block);
      pending = [];
    }
    at = end;
  }
  const result = new Uint8Array(out.reduce((n, b) => n + b.length, 0));
  let offset = 0;
  for (const b of out) {
    result.set(b, offset);
    offset += b.length;
  }
  return result;
}

/** A PGlite instance has DATA_DIR open (a running server; or one that crashed, until it is started again). */
function pgliteInUse(dir: string): boolean {
  return existsSync(join(dir, 'postmaster.pid'));
}
const IN_USE = 'DATA_DIR is in use by a running server: stop it first (after a crash, start and stop it once)';

/** No PGlite cluster in DATA_DIR (other files there, like the spill folder, do not count). */
function dataDirEmpty(dir: string): boolean {
  return !existsSync(join(dir, 'PG_VERSION'));
}

/** Writes a backup of the configured database to `file`. PGlite: the server must not be running on dataDir. */
export async function backup(target: BackupTarget, file: string): Promise<{ engine: 'postgres' | 'pglite'; bytes: number }> {
  if (target.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', file], libpqEnv(target.databaseUrl));
    return { engine: 'postgres', bytes: (await readFile(file)).byteLength };
  }
  if (dataDirEmpty(target.dataDir)) throw new BackupError('DATA_DIR holds no database to back up');
  // Two PGlite instances on one data dir would corrupt it.
  if (pgliteInUse(target.dataDir)) throw new BackupError(IN_USE);
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create(target.dataDir);
  try {
    const dump = await pg.dumpDataDir('gzip');
    // The dump is the whole DATA_DIR; the secret key stays out of database backups (kept apart, see README).
    const bytes = gzipSync(withoutEntries(gunzipSync(new Uint8Array(await dump.arrayBuffer())), KEPT_OUT));
    await writeFile(file, bytes);
    return { engine: 'pglite', bytes: bytes.byteLength };
  } finally {
    await pg.close();
  }
}

export interface RestoreOptions {
  /** Replace a database that is not empty (PostgreSQL: drops the application's schemas; PGlite: moves the old data dir aside). */
  force?: boolean;
}

/** Restores `file` (made by backup() on the same engine) into the configured database. Stop the servers first. */
export async function restore(target: BackupTarget, file: string, opts: RestoreOptions = {}): Promise<{ engine: 'postgres' | 'pglite'; replaced?: string }> {
  const head = new Uint8Array(await readFile(file).then((b) => b.subarray(0, 5)));
  const isPgDump = new TextDecoder().decode(head) === PG_MAGIC;
  const isGzip = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];

  if (target.databaseUrl) {
    if (!isPgDump) throw new BackupError('the file is not a PostgreSQL backup (pg_dump custom format); PGlite backups restore only into DATA_DIR');
    if ((await postgresTableCount(target.databaseUrl)) > 0) {
      if (!opts.force) throw new BackupError('the database is not empty; restore into an empty database, or pass --force to replace its contents');
      const sql = postgres(target.databaseUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe('drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;');
      } finally {
        await sql.end({ timeout: 5 });
      }
    }
    await run(
      'pg_restore',
      ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--dbname', libpqEnv(target.databaseUrl).PGDATABASE ?? '', file],
      libpqEnv(target.databaseUrl),
    );
    return { engine: 'postgres' };
  }

  if (!isGzip) throw new BackupError('the file is not a PGlite backup (gzipped data dir); PostgreSQL backups restore only into DATABASE_URL');
  let replaced: string | undefined;
  if (!dataDirEmpty(target.dataDir)) {
    if (!opts.force) throw new BackupError('DATA_DIR already holds a database; restore into an empty DATA_DIR, or pass --force to move the old one aside');
    if (pgliteInUse(target.dataDir)) throw new BackupError(IN_USE);
    replaced = `${target.dataDir.replace(/\/+$/, '')}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target.dataDir, replaced);
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create(target.dataDir, { loadDataDir: new Blob([await readFile(file)]) });
  try {
    await pg.query('select 1');
  } finally {
    await pg.close();
  }
  // The installation's secret key is not in the backup; keep the one of the data dir this replaces.
  if (replaced && existsSync(join(replaced, 'secret.key'))) copyFileSync(join(replaced, 'secret.key'), join(target.dataDir, 'secret.key'));
  return { engine: 'pglite', replaced };
}
