// GET /api/households/:id/events: the household's live event stream (SSE), authorised like every
// household read; the open streams end on shutdown and when the user's access is revoked.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import type { Module } from '../modules.ts';
import { requireUser } from '../auth/middleware.ts';
import { badRequest } from '../errors.ts';
import { authorizeHousehold } from '../households/access.ts';
import { HouseholdEventStreams, resumePoint } from './sse.ts';

export function eventsModule(deps: Deps): Module {
  const streams = new HouseholdEventStreams(deps);
  const api = new Hono<AppEnv>();
  api.get('/households/:id/events', async (c) => {
    const user = requireUser(c);
    const { household } = await authorizeHousehold(deps.db, user, c.req.param('id'), 'read');
    const since = resumePoint(c);
    if (since === 'invalid') throw badRequest('VALIDATION_FAILED', 'Last-Event-ID moet een volgnummer zijn.');
    return streams.respond(c, user, household.id, since);
  });
  return { name: 'events', api, close: () => streams.closeAll() };
}
