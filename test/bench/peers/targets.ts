// The servers under test, each a process of its own started fresh for every measurement: Casustafel's
// production build on PostgreSQL (a scratch database) and on PGlite (a temp DATA_DIR), the same build as two
// processes on one PostgreSQL and Redis (fan-out across processes), Hocuspocus with its database extension on
// the same PostgreSQL, the bare @y/websocket-server relay, and the request floor.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import * as Y from 'yjs';
import { SERVER_NODE_FLAGS } from '../../../scripts/server-node-flags.mjs';
import { openDatabase } from '../../../server/db/client.ts';
import { freePort } from '../../support/cluster.ts';
import { waitFor } from '../../support/collab.ts';
import { createPostgresDatabase } from '../../support/scratch-db.ts';
import type { ClientSpec } from './clients.ts';
import { type CasustafelFixture, type CollabSeed, type HttpSeed, seedCasustafel } from './fixtures.ts';

export const COLLAB_TARGETS = ['casustafel-pg', 'casustafel-pglite', 'hocuspocus', 'relay'] as const;
/** Two Casustafel processes on one PostgreSQL and Redis, clients split between them (fan-out only). */
export const TWO_PROCESSES = 'casustafel-pg-2proc';
export type TargetName = (typeof COLLAB_TARGETS)[number] | typeof TWO_PROCESSES | 'floor-pg' | 'floor-pglite';

export const LABELS: Record<TargetName, string> = {
  'casustafel-pg': 'Casustafel (PostgreSQL)',
  'casustafel-pglite': 'Casustafel (PGlite)',
  'casustafel-pg-2proc': 'Casustafel, 2 processes (PostgreSQL + Redis)',
  hocuspocus: 'Hocuspocus 4.7 + database ext. (PostgreSQL)',
  relay: '@y/websocket-server 0.1.1 (memory)',
  'floor-pg': 'Hono + 1 SELECT (PostgreSQL)',
  'floor-pglite': 'Hono + 1 SELECT (PGlite)',
};

export interface BenchContext {
  adminUrl: string;
  /** A temp folder of this run (PGlite data, spill folders, the template). */
  tmp: string;
  templateFile: string;
  admin: postgres.Sql;
  /** Redis for the 2-process target (BENCH_REDIS_URL, else TEST_REDIS_URL, else the local default). */
  redisUrl: string;
}

const root = new URL('../../../', import.meta.url).pathname;
const here = new URL('./', import.meta.url).pathname;

export interface Instance {
  name: TargetName;
  base: string;
  pid(): number;
  /** Every server process of the target (one, except for the 2-process target). */
  pids(): number[];
  /** Document names (Casustafel: plan ids). */
  docs: string[];
  fixture?: CasustafelFixture;
  /** A client of document `doc` as editor number `editor` (Casustafel: that editor's session). */
  spec(doc: number, key: string, editor: number, opts?: { acks?: boolean }): ClientSpec;
  /** PostgreSQL backends serving this server (for its database CPU); empty on PGlite and the relay. */
  dbPids(): Promise<number[]>;
  kill9(): Promise<void>;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

interface Proc {
  child: ChildProcess;
  output: () => string;
}

/** PEERS_NODE_ARGS go to the servers only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` for a profile of each. */
const serverNodeArgs = (process.env.PEERS_NODE_ARGS ?? '').split(' ').filter(Boolean);

function spawnNode(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [...serverNodeArgs, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, output: () => out };
}

async function until(proc: Proc, url: string) {
  await waitFor(
    async () => {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) throw new Error(`server exited at start:\n${proc.output()}`);
      return (await fetch(url, { signal: AbortSignal.timeout(2000) }).catch(() => null))?.status === 200;
    },
    `${url} to answer`,
    120_000,
  );
}

async function stopProc(proc: Proc, signal: NodeJS.Signals) {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = new Promise((r) => proc.child.once('exit', r));
  proc.child.kill(signal);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
}

