// Sign-in with an organisation's own OpenID Connect provider (openid-client 6): authorization code flow with
// PKCE (S256), state and nonce; the ID token's signature, issuer, audience, expiry and nonce are checked by
// openid-client. Accounts are linked by e-mail *within that organisation only*: an IdP of one organisation can
// never sign in a user of another. No Hono here; oidc-routes.ts adapts it.
import * as client from 'openid-client';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { oidcFlows, organizations, users } from '../db/schema.ts';
import { audit } from '../audit/log.ts';
import { hashPassword } from './password.ts';
import type { SecretBox } from './secret-box.ts';
import type { OidcProvider } from '../../shared/auth.ts';

const FLOW_MINUTES = 10;
const CONFIG_CACHE_MS = 10 * 60_000;

/** amr values (RFC 8176) that mean more than one factor was used, and acr values of multi-factor assurance. */
const MFA_AMR = new Set(['mfa', 'otp', 'hwk', 'swk', 'sms', 'tel', 'fpt', 'face', 'iris', 'retina', 'vbm', 'sc', 'pop']);
const MFA_ACR = [/multi-factor/i, /\bmfa\b/i, /loa[34]$/i, /(substantial|high)$/i];

export type OidcFailure = 'state' | 'flow_expired' | 'not_configured' | 'token' | 'no_email' | 'unknown_user' | 'disabled';

export class OidcError extends Error {
  constructor(
    readonly reason: OidcFailure,
    readonly organizationId: string | null,
    detail?: string,
  ) {
    super(detail ?? reason);
  }
}

interface OrgOidc {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  emailClaim: string;
  jit: boolean;
  trustMfa: boolean;
}

const hashState = (state: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(state)));
const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

export async function listOidcProviders(db: Db): Promise<OidcProvider[]> {
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(isNotNull(organizations.oidcIssuer), isNotNull(organizations.oidcClientId)))
    .orderBy(organizations.name);
}

async function orgOidc(db: Db, secrets: SecretBox, organizationId: string): Promise<OrgOidc | null> {
  const [o] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!o?.oidcIssuer || !o.oidcClientId) return null;
  return {
    id: o.id,
    name: o.name,
    issuer: o.oidcIssuer,
    clientId: o.oidcClientId,
    clientSecret: o.oidcClientSecret ? secrets.openText(o.oidcClientSecret) : null,
    emailClaim: o.oidcEmailClaim,
    jit: o.oidcJit,
    trustMfa: o.oidcTrustMfa,
  };
}

