// What stands between a user and a session: which second factors they have, whether their organisation
// requires one, and the functioneel beheerder's reset.
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';
import { organizations, recoveryCodes, totpCredentials, users, webauthnCredentials } from '../db/schema.ts';
import { audit } from '../audit/log.ts';

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

/** One query: the organisation's rule, the reset notice and the count of each kind of factor. */
export async function factorStatus(db: Db, userId: string): Promise<FactorStatus> {
  const [row] = await db
    .select({
      required: organizations.twoFactorRequired,
      resetAt: users.secondFactorResetAt,
      totp: sql<number>`(select count(*) from ${totpCredentials} where ${totpCredentials.userId} = ${users.id} and ${totpCredentials.confirmedAt} is not null)`,
      passkeys: sql<number>`(select count(*) from ${webauthnCredentials} where ${webauthnCredentials.userId} = ${users.id})`,
      recoveryCodesLeft: sql<number>`(select count(*) from ${recoveryCodes} where ${recoveryCodes.userId} = ${users.id} and ${recoveryCodes.usedAt} is null)`,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId));
  return {
    totp: Number(row?.totp ?? 0) > 0,
    passkeys: Number(row?.passkeys ?? 0),
    recoveryCodesLeft: Number(row?.recoveryCodesLeft ?? 0),
    required: row?.required ?? false,
    resetAt: row?.resetAt ?? null,
  };
}

/** Whether a beheerder reset the user's second factor and they have not been told yet (one indexed read). */
export async function resetNoticePending(db: Db, userId: string): Promise<boolean> {
  const [row] = await prepared(db, 'reset_notice', (db) =>
    db
      .select({ resetAt: users.secondFactorResetAt })
      .from(users)
      .where(eq(users.id, sql.placeholder('userId')))
      .prepare('reset_notice'),
  ).execute({ userId });
  return !!row?.resetAt;
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