/** A server process that can be killed and started again on the same port and data; `cleanup` runs if it cannot start. */
async function managed(args: string[], env: Record<string, string>, readyPath: string, cleanup: () => Promise<unknown> = async () => {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let proc: Proc;
  const start = async () => {
    proc = spawnNode(args, { ...env, PORT: String(port) });
    await until(proc, base + readyPath);
  };
  try {
    await start();
  } catch (err) {
    await stopProc(proc!, 'SIGKILL');
    await cleanup();
    throw err;
  }
  return {
    base,
    port,
    pid: () => proc.child.pid!,
    kill9: async () => stopProc(proc, 'SIGKILL'),
    restart: start,
    stop: async () => stopProc(proc, 'SIGTERM'),
    output: () => proc.output(),
  };
}

/** What an instance of one server process says of that process. */
const oneProcess = (server: Awaited<ReturnType<typeof managed>>) => ({
  base: server.base,
  pid: server.pid,
  pids: () => [server.pid()],
  kill9: server.kill9,
  restart: server.restart,
});

async function scratchPostgres(ctx: BenchContext, prefix: string) {
  const created = await createPostgresDatabase(ctx.adminUrl, prefix);
  const name = new URL(created.url).pathname.slice(1);
  const dbPids = async () => (await ctx.admin`SELECT pid FROM pg_stat_activity WHERE datname = ${name}`).map((r) => r.pid as number);
  return { ...created, dbPids };
}

/** The production build's environment (PUBLIC_ORIGIN and SECRET_KEY are the same for every process of a target). */
const casustafelEnv = (dataDir: string, databaseUrl?: string, redisUrl?: string): Record<string, string> => ({
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PUBLIC_ORIGIN: 'http://127.0.0.1',
  SECRET_KEY: 'peer-bench-secret-key-0123456789abcdef',
  LOG_LEVEL: 'error',
  SEED_DEMO: 'never',
  DATA_DIR: dataDir,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
});

async function casustafel(ctx: BenchContext, engine: 'pg' | 'pglite', collab: CollabSeed, http?: HttpSeed): Promise<Instance> {
  const dataDir = mkdtempSync(join(ctx.tmp, `casustafel-${engine}-`));
  const pg = engine === 'pg' ? await scratchPostgres(ctx, 'casustafel_peers') : null;
  const database = pg ? await openDatabase({ databaseUrl: pg.url, dataDir: '' }) : await openDatabase({ dataDir });
  if (!pg) await database.migrate();
  const fixture = await seedCasustafel(database.db, collab, http);
  await database.close();
  const server = await managed([...SERVER_NODE_FLAGS, 'dist/server/main.js'], casustafelEnv(dataDir, pg?.url), '/api/ready', async () => {
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const ws = server.base.replace(/^http/, 'ws') + '/collab';
  return {
    name: engine === 'pg' ? 'casustafel-pg' : 'casustafel-pglite',
    ...oneProcess(server),
    docs: fixture.docs,
    fixture,
    spec: (doc, key, editor, opts = {}) => ({
      key,
      protocol: 'y-websocket',
      url: ws,
      room: fixture.docs[doc]!,
      cookie: fixture.editorCookies[editor % fixture.editorCookies.length],
      acks: opts.acks,
    }),
    dbPids: pg ? pg.dbPids : async () => [],
    dispose: async () => {
      await server.stop();
      await pg?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Two processes of the production build on one scratch database and the machine's Redis (the cross-process
 * relay, server/collab/relay.ts). Editor `n` connects to process `n % 2`, and says so in its spec (`group`),
 * so the load generator can tell deliveries within a process from deliveries across. Redis pub/sub channels
 * are not scoped by database number, and this run's topics name its own fresh document ids: nothing in Redis
 * is flushed or shared with other users of it.
 */
async function casustafelTwoProcesses(ctx: BenchContext, collab: CollabSeed): Promise<Instance> {
  const pg = await scratchPostgres(ctx, 'casustafel_peers_2proc');
  const dataDirs = [0, 1].map((i) => mkdtempSync(join(ctx.tmp, `casustafel-2proc-${i}-`)));
  const cleanup = async () => {
    await pg.drop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  };
  let fixture: CasustafelFixture;
  const servers: Awaited<ReturnType<typeof managed>>[] = [];
  try {
    const database = await openDatabase({ databaseUrl: pg.url, dataDir: '' });
    fixture = await seedCasustafel(database.db, collab);
    await database.close();
    for (const dir of dataDirs)
      servers.push(await managed([...SERVER_NODE_FLAGS, 'dist/server/main.js'], casustafelEnv(dir, pg.url, ctx.redisUrl), '/api/ready'));
  } catch (err) {
    for (const s of servers) await s.stop();
    await cleanup();
    throw err;
  }
  const sockets = servers.map((s) => s.base.replace(/^http/, 'ws') + '/collab');
  return {
    name: TWO_PROCESSES,
    base: servers[0]!.base,
    pid: servers[0]!.pid,
    pids: () => servers.map((s) => s.pid()),
    docs: fixture.docs,
    fixture,
    spec: (doc, key, editor, opts = {}) => ({
      key,
      protocol: 'y-websocket',
      url: sockets[editor % 2]!,
      room: fixture.docs[doc]!,
      cookie: fixture.editorCookies[editor % fixture.editorCookies.length],
      acks: opts.acks,
      group: editor % 2,
    }),
    dbPids: pg.dbPids,
    kill9: async () => {
      for (const s of servers) await s.kill9();
    },
    restart: async () => {
      for (const s of servers) await s.restart();
    },
    dispose: async () => {
      for (const s of servers) await s.stop();
      await cleanup();
    },
  };
}

async function hocuspocus(ctx: BenchContext, collab: CollabSeed): Promise<Instance> {
  const pg = await scratchPostgres(ctx, 'hocuspocus_peers');
  const docs = Array.from({ length: collab.docs }, (_, i) => `doc-${i}`);
  if (collab.history) {
    const doc = new Y.Doc();
    for (const u of collab.history) Y.applyUpdate(doc, u);
    const state = Y.encodeStateAsUpdate(doc);
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    await sql`CREATE TABLE IF NOT EXISTS hocuspocus_documents (name text PRIMARY KEY, data bytea NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`;
    for (const name of docs) await sql`INSERT INTO hocuspocus_documents (name, data) VALUES (${name}, ${state})`;
    await sql.end();
  }
  const server = await managed([join(here, 'hocuspocus-server.mjs')], { DATABASE_URL: pg.url, TEMPLATE_FILE: ctx.templateFile }, '/', pg.drop);
  const ws = server.base.replace(/^http/, 'ws');
  return {
    name: 'hocuspocus',
    ...oneProcess(server),
    docs,
    spec: (doc, key) => ({ key, protocol: 'hocuspocus', url: ws, room: docs[doc]! }),
    dbPids: pg.dbPids,
    dispose: async () => {
      await server.stop();
      await pg.drop();
    },
  };
}

async function relay(ctx: BenchContext, collab: CollabSeed): Promise<Instance> {
  const docs = Array.from({ length: collab.docs }, (_, i) => `doc-${i}`);
  const server = await managed([join(here, 'relay-server.mjs')], { TEMPLATE_FILE: ctx.templateFile }, '/');
  const ws = server.base.replace(/^http/, 'ws');
  return {
    name: 'relay',
    ...oneProcess(server),
    docs,
    spec: (doc, key) => ({ key, protocol: 'y-websocket', url: ws, room: docs[doc]! }),
    dbPids: async () => [],
    dispose: server.stop,
  };
}

async function floor(ctx: BenchContext, engine: 'pg' | 'pglite'): Promise<Instance> {
  const dataDir = mkdtempSync(join(ctx.tmp, 'floor-'));
  const pg = engine === 'pg' ? await scratchPostgres(ctx, 'floor_peers') : null;
  const server = await managed([join(here, 'floor-server.mjs')], pg ? { DATABASE_URL: pg.url } : { PGLITE_DIR: dataDir }, '/api/ready', async () => {
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    name: engine === 'pg' ? 'floor-pg' : 'floor-pglite',
    ...oneProcess(server),
    docs: [],
    spec: () => {
      throw new Error('the floor has no documents');
    },
    dbPids: pg ? pg.dbPids : async () => [],
    dispose: async () => {
      await server.stop();
      await pg?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launch(ctx: BenchContext, name: TargetName, collab: CollabSeed, http?: HttpSeed): Promise<Instance> {
  switch (name) {
    case 'casustafel-pg':
      return casustafel(ctx, 'pg', collab, http);
    case 'casustafel-pglite':
      return casustafel(ctx, 'pglite', collab, http);
    case TWO_PROCESSES:
      return casustafelTwoProcesses(ctx, collab);
    case 'hocuspocus':
      return hocuspocus(ctx, collab);
    case 'relay':
      return relay(ctx, collab);
    case 'floor-pg':
      return floor(ctx, 'pg');
    case 'floor-pglite':
      return floor(ctx, 'pglite');
  }
}
