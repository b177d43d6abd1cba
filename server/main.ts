// Start-up: config → database (migrated) → demo data on an empty embedded database (never in production) → serve;
// graceful shutdown. Runs as plain node from the build (dist/server/main.js) or through tsx in development.
import { loadConfigOrExit } from './config.ts';
import { startServer } from './server.ts';
import { demoLoginsText, isEmpty, seedDemo } from './seed/demo.ts';

// Bad settings: one line per problem, naming the setting, never its value; exit 1.
const config = loadConfigOrExit();
let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer(config);
} catch (err) {
  // E.g. the database is unreachable or a migration failed (rolled back): exit before listening.
  process.stderr.write(`${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), pid: process.pid, msg: 'start failed', err: String(err) })}\n`);
  process.exit(1);
}
const { deps } = server;

// Demo data only ever goes into the embedded database by itself, and never in production;
// a DATABASE_URL database needs `npm run seed:demo`.
if (!config.production && !config.databaseUrl && config.seedDemo === 'auto' && (await isEmpty(deps.db))) {
  await seedDemo(deps.db, deps.now(), deps.secrets);
  deps.log.info('demo data seeded');
}
deps.log.info('listening', { url: server.url, engine: deps.database.engine, production: config.production });
if (!config.production) console.log(`\n${demoLoginsText(server.url)}`);

const SHUTDOWN_LIMIT_MS = 20_000;
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    deps.log.info('shutting down: flushing documents', { signal });
    // close() is bounded (flush deadline, then spill to disk); this is the last resort if something else hangs,
    // well within a typical 30 s grace period, and never before the spill had its chance.
    const limitMs = Math.max(SHUTDOWN_LIMIT_MS, config.shutdownDrainMs + config.durability.shutdownFlushMs + 10_000);
    setTimeout(() => {
      deps.log.error('shutdown took too long; exiting', { limitMs });
      process.exit(1);
    }, limitMs).unref();
    try {
      await server.close();
      process.exit(0);
    } catch (err) {
      deps.log.error('shutdown failed', { err: String(err) });
      process.exit(1);
    }
  });
}
