// `npm run restore -- <file> [--force]`: restores a backup into the configured database, which must be empty
// unless --force is given. Stop every server process first.
import { loadConfigOrExit } from '../config.ts';
import { BackupError, restore } from './backup.ts';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const unknown = args.filter((a) => a.startsWith('--') && a !== '--force');
if (!file || unknown.length) {
  process.stderr.write('usage: npm run restore -- <file> [--force]\n');
  process.exit(2);
}
const config = loadConfigOrExit();
try {
  const result = await restore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, file, { force: args.includes('--force') });
  process.stderr.write(`restored ${file} (${result.engine})${result.replaced ? `; the previous data dir was moved to ${result.replaced}` : ''}\n`);
  if (!config.secretKey)
    process.stderr.write(
      'without SECRET_KEY the server reads DATA_DIR/secret.key: put back the one from your key backup, or enrolled TOTP factors cannot be read\n',
    );
  process.stderr.write('start the server: it applies any newer migrations before it accepts connections\n');
} catch (err) {
  if (!(err instanceof BackupError)) throw err;
  process.stderr.write(`restore failed: ${err.message}\n`);
  process.exit(1);
}
