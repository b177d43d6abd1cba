// Per-organisation sign-in rules kept by the functioneel beheerder: "twee-factor verplicht", passkey sign-in,
// and the organisation's own OpenID Connect provider. Also the rule a household inherits from its regie organisation.
import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { households, organizations, users } from '../db/schema.ts';
import { audit } from '../audit/log.ts';
import type { OrganizationSecurityInput } from '../../shared/auth.ts';
import type { SecretBox } from './secret-box.ts';

export interface OrganizationSecurity {
  twoFactorRequired: boolean;
  passkeyLogin: boolean;
  oidc: { issuer: string; clientId: string; hasClientSecret: boolean; emailClaim: string; jit: boolean; trustMfa: boolean } | null;
}

export async function passkeyLoginAllowed(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ allowed: organizations.passkeyLogin, disabled: users.disabled })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId));
  return !!row && row.allowed && !row.disabled;
}

/** True when the household's regie organisation requires two factors for everyone who opens it. */
export async function householdRequiresSecondFactor(db: DbOrTx, householdId: string): Promise<boolean> {
  const [row] = await db
    .select({ required: organizations.twoFactorRequired })
    .from(households)
    .innerJoin(organizations, eq(organizations.id, households.regieOrganizationId))
    .where(eq(households.id, householdId));
  return row?.required ?? false;
}

export async function organizationSecurity(db: Db, organizationId: string): Promise<OrganizationSecurity | null> {
  const [o] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!o) return null;
  return {
    twoFactorRequired: o.twoFactorRequired,
    passkeyLogin: o.passkeyLogin,
    oidc:
      o.oidcIssuer && o.oidcClientId
        ? {
            issuer: o.oidcIssuer,
            clientId: o.oidcClientId,
            hasClientSecret: !!o.oidcClientSecret,
            emailClaim: o.oidcEmailClaim,
            jit: o.oidcJit,
            trustMfa: o.oidcTrustMfa,
          }
        : null,
  };
}

export async function updateOrganizationSecurity(
  db: Db,
  secrets: SecretBox,
  organizationId: string,
  input: OrganizationSecurityInput,
  actor: { userId: string; organizationId: string; ip: string | null },
): Promise<OrganizationSecurity | null> {
  const set: Partial<typeof organizations.$inferInsert> = {};
  if (input.twoFactorRequired !== undefined) set.twoFactorRequired = input.twoFactorRequired;
  if (input.passkeyLogin !== undefined) set.passkeyLogin = input.passkeyLogin;
  if (input.oidc === null) Object.assign(set, { oidcIssuer: null, oidcClientId: null, oidcClientSecret: null, oidcJit: false, oidcTrustMfa: false });
  else if (input.oidc) {
    Object.assign(set, {
      oidcIssuer: input.oidc.issuer,
      oidcClientId: input.oidc.clientId,
      oidcEmailClaim: input.oidc.emailClaim,
      oidcJit: input.oidc.jit,
      oidcTrustMfa: input.oidc.trustMfa,
    });
    if (input.oidc.clientSecret) set.oidcClientSecret = secrets.seal(input.oidc.clientSecret);
  }
  const done = await db.transaction(async (tx) => {
    const [row] = Object.keys(set).length
      ? await tx.update(organizations).set(set).where(eq(organizations.id, organizationId)).returning({ id: organizations.id })
      : await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
    if (!row) return false;
    // The audit row names what changed, never the client secret.
    const changes = { ...input, oidc: input.oidc ? { ...input.oidc, clientSecret: input.oidc.clientSecret ? '(gewijzigd)' : undefined } : input.oidc };
    await audit(tx, {
      userId: actor.userId,
      organizationId: actor.organizationId,
      event: 'organization.security',
      target: organizationId,
      ip: actor.ip,
      details: changes,
    });
    return true;
  });
  return done ? organizationSecurity(db, organizationId) : null;
}
