// /api/households/:id/actions and /api/actions/:id/*: validate, authorise, call a verb, answer JSON.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { requireUser } from '../auth/middleware.ts';
import { actorOf, parseBody } from '../http.ts';
import { badRequest } from '../errors.ts';
import { authorizeHousehold } from '../households/access.ts';
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
  loadAction,
  releaseAction,
  reopenAction,
  updateAction,
} from './service.ts';

function parseStatuses(raw: string | undefined): ActionStatus[] | null {
  if (!raw) return null;
  const parts = raw.split(',').map((s) => s.trim()).filter(Boolean);
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
    const user = requireUser(c);
    const { household } = await authorizeHousehold(db, user, c.req.param('id'), 'read');
    return c.json(await listActions(db, household.id, parseStatuses(c.req.query('status')), deps.now()));
  });

  app.post('/households/:id/actions', async (c) => {
    const user = requireUser(c);
    const { household, role } = await authorizeHousehold(db, user, c.req.param('id'), 'write');
    const input = await parseBody(c, ActionInput);
    return c.json({ action: await createAction(deps, household, role, input, actorOf(c, deps)) }, 201);
  });

  app.get('/actions/:id', async (c) => {
    const loaded = await loadAction(db, requireUser(c), c.req.param('id'), 'read');
    return c.json({ action: await getAction(db, loaded.row, deps.now()) });
  });

  app.get('/actions/:id/history', async (c) => {
    const loaded = await loadAction(db, requireUser(c), c.req.param('id'), 'read');
    return c.json({ events: await actionHistory(db, loaded.row.id) });
  });

  app.patch('/actions/:id', async (c) => {
    const loaded = await loadAction(db, requireUser(c), c.req.param('id'), 'write');
    const input = await parseBody(c, ActionPatch);
    return c.json({ action: await updateAction(deps, loaded, input, actorOf(c, deps)) });
  });

  app.post('/actions/:id/claim', async (c) => {
    const loaded = await loadAction(db, requireUser(c), c.req.param('id'), 'write');
    return c.json({ action: await claimAction(deps, loaded, actorOf(c, deps)) });
  });

  app.post('/actions/:id/release', async (c) => {
    const loaded = await loadAction(db, requireUser(c), c.req.param('id'), 'write');
    return c.json({ action: await releaseAction(deps, loaded, actorOf(c, deps)) });
  });

  app.post('/actions/:id/complete', async (c) => {
    const loaded = await loadAction(db, requireUser(c), c.req.param('id'), 'write');
    const input = await parseBody(c, ActionCompleteInput);
    return c.json({ action: await completeAction(deps, loaded, input.note, actorOf(c, deps)) });
  });

  app.post('/actions/:id/reopen', async (c) => {
    const loaded = await loadAction(db, requireUser(c), c.req.param('id'), 'write');
    return c.json({ action: await reopenAction(deps, loaded, actorOf(c, deps)) });
  });

  app.post('/actions/:id/cancel', async (c) => {
    const loaded = await loadAction(db, requireUser(c), c.req.param('id'), 'direct');
    return c.json({ action: await cancelAction(deps, loaded, actorOf(c, deps)) });
  });

  return app;
}
