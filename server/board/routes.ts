// /api/households/:id/actions and /api/actions/:id/*: validate, authorise, call a verb, answer JSON.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { actorOf, parseBody } from '../http.ts';
import { badRequest } from '../errors.ts';
import { authorizeAction, authorizeHousehold, type HouseholdGrant } from '../access/authorize.ts';
import { actionForLevel, historyForLevel } from './presenter.ts';
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

/** The information level of the grant's participant (null: a beheerder without participation). */
const levelOf = (grant: HouseholdGrant) => grant.participation?.level ?? null;

export function boardRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/households/:id/actions', async (c) => {
    const grant = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'readBoard');
    const statuses = parseStatuses(c.req.query('status'));
    const [list] = await Promise.all([listActions(db, grant, statuses, deps.now()), auditRead(deps, grant, 'board.view', grant.household.id)]);
    return c.json(list);
  });

  app.post('/households/:id/actions', async (c) => {
    const { household, participation } = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'write');
    const input = await parseBody(c, ActionInput);
    return c.json({ action: await createAction(deps, household, participation, input, actorOf(c, deps)) }, 201);
  });

  app.get('/actions/:id', async (c) => {
    const grant = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'readBoard');
    const [action] = await Promise.all([getAction(db, grant.action, deps.now()), auditRead(deps, grant, 'action.view', grant.action.id)]);
    return c.json({ action: actionForLevel(action, levelOf(grant)) });
  });

  app.get('/actions/:id/history', async (c) => {
    const grant = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'readBoard');
    const [events] = await Promise.all([actionHistory(db, grant.action.id), auditRead(deps, grant, 'action.history', grant.action.id)]);
    return c.json({ events: historyForLevel(events, levelOf(grant)) });
  });

  app.patch('/actions/:id', async (c) => {
    const loaded = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'writeBoard');
    const input = await parseBody(c, ActionPatch);
    return c.json({ action: actionForLevel(await updateAction(deps, loaded, input, actorOf(c, deps)), levelOf(loaded)) });
  });

  app.post('/actions/:id/claim', async (c) => {
    const loaded = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'writeBoard');
    return c.json({ action: actionForLevel(await claimAction(deps, loaded, actorOf(c, deps)), levelOf(loaded)) });
  });

  app.post('/actions/:id/release', async (c) => {
    const loaded = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'writeBoard');
    return c.json({ action: actionForLevel(await releaseAction(deps, loaded, actorOf(c, deps)), levelOf(loaded)) });
  });

  app.post('/actions/:id/complete', async (c) => {
    const loaded = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'writeBoard');
    const input = await parseBody(c, ActionCompleteInput);
    return c.json({ action: actionForLevel(await completeAction(deps, loaded, input.note, actorOf(c, deps)), levelOf(loaded)) });
  });

  app.post('/actions/:id/reopen', async (c) => {
    const loaded = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'writeBoard');
    return c.json({ action: actionForLevel(await reopenAction(deps, loaded, actorOf(c, deps)), levelOf(loaded)) });
  });

  app.post('/actions/:id/cancel', async (c) => {
    const loaded = await authorizeAction(db, actorOf(c, deps), c.req.param('id'), 'direct');
    return c.json({ action: actionForLevel(await cancelAction(deps, loaded, actorOf(c, deps)), levelOf(loaded)) });
  });

  return app;
}
