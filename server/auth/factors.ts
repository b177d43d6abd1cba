// What stands between a user and a session: which second factors they have, whether their organisation
// requires one, and the functioneel beheerder's reset.
import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organizations, recoveryCodes, totpCredentials, users, webauthnCredentials } from '../db/schema.ts';
import { audit } from '../audit/log.ts';
import { recoveryCodesLeft } from './recovery-codes.ts';

export interface FactorStatus {
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
  /** The user's organisation has "twee-factor verplicht". */
  required: boolean;
  /** When a functioneel beheerder reset the second factor and the user has not been told yet. */
  resetAt: Date | null;
}

export const hasSecondFactor = (s: Pick<FactorStatus, 'totp' | 'passkeys'>) => s.totp || s.passkeys > 0;

export async function factorStatus(db: Db, userId: string): Promise<FactorStatus> {
  const [row] = await db
    .select({ required: organizations.twoFactorRequired, resetAt: users.secondFactorResetAt })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId));
  const [[totp], [passkeys], left] = await Promise.all([
    db
      .select({ n: count() })
      .from(totpCredentials)
      .where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.confirmedAt))),
    db.select({ n: count() }).from(webauthnCredentials).where(eq(webauthnCredentials.userId, userId)),
    recoveryCodesLeft(db, userId),
  ]);
  return {
    totp: Number(totp?.n ?? 0) > 0,
    passkeys: Number(passkeys?.n ?? 0),
    recoveryCodesLeft: left,
    required: row?.required ?? false,
    resetAt: row?.resetAt ?? null,
  };
}

/** Clears the reset notice; true when there was one, so the user is told exactly once. */
export async function takeResetNotice(db: Db, userId: string): Promise<boolean> {
  const cleared = await db
    .update(users)
    .set({ secondFactorResetAt: null })
    .where(and(eq(users.id, userId), isNotNull(users.secondFactorResetAt)))
    .returning({ id: users.id });
  return cleared.length === 1;
}

/** Removes every second factor of a user (authenticator app, passkeys, recovery codes); audited. */
export async function resetSecondFactor(
  db: Db,
  userId: string,
  actor: { userId: string; organizationId: string; ip: string | null },
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ secondFactorResetAt: now })
      .where(eq(users.id, userId))
      .returning({ email: users.email, organizationId: users.organizationId });
    if (!user) return false;
    await tx.delete(totpCredentials).where(eq(totpCredentials.userId, userId));
    await tx.delete(webauthnCredentials).where(eq(webauthnCredentials.userId, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await audit(tx, {
      userId: actor.userId,
      organizationId: actor.organizationId,
      event: 'account.second_factor_reset',
      target: user.email,
      ip: actor.ip,
      details: { accountId: userId },
    });
    return true;
  });
}
