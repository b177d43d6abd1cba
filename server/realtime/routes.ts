// GET /api/households/:id/events: the household's live event stream (SSE), authorised through the access
// seam like every household read and audited when opened; the open streams end on shutdown and whenever
// the access registry revokes them.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import type { Module } from '../module.ts';
import { requireUser } from '../auth/middleware.ts';
import { badRequest } from '../errors.ts';
import { authorizeHousehold } from '../access/authorize.ts';
import { auditRead } from '../access/read-audit.ts';
import { HouseholdEventStreams, resumePoint } from './sse.ts';

export function eventsModule(deps: Deps): Module {
  const streams = new HouseholdEventStreams(deps);
  deps.metrics.provide({ sseStreams: () => streams.size });
  const api = new Hono<AppEnv>();
  api.get('/households/:id/events', async (c) => {
    const authorizedAt = Date.now();
    const requester = { user: requireUser(c), ip: c.get('ip') };
    const grant = await authorizeHousehold(deps.db, requester, c.req.param('id'), 'readBoard');
    const since = resumePoint(c);
    if (since === 'invalid') throw badRequest('VALIDATION_FAILED', 'Last-Event-ID moet een volgnummer zijn.');
    await auditRead(deps, grant, 'events.open', grant.household.id, since === null ? undefined : { lastEventId: since });
    return streams.respond(c, grant, c.get('session')!, since, authorizedAt);
  });
  return { name: 'events', api, close: () => streams.closeAll() };
}
