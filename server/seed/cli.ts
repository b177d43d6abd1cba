// `npm run seed:demo`: seeds the demo data into the configured database (DATABASE_URL or the embedded one).
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { loadSecretBox } from '../auth/secret-box.ts';
import { createLogger } from '../logger.ts';
import { isEmpty, seedDemo, demoLoginsText } from './demo.ts';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
if (!(await isEmpty(database.db))) {
  console.error('De database bevat al gebruikers; demodata wordt alleen in een lege database gezet.');
  await database.close();
  process.exit(1);
}
await seedDemo(database.db, config.fixedNow ?? new Date(), loadSecretBox(config.secretKey, config.dataDir, createLogger(config.logLevel)));
console.log(demoLoginsText(`http://localhost:${config.port}`));
await database.close();
