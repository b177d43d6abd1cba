// GET /api/my-actions: Mijn acties of the signed-in user (live through the user's own stream, see feed.ts).
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import type { Module } from '../module.ts';
import { actorOf } from '../http.ts';
import { listMyActions } from './service.ts';
import type { MyActionsResponse } from '../../shared/my-actions.ts';

export function myActionsModule(deps: Deps): Module {
  const api = new Hono<AppEnv>();
  api.get('/my-actions', async (c) => {
    const actor = actorOf(c, deps);
    return c.json<MyActionsResponse>(await listMyActions(deps, actor, actor.now));
  });
  return { name: 'my-actions', api };
}
