// Functioneel beheer: organisations and accounts. Listing is open to every signed-in user (needed to pick
// owners and participants); creating is for administrators only.
import { and, asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { organizations, participations, users } from '../db/schema.ts';
import { badRequest, conflict, forbidden } from '../errors.ts';
import { actorOf, parseBody } from '../http.ts';
import { requireAdmin, requireUser } from '../auth/middleware.ts';
import { hashPassword } from '../auth/password.ts';
import { audit } from '../audit/log.ts';
import { OrganizationInput, UserInput } from '../../shared/schemas.ts';

export function adminRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/organizations', async (c) => {
    requireUser(c);
    const rows = await db.select({ id: organizations.id, name: organizations.name, kind: organizations.kind }).from(organizations).orderBy(asc(organizations.name));
    return c.json({ organizations: rows });
  });

  app.post('/organizations', async (c) => {
    requireAdmin(c);
    const input = await parseBody(c, OrganizationInput);
    const actor = actorOf(c, deps);
    const [existing] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, input.name));
    if (existing) throw conflict('NAME_TAKEN', `Er bestaat al een organisatie met de naam ${input.name}.`);
    const [org] = await db.insert(organizations).values(input).returning();
    await audit(db, { userId: actor.user.id, organizationId: actor.user.organization.id, event: 'organization.create', target: org!.id, ip: actor.ip, details: { name: org!.name } });
    return c.json({ organization: { id: org!.id, name: org!.name, kind: org!.kind } }, 201);
  });

  app.get('/users', async (c) => {
    // Administrators, and regievoerders who pick participants and assignees.
    const user = requireUser(c);
    if (!user.admin) {
      const [regie] = await db.select({ id: participations.householdId }).from(participations).where(and(eq(participations.userId, user.id), eq(participations.role, 'regievoerder'))).limit(1);
      if (!regie) throw forbidden('Alleen een functioneel beheerder of regievoerder kan de gebruikerslijst zien.');
    }
    const rows = await db
      .select({ id: users.id, email: users.email, name: users.name, admin: users.admin, disabled: users.disabled, organization: { id: organizations.id, name: organizations.name, kind: organizations.kind } })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .orderBy(asc(users.name));
    return c.json({ users: rows });
  });

  app.post('/users', async (c) => {
    requireAdmin(c);
    const input = await parseBody(c, UserInput);
    const actor = actorOf(c, deps);
    const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.organizationId));
    if (!org) throw badRequest('UNKNOWN_ORGANIZATION', 'Deze organisatie bestaat niet.');
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing) throw conflict('EMAIL_TAKEN', `Er bestaat al een account met ${input.email}.`);
    const passwordHash = await hashPassword(input.password);
    const [u] = await db.insert(users).values({ email: input.email, name: input.name, organizationId: input.organizationId, admin: input.admin, passwordHash }).returning();
    await audit(db, { userId: actor.user.id, organizationId: actor.user.organization.id, event: 'user.create', target: u!.id, ip: actor.ip, details: { email: u!.email } });
    return c.json({ user: { id: u!.id, email: u!.email, name: u!.name, admin: u!.admin, organizationId: u!.organizationId } }, 201);
  });

  return app;
}
