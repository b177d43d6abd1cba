// Functioneel beheer verbs: organisations and accounts. No HTTP here.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organizations, participations, sessions, users } from '../db/schema.ts';
import { AppError, badRequest, conflict, forbidden } from '../errors.ts';
import { hashPassword } from '../auth/password.ts';
import { audit } from '../audit/log.ts';
import type { ActorContext } from '../households/service.ts';
import type { OrganizationInput, UserInput } from '../../shared/schemas.ts';
import type { Organization, UserSummary } from '../../shared/api.ts';

const orgColumns = { id: organizations.id, name: organizations.name, kind: organizations.kind };

export function listOrganizations(db: Db): Promise<Organization[]> {
  return db.select(orgColumns).from(organizations).orderBy(asc(organizations.name));
}

export async function createOrganization(db: Db, input: OrganizationInput, actor: ActorContext) {
  const [existing] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, input.name));
  if (existing) throw conflict('NAME_TAKEN', `Er bestaat al een organisatie met de naam ${input.name}.`);
  return db.transaction(async (tx) => {
    const [org] = await tx.insert(organizations).values(input).returning(orgColumns);
    await audit(tx, {
      userId: actor.user.id,
      organizationId: actor.user.organization.id,
      event: 'organization.create',
      target: org!.id,
      ip: actor.ip,
      details: { name: org!.name },
    });
    return org!;
  });
}

/** Administrators, and regievoerders who pick participants and assignees, may list accounts. */
export async function listUsers(db: Db, actor: ActorContext): Promise<UserSummary[]> {
  if (!actor.user.admin) {
    const [regie] = await db
      .select({ id: participations.householdId })
      .from(participations)
      .where(and(eq(participations.userId, actor.user.id), eq(participations.role, 'regievoerder')))
      .limit(1);
    if (!regie) throw forbidden('Alleen een functioneel beheerder of regievoerder kan de gebruikerslijst zien.');
  }
  return db
    .select({ id: users.id, email: users.email, name: users.name, admin: users.admin, disabled: users.disabled, organization: orgColumns })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .orderBy(asc(users.name));
}

/**
 * Disables (or re-enables) an account: its sessions end, and the caller announces the revocation so every
 * live channel of the account closes. A beheerder cannot disable their own account.
 */
export async function setAccountDisabled(db: Db, userId: string, disabled: boolean, actor: ActorContext) {
  if (userId === actor.user.id) throw conflict('OWN_ACCOUNT', 'Je kunt je eigen account niet uitschakelen.');
  return db.transaction(async (tx) => {
    const [u] = await tx.update(users).set({ disabled }).where(eq(users.id, userId)).returning({ id: users.id, email: users.email, disabled: users.disabled });
    if (!u) throw new AppError(404, 'NOT_FOUND', 'Dit account bestaat niet.');
    if (disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
    await audit(tx, {
      userId: actor.user.id,
      organizationId: actor.user.organization.id,
      event: disabled ? 'user.disable' : 'user.enable',
      target: u.id,
      ip: actor.ip,
      details: { email: u.email },
    });
    return u;
  });
}

export async function createUser(db: Db, input: UserInput, actor: ActorContext) {
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.organizationId));
  if (!org) throw badRequest('UNKNOWN_ORGANIZATION', 'Deze organisatie bestaat niet.');
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (existing) throw conflict('EMAIL_TAKEN', `Er bestaat al een account met ${input.email}.`);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [u] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, organizationId: input.organizationId, admin: input.admin, passwordHash })
      .returning();
    await audit(tx, {
      userId: actor.user.id,
      organizationId: actor.user.organization.id,
      event: 'user.create',
      target: u!.id,
      ip: actor.ip,
      details: { email: u!.email },
    });
    return { id: u!.id, email: u!.email, name: u!.name, admin: u!.admin, organizationId: u!.organizationId };
  });
}
