// Helpers for the identity tests: TOTP codes computed like an authenticator app, enrolment through the API,
// and organisation rules set straight in the database.
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../server/db/client.ts';
import { organizations } from '../../server/db/schema.ts';
import { currentStep } from '../../server/auth/totp.ts';
import type { ApiClient } from './client.ts';

/** The code an authenticator app shows `offset` steps from now (offset 1 = the next 30 s). */
export function totpCode(secret: string, offset = 0, nowMs = Date.now()): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(currentStep(nowMs) + offset), 6);
}

/**
 * A fresh code each call, so tests never replay one: the current step, then the next. Each accepted step is used
 * up, and starting at the current step (not the previous one) keeps a code valid even when a 30-second boundary
 * passes between making it and the server checking it (it is then the previous step, still inside the window).
 */
export function totpCodes(secret: string) {
  let next = 0;
  return () => {
    if (next > 1) throw new Error('test used more than two TOTP codes of one authenticator');
    return totpCode(secret, next++);
  };
}

/** Enrols an authenticator app through `prefix` (/api/account/factor or /api/auth/login) and returns its secret and recovery codes. */
export async function enrolTotp(api: ApiClient, prefix = '/api/account/factor') {
  const start = await api.post(`${prefix}/enrol/totp`);
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  const secret: string = start.body.secret;
  const codes = totpCodes(secret);
  const confirm = await api.post(`${prefix}/enrol/totp/confirm`, { code: codes() });
  expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
  return { secret, codes, recoveryCodes: confirm.body.recoveryCodes as string[], body: confirm.body };
}

export async function setOrganization(db: Db, id: string, set: Partial<typeof organizations.$inferInsert>) {
  await db.update(organizations).set(set).where(eq(organizations.id, id));
}
