// `npm run backup -- <file>`: writes a backup of the configured database (DATABASE_URL, or PGlite in DATA_DIR).
import { loadConfigOrExit } from '../config.ts';
import { backup, BackupError } from './backup.ts';

const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('usage: npm run backup -- <file>\n');
  process.exit(2);
}
const config = loadConfigOrExit();
try {
  const result = await backup({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, file);
  process.stderr.write(`backup written to ${file} (${result.engine}, ${result.bytes} bytes)\n`);
} catch (err) {
  if (!(err instanceof BackupError)) throw err;
  process.stderr.write(`backup failed: ${err.message}\n`);
  process.exit(1);
}
