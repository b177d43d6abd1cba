// Passkeys and security keys (WebAuthn) on @simplewebauthn/server: registration, use as second factor,
// and sign-in with a passkey alone (discoverable credential + user verification) where the organisation allows it.
// Challenges are single-use rows: taking one is a DELETE … RETURNING, so a response cannot be replayed.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { sha256 } from '@oslojs/crypto/sha2';
import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { webauthnChallenges, webauthnCredentials } from '../db/schema.ts';

export const RP_NAME = 'Casustafel';
const CHALLENGE_MS = 5 * 60_000;

/** Relying party: the id (host name) and the origins a response may come from. */
export interface RelyingParty {
  id: string;
  origins: string[];
}

export type ChallengePurpose = 'register' | 'verify' | 'login';

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

async function storeChallenge(db: Db, challenge: string, userId: string | null, purpose: ChallengePurpose) {
  await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, new Date()));
  await db.insert(webauthnChallenges).values({ challenge, userId, purpose, expiresAt: new Date(Date.now() + CHALLENGE_MS) });
}

/** Takes (deletes) the challenge a response was made for; null when unknown, expired, used, or for another user/purpose. */
async function takeChallenge(db: Db, clientDataJSON: string, userId: string | null, purpose: ChallengePurpose): Promise<string | null> {
  let challenge: string;
  try {
    challenge = JSON.parse(isoBase64URL.toUTF8String(clientDataJSON)).challenge;
  } catch {
    return null;
  }
  if (typeof challenge !== 'string') return null;
  const [row] = await db
    .delete(webauthnChallenges)
    .where(and(eq(webauthnChallenges.challenge, challenge), gt(webauthnChallenges.expiresAt, new Date())))
    .returning();
  if (!row || row.purpose !== purpose || (row.userId ?? null) !== userId) return null;
  return challenge;
}

export async function listPasskeys(db: Db, userId: string): Promise<PasskeySummary[]> {
  return db
    .select({
      id: webauthnCredentials.id,
      name: webauthnCredentials.name,
      createdAt: webauthnCredentials.createdAt,
      lastUsedAt: webauthnCredentials.lastUsedAt,
    })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, userId))
    .orderBy(asc(webauthnCredentials.createdAt));
}

export async function removePasskey(db: Db, userId: string, id: string): Promise<boolean> {
  const gone = await db
    .delete(webauthnCredentials)
    .where(and(eq(webauthnCredentials.userId, userId), eq(webauthnCredentials.id, id)))
    .returning({ id: webauthnCredentials.id });
  return gone.length === 1;
}

export async function registrationOptions(
  db: Db,
  rp: RelyingParty,
  user: { id: string; email: string; name: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await db
    .select({ id: webauthnCredentials.id, transports: webauthnCredentials.transports })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, user.id));
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: userHandleOf(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  await storeChallenge(db, options.challenge, user.id, 'register');
  return options;
}

/** Verifies a registration and stores the credential; false when the response does not hold. */
export async function registerPasskey(db: Db, rp: RelyingParty, userId: string, response: RegistrationResponseJSON, name: string): Promise<boolean> {
  const challenge = await takeChallenge(db, response.response?.clientDataJSON, userId, 'register');
  if (!challenge) return false;
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch {
    return false;
  }
  if (!verification.verified) return false;
  const { credential } = verification.registrationInfo;
  const [inserted] = await db
    .insert(webauthnCredentials)
    .values({
      id: credential.id,
      userId,
      userHandle: isoBase64URL.fromBuffer(userHandleOf(userId)),
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
      name: name || 'Passkey',
    })
    .onConflictDoNothing()
    .returning({ id: webauthnCredentials.id });
  return !!inserted;
}

/** The WebAuthn user handle: stable per user (so one authenticator keeps one passkey per account), no personal data. */
function userHandleOf(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(sha256(new TextEncoder().encode('casustafel-webauthn-user:' + userId)));
}

/** Options for using a passkey: for a known user (second factor) or for anyone (passkey sign-in). */
export async function authenticationOptions(db: Db, rp: RelyingParty, userId: string | null): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const allow = userId
    ? await db
        .select({ id: webauthnCredentials.id, transports: webauthnCredentials.transports })
        .from(webauthnCredentials)
        .where(eq(webauthnCredentials.userId, userId))
    : [];
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: allow.map((c) => ({ id: c.id, transports: c.transports })),
    userVerification: userId ? 'preferred' : 'required',
  });
  await storeChallenge(db, options.challenge, userId, userId ? 'verify' : 'login');
  return options;
}

/**
 * Verifies an assertion. With `userId` the credential must be that user's (second factor); without, the
 * credential names the user and user verification is required (passkey sign-in). Returns the user id or null.
 */
export async function verifyPasskey(db: Db, rp: RelyingParty, userId: string | null, response: AuthenticationResponseJSON): Promise<string | null> {
  const challenge = await takeChallenge(db, response.response?.clientDataJSON, userId, userId ? 'verify' : 'login');
  if (!challenge || typeof response.id !== 'string') return null;
  const [cred] = await db.select().from(webauthnCredentials).where(eq(webauthnCredentials.id, response.id));
  if (!cred || (userId && cred.userId !== userId)) return null;
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      credential: { id: cred.id, publicKey: new Uint8Array(cred.publicKey), counter: cred.counter, transports: cred.transports },
      requireUserVerification: !userId,
    });
  } catch {
    return null;
  }
  if (!verification.verified) return null;
  // A signature counter that does not move forward (when the authenticator keeps one) means a cloned key.
  const moved = await db
    .update(webauthnCredentials)
    .set({ counter: verification.authenticationInfo.newCounter, lastUsedAt: new Date() })
    .where(eq(webauthnCredentials.id, cred.id))
    .returning({ id: webauthnCredentials.id });
  return moved.length ? cred.userId : null;
}
