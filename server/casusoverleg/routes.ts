// /api/casusoverleggen/*: the regional casusoverleg, its agenda, meeting mode, the overview after it, and its
// live stream. Handlers validate with the shared schemas and call the verbs; visibility is the verbs' business.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import type { Module } from '../module.ts';
import { actorOf, parseBody } from '../http.ts';
import { requireUser } from '../auth/middleware.ts';
import { getCollab } from '../documents/module.ts';
import { AgendaCurrentInput, AgendaItemInput, AgendaItemPatch, AgendaOrderInput, CasusoverlegInput, CasusoverlegPatch } from '../../shared/schemas.ts';
import type {
  CasusoverlegListResponse,
  CasusoverlegOverviewResponse,
  CasusoverlegPlanningResponse,
  CasusoverlegResponse,
  MeetingModeResponse,
} from '../../shared/casusoverleg.ts';
import { getCasusoverleg, listCasusoverleggen, planCasusoverleg, planningOptions, updateCasusoverleg } from './service.ts';
import { addAgendaItem, changeAgendaItem, removeAgendaItem, reorderAgenda } from './agenda.ts';
import { closeCasusoverleg, meetingMode, moveTo } from './meeting.ts';
import { overviewForViewer } from './overview.ts';
import { CasusoverlegStreams } from './stream.ts';

export function casusoverlegModule(deps: Deps): Module {
  const app = new Hono<AppEnv>();
  const streams = new CasusoverlegStreams(deps);
  const docs = () => ({ db: deps.db, rooms: getCollab(deps), hub: deps.hub, log: deps.log, auditWriter: deps.auditWriter });

  app.get('/casusoverleggen', async (c) => c.json<CasusoverlegListResponse>(await listCasusoverleggen(deps.db, requireUser(c))));
  app.get('/casusoverleggen/planning', async (c) => c.json<CasusoverlegPlanningResponse>(await planningOptions(deps.db, requireUser(c))));
  app.post('/casusoverleggen', async (c) => {
    const input = await parseBody(c, CasusoverlegInput);
    return c.json<CasusoverlegResponse>({ casusoverleg: await planCasusoverleg(deps, actorOf(c, deps), input) }, 201);
  });
  app.get('/casusoverleggen/:id', async (c) =>
    c.json<CasusoverlegResponse>({ casusoverleg: await getCasusoverleg(deps.db, actorOf(c, deps), c.req.param('id')) }),
  );
  app.patch('/casusoverleggen/:id', async (c) => {
    const input = await parseBody(c, CasusoverlegPatch);
    return c.json<CasusoverlegResponse>({ casusoverleg: await updateCasusoverleg(deps, actorOf(c, deps), c.req.param('id'), input) });
  });

  app.post('/casusoverleggen/:id/agenda', async (c) => {
    const input = await parseBody(c, AgendaItemInput);
    return c.json<CasusoverlegResponse>({ casusoverleg: await addAgendaItem(deps, actorOf(c, deps), c.req.param('id'), input) }, 201);
  });
  app.put('/casusoverleggen/:id/agenda/order', async (c) => {
    const input = await parseBody(c, AgendaOrderInput);
    return c.json<CasusoverlegResponse>({ casusoverleg: await reorderAgenda(deps, actorOf(c, deps), c.req.param('id'), input.itemIds) });
  });
  app.patch('/casusoverleggen/:id/agenda/:itemId', async (c) => {
    const input = await parseBody(c, AgendaItemPatch);
    return c.json<CasusoverlegResponse>({
      casusoverleg: await changeAgendaItem(deps, actorOf(c, deps), c.req.param('id'), c.req.param('itemId'), input),
    });
  });
  app.delete('/casusoverleggen/:id/agenda/:itemId', async (c) =>
    c.json<CasusoverlegResponse>({ casusoverleg: await removeAgendaItem(deps, actorOf(c, deps), c.req.param('id'), c.req.param('itemId')) }),
  );

  app.post('/casusoverleggen/:id/current', async (c) => {
    const input = await parseBody(c, AgendaCurrentInput);
    return c.json<CasusoverlegResponse>({ casusoverleg: await moveTo(deps, actorOf(c, deps), c.req.param('id'), input.itemId) });
  });
  app.post('/casusoverleggen/:id/close', async (c) =>
    c.json<CasusoverlegResponse>({ casusoverleg: await closeCasusoverleg(deps, actorOf(c, deps), c.req.param('id')) }),
  );
  app.get('/casusoverleggen/:id/vergadering', async (c) => c.json<MeetingModeResponse>(await meetingMode(docs(), actorOf(c, deps), c.req.param('id'))));
  app.get('/casusoverleggen/:id/overzicht', async (c) =>
    c.json<CasusoverlegOverviewResponse>(await overviewForViewer(deps, actorOf(c, deps), c.req.param('id'), deps.now())),
  );
  app.get('/casusoverleggen/:id/events', (c) => streams.respond(c));

  return { name: 'casusoverleg', api: app, close: async () => streams.closeAll() };
}
