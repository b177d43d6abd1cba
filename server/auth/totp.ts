// TOTP (RFC 6238) second factor on @oslojs/otp: 30-second steps, 6 digits, ±1 step accepted, and a time
// step once accepted can never be accepted again (last_counter only moves forward, in one conditional UPDATE).
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { and, eq, isNotNull, isNull, lt } from 'drizzle-orm';
import { timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import type { Db } from '../db/client.ts';
import { totpCredentials } from '../db/schema.ts';
import type { SecretBox } from './secret-box.ts';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ISSUER = 'Casustafel';
const WINDOW = 1;

export interface TotpEnrolment {
  /** The secret as base32 text, for typing into an app that cannot scan. */
  secret: string;
  uri: string;
  /** The otpauth URI as an SVG QR code (data URL). */
  qrCode: string;
}

export const currentStep = (nowMs: number) => Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);

const normaliseCode = (code: string) => code.replace(/\s+/g, '');

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The time step (counter) the code belongs to within ±1 step of now and after `after`, or null. */
export function matchStep(key: Uint8Array, code: string, nowMs: number, after: number): number | null {
  const otp = normaliseCode(code);
  if (!/^\d{6}$/.test(otp)) return null;
  const now = currentStep(nowMs);
  let found: number | null = null;
  // Check every step in the window (no early exit), so timing does not tell which one matched.
  for (let step = now - WINDOW; step <= now + WINDOW; step++) {
    if (sameCode(generateHOTP(key, BigInt(step), TOTP_DIGITS), otp) && step > after && found === null) found = step;
  }
  return found;
}

/** Starts (or restarts) enrolment: a new unconfirmed secret. Refused while a confirmed one exists. */
export async function startTotpEnrolment(db: Db, secrets: SecretBox, user: { id: string; email: string }): Promise<TotpEnrolment | null> {
  const [existing] = await db.select({ confirmedAt: totpCredentials.confirmedAt }).from(totpCredentials).where(eq(totpCredentials.userId, user.id));
  if (existing?.confirmedAt) return null;
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  const sealed = secrets.seal(key);
  await db
    .insert(totpCredentials)
    .values({ userId: user.id, secret: sealed })
    .onConflictDoUpdate({
      target: totpCredentials.userId,
      set: { secret: sealed, lastCounter: 0, createdAt: new Date() },
      setWhere: isNull(totpCredentials.confirmedAt),
    });
  const uri = createTOTPKeyURI(TOTP_ISSUER, user.email, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret: encodeBase32UpperCaseNoPadding(key), uri, qrCode: 'data:image/svg+xml;base64,' + Buffer.from(svg).toString('base64') };
}

/** Confirms enrolment with a first code from the app. */
export async function confirmTotpEnrolment(db: Db, secrets: SecretBox, userId: string, code: string, nowMs = Date.now()): Promise<boolean> {
  const [row] = await db
    .select()
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, userId), isNull(totpCredentials.confirmedAt)));
  if (!row) return false;
  const step = matchStep(secrets.open(row.secret), code, nowMs, 0);
  if (step === null) return false;
  const done = await db
    .update(totpCredentials)
    .set({ confirmedAt: new Date(nowMs), lastCounter: step })
    .where(and(eq(totpCredentials.userId, userId), isNull(totpCredentials.confirmedAt)))
    .returning({ userId: totpCredentials.userId });
  return done.length === 1;
}

/** Checks a code of a confirmed authenticator; a code (time step) that was accepted once is refused after. */
export async function verifyTotp(db: Db, secrets: SecretBox, userId: string, code: string, nowMs = Date.now()): Promise<boolean> {
  const [row] = await db
    .select()
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.confirmedAt)));
  if (!row) return false;
  const step = matchStep(secrets.open(row.secret), code, nowMs, row.lastCounter);
  if (step === null) return false;
  // Two requests with the same code race here: only one moves the counter forward.
  const won = await db
    .update(totpCredentials)
    .set({ lastCounter: step })
    .where(and(eq(totpCredentials.userId, userId), lt(totpCredentials.lastCounter, step)))
    .returning({ userId: totpCredentials.userId });
  return won.length === 1;
}

export async function hasConfirmedTotp(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: totpCredentials.userId })
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.confirmedAt)));
  return !!row;
}

export async function removeTotp(db: Db, userId: string): Promise<boolean> {
  const gone = await db.delete(totpCredentials).where(eq(totpCredentials.userId, userId)).returning({ userId: totpCredentials.userId });
  return gone.length > 0;
}
