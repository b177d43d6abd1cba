// The production start: the server built to plain JavaScript, run with plain `node` and NODE_ENV=production.
// It refuses bad settings with one line per problem, prints nothing secret, serves the built client,
// seeds no demo data, and stops cleanly on SIGTERM.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/client.ts';
import { waitFor } from '../support/collab.ts';

const root = new URL('../../', import.meta.url).pathname;
const SECRET = 'not-a-real-secret-0123456789abcdefghij';
let tmp: string;

beforeAll(() => {
  const built = spawnSync('node', ['scripts/build-server.mjs'], { cwd: root, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  tmp = mkdtempSync(join(tmpdir(), 'casustafel-prod-'));
  writeFileSync(join(tmp, 'index.html'), '<!doctype html><title>Casustafel gebouwd</title>');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runBuilt(env: Record<string, string>): Run {
  let out = '';
  let err = '';
  const { NODE_ENV: _n, DATABASE_URL: _d, REDIS_URL: _r, ...inherited } = process.env;
  const child = spawn('node', ['dist/server/main.js'], { cwd: root, env: { ...inherited, ...env } });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

describe('npm run start:prod (plain node, NODE_ENV=production)', () => {
  it('refuses to start on bad settings, one line per problem, naming the setting and never its value', async () => {
    const run = runBuilt({
      NODE_ENV: 'production',
      DATABASE_URL: `mysql://casustafel:${SECRET}@db.example/casustafel`,
      PORT: 'abc',
      METRICS_TOKEN: 'short',
      FIXED_NOW: '2026-01-01T00:00:00Z',
    });
    expect(await run.exited).toBe(1);
    const lines = run.stderr().trim().split('\n');
    expect(lines.every((l) => l.startsWith('Invalid setting '))).toBe(true);
    expect(lines.map((l) => l.split(/[ :]/)[2]).sort()).toEqual(['DATABASE_URL', 'FIXED_NOW', 'METRICS_TOKEN', 'PORT', 'PUBLIC_ORIGIN', 'SECRET_KEY']);
    expect(run.stderr() + run.stdout()).not.toContain(SECRET);
    expect(run.stderr()).not.toContain('short');
  });

  it('serves the built client and the API, seeds no demo data, logs JSON without secrets, stops on SIGTERM', async () => {
    const url = inject('databaseUrl');
    // With PostgreSQL: a password in the URL (trust auth ignores it) that must never be printed.
    const database: Record<string, string> = url
      ? { DATABASE_URL: Object.assign(new URL(url), { password: SECRET }).toString() }
      : { DATA_DIR: join(tmp, 'data') };
    const run = runBuilt({
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: 'https://casustafel.example.nl',
      STATIC_DIR: tmp,
      METRICS_TOKEN: SECRET,
      SECRET_KEY: SECRET,
      LOG_LEVEL: 'info',
      ...database,
    });
    try {
      let base = '';
      await waitFor(
        () => {
          const m = /"url":"(http:\/\/[^"]+)"/.exec(run.stdout());
          if (m) base = m[1]!;
          return !!m || run.child.exitCode !== null;
        },
        'the listening line',
        80_000,
      ); // a new PGlite data dir takes long to create on a busy machine
      expect(base, run.stderr()).not.toBe('');
      const api = new ApiClient(base);
      expect((await api.get('/api/ready')).status).toBe(200);
      const page = await fetch(base + '/huishoudens/iets');
      expect(await page.text()).toContain('Casustafel gebouwd');
      // No demo data, so the demo login does not exist.
      expect((await api.post('/api/auth/login', { email: 'regie@gemeente.test', password: 'casustafel-demo' })).status).toBe(401);

      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      const out = run.stdout();
      expect(out).not.toContain(SECRET);
      expect(run.stderr()).not.toContain(SECRET);
      expect(out).not.toContain('Demo-accounts');
      const lines = out.trim().split('\n');
      for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
      expect(lines.map((l) => JSON.parse(l).msg)).toContain('shutting down: flushing documents');
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  }, 120_000);
});
