// /api/households/:id/actions and /api/actions/:id/*: validate, authorise, call a verb, answer JSON.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { actorOf, parseBody } from '../http.ts';
import { badRequest } from '../errors.ts';
import { authorizeAction, authorizeHousehold } from '../access/authorize.ts';
import { auditRead } from '../access/read-audit.ts';
import { ActionCompleteInput, ActionInput, ActionPatch, ActionStatusFilter } from '../../shared/schemas.ts';
import type { ActionStatus } from '../../shared/enums.ts';
import {
  actionHistory,
  cancelAction,
  claimAction,
  completeAction,
  createAction,
  getAction,
  listActions,
  releaseAction,
  reopenAction,
  updateAction,
} from './service.ts';

function parseStatuses(raw: string | undefined): ActionStatus[] | null {
  if (!raw) return null;
  const parts = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const statuses: ActionStatus[] = [];
  for (const p of parts) {
    const r = ActionStatusFilter.safeParse(p);
    if (!r.success) throw badRequest('VALIDATION_FAILED', `Onbekende status: ${p}. Kies uit open, claimed, done, cancelled.`);
    statuses.push(r.data);
  }
  return statuses;
}

export function boardRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/households/:id/actions', async (c) => {
    const grant = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'read');
    const statuses = parseStatuses(c.req.query('status'));
    const [list] = await Promise.all([listActions(db, grant.household.id, statuses, deps.now()), auditRead(deps, grant, 'board.view', grant.household.id)]);
    return c.json(list);
  });

  app.post('/households/:id/actions', async (c) => {
    const { household, role } = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'write');
    const input = await parseBody(c, ActionInput);
    return c.json({ action: await createAction(deps, household, role, input, actorOf(c, deps)) }, 201);
  });

  app.get('/actions/:id', async (c) => {
    const grant = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'read');
    const [action] = await Promise.all([getAction(db, grant.action, deps.now()), auditRead(deps, grant, 'action.view', grant.action.id)]);
    return c.json({ action });
  });

  app.get('/actions/:id/history', async (c) => {
    const grant = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'read');
    const [events] = await Promise.all([actionHistory(db, grant.action.id), auditRead(deps, grant, 'action.history', grant.action.id)]);
    return c.json({ events });
  });

  app.patch('/actions/:id', async (c) => {
    const loaded = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'write');
    const input = await parseBody(c, ActionPatch);
    return c.json({ action: await updateAction(deps, loaded, input, actorOf(c, deps)) });
  });

  app.post('/actions/:id/claim', async (c) => {
    const loaded = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'write');
    return c.json({ action: await claimAction(deps, loaded, actorOf(c, deps)) });
  });

  app.post('/actions/:id/release', async (c) => {
    const loaded = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'write');
    return c.json({ action: await releaseAction(deps, loaded, actorOf(c, deps)) });
  });

  app.post('/actions/:id/complete', async (c) => {
    const loaded = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'write');
    const input = await parseBody(c, ActionCompleteInput);
    return c.json({ action: await completeAction(deps, loaded, input.note, actorOf(c, deps)) });
  });

  app.post('/actions/:id/reopen', async (c) => {
    const loaded = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'write');
    return c.json({ action: await reopenAction(deps, loaded, actorOf(c, deps)) });
  });

  app.post('/actions/:id/cancel', async (c) => {
    const loaded = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'direct');
    return c.json({ action: await cancelAction(deps, loaded, actorOf(c, deps)) });
  });

  return app;
}
