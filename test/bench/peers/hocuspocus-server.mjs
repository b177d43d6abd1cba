// Hocuspocus as its documentation sets it up, with @hocuspocus/extension-database on PostgreSQL (a table of
// its own: one row per document holding its whole state), default debounce (2 s, at most 10 s). Plain node,
// like Casustafel's production build. Env: PORT, DATABASE_URL, TEMPLATE_FILE (the state a new document starts with).
import { readFileSync } from 'node:fs';
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL, { max: 10, onnotice: () => {} });
const template = new Uint8Array(readFileSync(process.env.TEMPLATE_FILE));
await sql`CREATE TABLE IF NOT EXISTS hocuspocus_documents (name text PRIMARY KEY, data bytea NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`;

const server = new Server({
  port: Number(process.env.PORT),
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  extensions: [
    new Database({
      fetch: async ({ documentName }) => {
        const [row] = await sql`SELECT data FROM hocuspocus_documents WHERE name = ${documentName}`;
        return row ? new Uint8Array(row.data) : template;
      },
      store: async ({ documentName, state }) => {
        await sql`INSERT INTO hocuspocus_documents (name, data) VALUES (${documentName}, ${state})
          ON CONFLICT (name) DO UPDATE SET data = excluded.data, updated_at = now()`;
      },
    }),
  ],
});
await server.listen();
console.log('ready');
// A clean exit on SIGTERM, so `PEERS_NODE_ARGS=--cpu-prof` writes this server's profile too.
process.once('SIGTERM', () => {
  server.destroy().finally(() => process.exit(0));
});