export class OidcService {
  private configs = new Map<string, { key: string; at: number; config: Promise<client.Configuration> }>();

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
    /** The app's "now" (FIXED_NOW in demos and tests); ID token times are checked against it. */
    private readonly now: () => Date,
  ) {}

  /** Discovery per organisation, cached; a changed issuer, client or secret starts a new one. */
  private configuration(org: OrgOidc): Promise<client.Configuration> {
    const key = `${org.issuer}|${org.clientId}|${org.clientSecret ?? ''}`;
    const hit = this.configs.get(org.id);
    if (hit && hit.key === key && Date.now() - hit.at < CONFIG_CACHE_MS) return hit.config;
    const issuer = new URL(org.issuer);
    const skew = Math.round((this.now().getTime() - Date.now()) / 1000);
    const config = client
      .discovery(
        issuer,
        org.clientId,
        { [client.clockSkew]: skew },
        org.clientSecret ? client.ClientSecretPost(org.clientSecret) : client.None(),
        // Plain http only for a provider on this machine (development, tests); anything else must be https.
        isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err) => {
        this.configs.delete(org.id);
        throw err;
      });
    this.configs.set(org.id, { key, at: Date.now(), config });
    return config;
  }

  /** Starts a sign-in: the URL to send the browser to, and the state to bind to this browser (cookie). */
  async start(organizationId: string, redirectUri: string, returnTo: string | null): Promise<{ url: string; state: string }> {
    const org = await orgOidc(this.db, this.secrets, organizationId);
    if (!org) throw new OidcError('not_configured', organizationId);
    const config = await this.configuration(org);
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.db.delete(oidcFlows).where(lt(oidcFlows.expiresAt, new Date()));
    await this.db.insert(oidcFlows).values({
      stateHash: hashState(state),
      organizationId,
      codeVerifier,
      nonce,
      returnTo,
      expiresAt: new Date(Date.now() + FLOW_MINUTES * 60_000),
    });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      // Asking for amr/acr explicitly (OIDC claims parameter) where the organisation counts them as a second
      // factor; providers that put them in every ID token, or do not support the parameter, ignore it.
      ...(org.trustMfa ? { claims: JSON.stringify({ id_token: { amr: null, acr: null } }) } : {}),
    });
    return { url: url.href, state };
  }

  /**
   * Completes a sign-in from the provider's redirect. `boundState` is the state this browser started with;
   * a callback with any other state is refused (login CSRF), and each flow is used once.
   */
  async finish(
    callbackUrl: URL,
    boundState: string | null,
    ip: string | null,
  ): Promise<{ userId: string; organizationId: string; mfa: boolean; returnTo: string | null }> {
    const state = callbackUrl.searchParams.get('state');
    if (!state || !boundState || state !== boundState) throw new OidcError('state', null);
    const [flow] = await this.db
      .delete(oidcFlows)
      .where(and(eq(oidcFlows.stateHash, hashState(state)), gt(oidcFlows.expiresAt, new Date())))
      .returning();
    if (!flow) throw new OidcError('flow_expired', null);
    const org = await orgOidc(this.db, this.secrets, flow.organizationId);
    if (!org) throw new OidcError('not_configured', flow.organizationId);
    let claims: client.IDToken;
    try {
      const tokens = await client.authorizationCodeGrant(await this.configuration(org), callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims()!;
    } catch (err) {
      throw new OidcError('token', org.id, String((err as Error)?.message ?? err));
    }
    const raw = claims[org.emailClaim];
    if (typeof raw !== 'string' || !raw.includes('@') || claims.email_verified === false) throw new OidcError('no_email', org.id);
    const email = raw.trim().toLowerCase();
    const userId = await this.linkAccount(org, email, typeof claims.name === 'string' ? claims.name : null, ip);
    return { userId, organizationId: org.id, mfa: org.trustMfa && saysMfa(claims as { amr?: unknown; acr?: unknown }), returnTo: flow.returnTo };
  }

  /** The account with this e-mail address in this organisation; created just in time when the organisation allows it. */
  private async linkAccount(org: OrgOidc, email: string, name: string | null, ip: string | null): Promise<string> {
    const [user] = await this.db
      .select({ id: users.id, organizationId: users.organizationId, disabled: users.disabled })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email));
    if (user && user.organizationId === org.id) {
      if (user.disabled) throw new OidcError('disabled', org.id);
      return user.id;
    }
    // An address that belongs to another organisation's account is never linked or taken over.
    if (user || !org.jit) throw new OidcError('unknown_user', org.id, email);
    const [created] = await this.db
      .insert(users)
      .values({ email, name: name?.trim() || email, organizationId: org.id, passwordHash: await hashPassword(crypto.randomUUID() + crypto.randomUUID()) })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!created) throw new OidcError('unknown_user', org.id, email);
    await audit(this.db, { userId: created.id, organizationId: org.id, event: 'account.oidc_created', target: email, ip });
    return created.id;
  }
}

/** The IdP says more than one factor was used: an MFA amr value, or a multi-factor acr. */
export function saysMfa(claims: { amr?: unknown; acr?: unknown }): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === 'string') : [];
  if (amr.some((v) => MFA_AMR.has(v))) return true;
  return typeof claims.acr === 'string' && MFA_ACR.some((re) => re.test(claims.acr as string));
}
