// Demo of two-factor sign-in: Veilig Thuis has "twee-factor verplicht", and its demo account has an
// authenticator app set up with a published key, so anyone trying the demo can produce the codes.
import { eq } from 'drizzle-orm';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import type { DbOrTx } from '../db/client.ts';
import { organizations, totpCredentials, users } from '../db/schema.ts';
import type { SecretBox } from '../auth/secret-box.ts';
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from '../auth/totp.ts';

/** Demo only: published in the README and printed at start. Never use a known key for a real account. */
export const DEMO_TOTP_SECRET = 'CASUSTAFELDEMOTOTPGEHEIMVEILIGTH';
export const DEMO_TOTP_USER = { email: 'vt@veiligthuis.test', name: 'Tessa Thuis', role: 'Veilig Thuis (twee-factor verplicht)' };

export async function seedDemoIdentity(db: DbOrTx, organizationId: string, passwordHash: string, secrets?: SecretBox): Promise<void> {
  await db.update(organizations).set({ twoFactorRequired: true }).where(eq(organizations.id, organizationId));
  const [user] = await db
    .insert(users)
    .values({ email: DEMO_TOTP_USER.email, name: DEMO_TOTP_USER.name, organizationId, passwordHash })
    .returning({ id: users.id });
  // Without the server's key (e.g. a bare test seed) the account enrols at its first sign-in instead.
  if (secrets) {
    await db.insert(totpCredentials).values({ userId: user!.id, secret: secrets.seal(decodeBase32IgnorePadding(DEMO_TOTP_SECRET)), confirmedAt: new Date() });
  }
}

/** The code the demo authenticator shows now (for `npm run demo:code`). */
export function demoTotpCode(): string {
  return generateTOTP(decodeBase32IgnorePadding(DEMO_TOTP_SECRET), TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

export function demoIdentityText(): string {
  return [
    `  ${DEMO_TOTP_USER.email.padEnd(30)} ${DEMO_TOTP_USER.role}`,
    '',
    'Tweede factor van het Veilig Thuis-account: voeg in een authenticator-app de sleutel',
    `  ${DEMO_TOTP_SECRET.replace(/(.{4})/g, '$1 ').trim()}`,
    'toe (tijdgebaseerd, 6 cijfers, 30 seconden), of laat de actuele code zien met `npm run demo:code`.',
    '',
  ].join('\n');
}
