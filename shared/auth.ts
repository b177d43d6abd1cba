// Identity: how a session was authenticated (labels for "Mijn account"), request schemas of the sign-in
// steps and the account page, and the password rule both sides show.
import { z } from 'zod';
import type { Me } from './api.ts';
import { text } from './schemas.ts';

export const MIN_PASSWORD_LENGTH = 12;

const FACTOR_LABELS: Record<string, string> = {
  password: 'wachtwoord',
  totp: 'authenticator-app',
  recovery: 'herstelcode',
  passkey: 'passkey',
  oidc: 'inloggen via de eigen organisatie',
  mfa: 'tweede factor bij de eigen organisatie',
};

/** 'password+totp' → 'wachtwoord + authenticator-app'. */
export function authMethodLabel(method: string): string {
  return method
    .split('+')
    .map((p) => FACTOR_LABELS[p] ?? p)
    .join(' + ');
}

export const CodeInput = z.object({ code: text().trim().min(1, 'Vul de code in').max(32) });
export type CodeInput = z.infer<typeof CodeInput>;

/** A WebAuthn response as the browser package produces it; checked in depth by @simplewebauthn/server. */
export const WebAuthnResponseInput = z.object({
  response: z
    .object({
      id: text().max(1024),
      rawId: text().max(1024),
      type: z.literal('public-key'),
      response: z.record(text(), z.union([text(), z.array(text()).max(20), z.number()])),
    })
    .passthrough(),
  name: text().trim().max(80).optional(),
});

export const PasswordChangeInput = z.object({
  currentPassword: text().min(1, 'Vul je huidige wachtwoord in').max(1000),
  newPassword: text().min(MIN_PASSWORD_LENGTH, `Een nieuw wachtwoord heeft minstens ${MIN_PASSWORD_LENGTH} tekens`).max(1000),
});
export type PasswordChangeInput = z.infer<typeof PasswordChangeInput>;

export const OrganizationSecurityInput = z.object({
  twoFactorRequired: z.boolean().optional(),
  passkeyLogin: z.boolean().optional(),
  oidc: z
    .object({
      issuer: text().url('Vul een geldige URL in').max(500),
      clientId: text().trim().min(1).max(300),
      /** Omitted: keep the stored secret. */
      clientSecret: text().min(1).max(1000).optional(),
      emailClaim: text().trim().min(1).max(100).default('email'),
      jit: z.boolean().default(false),
      trustMfa: z.boolean().default(false),
    })
    .nullable()
    .optional(),
});
export type OrganizationSecurityInput = z.infer<typeof OrganizationSecurityInput>;

// Response contract of the identity endpoints (server presenters and client read these types).
export type SecondFactorMethod = 'totp' | 'passkey' | 'recovery';
export type AccountNoticeKind = 'second_factor_reset';

/** What /api/auth/login and each sign-in step answer: a session, or the next step of the sign-in. */
export type LoginAnswer =
  | { step: 'done'; user: Me; notice?: AccountNoticeKind; recoveryCodes?: string[]; recoveryCodesLeft?: number }
  | { step: 'verify'; methods: SecondFactorMethod[]; notice?: AccountNoticeKind }
  | { step: 'enrol'; notice?: AccountNoticeKind };

/** Answer of a factor enrolment or step-up: the session's user, and recovery codes when new ones were made. */
export type FactorAnswer = LoginAnswer;

export interface TotpEnrolmentResponse {
  /** The secret as base32 text, for typing into an app that cannot scan. */
  secret: string;
  uri: string;
  /** The otpauth URI as an SVG QR code (data URL). */
  qrCode: string;
}

/** WebAuthn ceremony options (PublicKeyCredentialCreationOptionsJSON / …RequestOptionsJSON), passed to @simplewebauthn/browser as is. */
export interface WebAuthnOptionsResponse {
  // biome-ignore lint/suspicious/noExplicitAny: WebAuthn's JSON options; @simplewebauthn types them where they are used.
  options: any;
}

export interface SessionSummary {
  id: string;
  current: boolean;
  ip: string | null;
  userAgent: string | null;
  method: string;
  secondFactor: boolean;
  createdAt: string;
  lastSeenAt: string;
}

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface AccountResponse {
  user: Me;
  session: { method: string; secondFactor: boolean };
  sessions: SessionSummary[];
  factors: { totp: boolean; passkeys: PasskeySummary[]; recoveryCodesLeft: number; required: boolean };
  notice?: AccountNoticeKind;
}

export interface RecoveryCodesResponse {
  recoveryCodes: string[];
}

export interface SessionsEndedResponse {
  ended: number;
}

export interface OidcProvider {
  /** The organisation's id. */
  id: string;
  name: string;
}

export interface OidcProvidersResponse {
  providers: OidcProvider[];
}

export interface OrganizationSecurityResponse {
  security: {
    twoFactorRequired: boolean;
    passkeyLogin: boolean;
    oidc: { issuer: string; clientId: string; hasClientSecret: boolean; emailClaim: string; jit: boolean; trustMfa: boolean } | null;
  };
}
