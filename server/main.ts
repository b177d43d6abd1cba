// Start-up: config → database (migrated) → demo data on an empty embedded database → serve; graceful shutdown.
import { loadConfig } from './config.ts';
import { startServer } from './server.ts';
import { demoLoginsText, isEmpty, seedDemo } from './seed/demo.ts';

const config = loadConfig();
const server = await startServer(config);
const { deps } = server;

// Demo data only ever goes into the embedded database by itself; a DATABASE_URL database needs `npm run seed:demo`.
if (!config.databaseUrl && config.seedDemo === 'auto' && (await isEmpty(deps.db))) {
  await seedDemo(deps.db, deps.now());
  deps.log.info('demo data seeded');
}
console.log('\n' + demoLoginsText(server.url));

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    deps.log.info('shutting down: flushing documents', { signal });
    try {
      await server.close();
      process.exit(0);
    } catch (err) {
      deps.log.error('shutdown failed', { err: String(err) });
      process.exit(1);
    }
  });
}
