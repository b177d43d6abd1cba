// Functioneel beheer of identity: an organisation's sign-in rules, and resetting a user's second factor.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { notFound } from '../errors.ts';
import { parseBody } from '../http.ts';
import { OrganizationSecurityInput } from '../../shared/auth.ts';
import { isUuid } from '../access/authorize.ts';
import { requireAdmin } from './middleware.ts';
import { organizationSecurity, updateOrganizationSecurity } from './organization-security.ts';
import { resetSecondFactor } from './factors.ts';
import { announceSessionsEnded } from './revocation.ts';

export function identityAdminRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/organizations/:id/security', async (c) => {
    requireAdmin(c);
    const id = c.req.param('id');
    const security = isUuid(id) ? await organizationSecurity(db, id) : null;
    if (!security) throw notFound('Deze organisatie bestaat niet.');
    return c.json({ security });
  });

  app.patch('/organizations/:id/security', async (c) => {
    const input = await parseBody(c, OrganizationSecurityInput);
    const admin = requireAdmin(c);
    const id = c.req.param('id');
    const security = isUuid(id)
      ? await updateOrganizationSecurity(db, deps.secrets, id, input, { userId: admin.id, organizationId: admin.organization.id, ip: c.get('ip') })
      : null;
    if (!security) throw notFound('Deze organisatie bestaat niet.');
    return c.json({ security });
  });

  // The user's factors are gone and their sessions end; they enrol again at the next sign-in (and are told why).
  app.post('/users/:id/reset-second-factor', async (c) => {
    const admin = requireAdmin(c);
    const id = c.req.param('id');
    if (!isUuid(id) || !(await resetSecondFactor(db, id, { userId: admin.id, organizationId: admin.organization.id, ip: c.get('ip') }, deps.now()))) {
      throw notFound('Dit account bestaat niet.');
    }
    announceSessionsEnded(deps, await deps.sessions.invalidateUserSessions(id));
    return c.body(null, 204);
  });

  return app;
}
