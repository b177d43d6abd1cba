// Encrypts secrets at rest (TOTP secrets, OIDC client secrets) with AES-256-GCM. The key comes from
// SECRET_KEY; without it the embedded default generates one and keeps it in DATA_DIR/secret.key, so a
// first run needs no set-up (and a copy of the database alone does not reveal the secrets).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 1;

export class SecretBox {
  private readonly key: Buffer;

  /** Any string works as key material: it is stretched to 32 bytes with SHA-256. */
  constructor(keyMaterial: string) {
    this.key = createHash('sha256').update(keyMaterial, 'utf8').digest();
  }

  seal(plain: Uint8Array | string): Uint8Array {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain;
    const body = Buffer.concat([cipher.update(data), cipher.final()]);
    return new Uint8Array(Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]));
  }

  open(sealed: Uint8Array): Uint8Array {
    const buf = Buffer.from(sealed);
    if (buf[0] !== VERSION || buf.length < 1 + IV_BYTES + TAG_BYTES) throw new Error('secret-box: unknown format');
    const iv = buf.subarray(1, 1 + IV_BYTES);
    const tag = buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return new Uint8Array(Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]));
  }

  openText(sealed: Uint8Array): string {
    return Buffer.from(this.open(sealed)).toString('utf8');
  }
}

/** The configured key, or the one kept in `dataDir/secret.key` (generated on first use). */
export function loadSecretBox(secretKey: string | undefined, dataDir: string, log: Logger): SecretBox {
  if (secretKey) return new SecretBox(secretKey);
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
    log.warn(`SECRET_KEY is not set: generated a key in ${file}. Set SECRET_KEY in production and keep it out of the database backups.`);
  } else {
    log.info(`SECRET_KEY is not set: using the key kept in ${file}.`);
  }
  return new SecretBox(readFileSync(file, 'utf8').trim());
}
