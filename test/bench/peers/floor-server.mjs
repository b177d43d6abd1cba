// The request floor: a minimal Hono route that runs one indexed SELECT on the same engine as Casustafel
// (PostgreSQL through postgres-js with the same pool size, or PGlite in the process). Env: PORT and either
// DATABASE_URL or PGLITE_DIR.
import { PGlite } from '@electric-sql/pglite';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import postgres from 'postgres';

const ROWS = 1000;
let query;
if (process.env.DATABASE_URL) {
  const sql = postgres(process.env.DATABASE_URL, { max: 10, onnotice: () => {} });
  await sql`CREATE TABLE IF NOT EXISTS floor_items (id integer PRIMARY KEY, name text NOT NULL)`;
  await sql`INSERT INTO floor_items SELECT g, 'item ' || g FROM generate_series(0, ${ROWS - 1}) g ON CONFLICT DO NOTHING`;
  query = async (id) => (await sql`SELECT id, name FROM floor_items WHERE id = ${id}`)[0];
} else {
  const pg = await PGlite.create(process.env.PGLITE_DIR);
  await pg.exec(`CREATE TABLE IF NOT EXISTS floor_items (id integer PRIMARY KEY, name text NOT NULL);
    INSERT INTO floor_items SELECT g, 'item ' || g FROM generate_series(0, ${ROWS - 1}) g ON CONFLICT DO NOTHING;`);
  query = async (id) => (await pg.query('SELECT id, name FROM floor_items WHERE id = $1', [id])).rows[0];
}

const app = new Hono();
app.get('/floor/:id', async (c) => {
  const row = await query(Number(c.req.param('id')) % ROWS);
  return row ? c.json({ item: row }) : c.json({ error: 'not found' }, 404);
});
app.get('/api/ready', (c) => c.text('ok'));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => console.log('ready'));
