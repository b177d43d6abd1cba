// GET /api/overview: the regievoerder overview of the signed-in user (empty lists for anyone who directs nothing).
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import type { Module } from '../module.ts';
import { requireUser } from '../auth/middleware.ts';
import { badRequest } from '../errors.ts';
import { DEFAULT_MEETING_WEEKS, regievoerderOverview } from './service.ts';

export function overviewModule(deps: Deps): Module {
  const api = new Hono<AppEnv>();
  api.get('/overview', async (c) => {
    const user = requireUser(c);
    const raw = c.req.query('weeks');
    const weeks = raw === undefined || raw === '' ? DEFAULT_MEETING_WEEKS : Number(raw);
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) throw badRequest('VALIDATION_FAILED', 'weeks: kies een aantal weken van 1 tot en met 52.');
    return c.json(await regievoerderOverview(deps.db, user.id, deps.now(), weeks));
  });
  return { name: 'overview', api };
}
