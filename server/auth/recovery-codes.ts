// Ten one-time recovery codes, shown once and stored as SHA-256 hashes. Each has 50 random bits, so a fast
// hash is enough (no offline guessing), and using one is a single conditional UPDATE (no double use).
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { recoveryCodes } from '../db/schema.ts';

export const RECOVERY_CODE_COUNT = 10;

const normalise = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');
const hashCode = (code: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(normalise(code))));

function newCode(): string {
  const bytes = new Uint8Array(7);
  crypto.getRandomValues(bytes);
  const s = encodeBase32LowerCaseNoPadding(bytes).slice(0, 10);
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** Replaces all of a user's recovery codes with ten new ones and returns them (the only time they are seen). */
export async function generateRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashCode(c) })));
  });
  return codes;
}

/** Uses one recovery code; true when it existed and was unused. */
export async function useRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  if (normalise(code).length !== 10) return false;
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

export async function recoveryCodesLeft(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return Number(row?.n ?? 0);
}
