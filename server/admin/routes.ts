// Functioneel beheer: organisations and accounts. Listing organisations is open to every signed-in user
// (needed to pick action owners); creating is for administrators only.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { actorOf, parseBody } from '../http.ts';
import { requireAdmin, requireUser } from '../auth/middleware.ts';
import { AccountUpdate, OrganizationInput, StatementSettingInput, UserInput } from '../../shared/schemas.ts';
import type { StatementSettingResponse } from '../../shared/api.ts';
import { readStatement, setStatement } from '../households/statement.ts';
import { announceAccountDisabled } from '../auth/revocation.ts';
import { AppError } from '../errors.ts';
import { isUuid } from '../access/authorize.ts';
import { createOrganization, createUser, listOrganizations, listUsers, setAccountDisabled } from './service.ts';

export function adminRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/organizations', async (c) => {
    requireUser(c);
    return c.json({ organizations: await listOrganizations(db) });
  });

  app.post('/organizations', async (c) => {
    requireAdmin(c);
    const input = await parseBody(c, OrganizationInput);
    return c.json({ organization: await createOrganization(db, input, actorOf(c, deps)) }, 201);
  });

  app.get('/users', async (c) => c.json({ users: await listUsers(db, actorOf(c, deps)) }));

  app.post('/users', async (c) => {
    requireAdmin(c);
    const input = await parseBody(c, UserInput);
    return c.json({ user: await createUser(db, input, actorOf(c, deps)) }, 201);
  });

  app.patch('/users/:id', async (c) => {
    requireAdmin(c);
    const id = c.req.param('id');
    if (!isUuid(id)) throw new AppError(404, 'NOT_FOUND', 'Dit account bestaat niet.');
    const input = await parseBody(c, AccountUpdate);
    const user = await setAccountDisabled(db, id, input.disabled, actorOf(c, deps));
    // Every live channel of the account (document sockets, event streams) ends at once, in every process.
    if (input.disabled) await announceAccountDisabled(deps, id);
    return c.json({ user });
  });

  // The geheimhoudingsverklaring's text (participants confirm it per household before they see its content).
  app.get('/admin/statement', async (c) => {
    requireAdmin(c);
    return c.json<StatementSettingResponse>({ statement: await readStatement(db) });
  });

  app.put('/admin/statement', async (c) => {
    requireAdmin(c);
    const input = await parseBody(c, StatementSettingInput);
    return c.json<StatementSettingResponse>({ statement: await setStatement(db, input, actorOf(c, deps)) });
  });

  return app;
}
