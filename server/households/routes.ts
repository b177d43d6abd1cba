// /api/households/*: list, read, create, update, persons, participants, audit.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { requireAdmin, requireUser } from '../auth/middleware.ts';
import { actorOf, parseBody } from '../http.ts';
import { audit, listHouseholdAudit } from '../audit/log.ts';
import { AppError } from '../errors.ts';
import {
  HouseholdInput,
  HouseholdUpdate,
  HuisverbodExtensionInput,
  ParticipantInput,
  PersonInput,
  PhaseChangeInput,
} from '../../shared/schemas.ts';
import { authorizeHousehold, isUuid } from './access.ts';
import {
  addPerson,
  changePhase,
  createHousehold,
  extendHuisverbod,
  householdDetail,
  listAllHouseholdsForAdmin,
  listHouseholdsFor,
  presentHousehold,
  presentPerson,
  removeParticipant,
  setParticipant,
  updateHousehold,
  updatePerson,
} from './service.ts';

export function householdRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const user = requireUser(c);
    if (c.req.query('scope') === 'all') {
      requireAdmin(c);
      return c.json({ households: await listAllHouseholdsForAdmin(db) });
    }
    return c.json({ households: await listHouseholdsFor(db, user, deps.now()) });
  });

  app.post('/', async (c) => {
    requireAdmin(c);
    const input = await parseBody(c, HouseholdInput);
    const actor = actorOf(c, deps);
    const h = await createHousehold(db, input, actor);
    return c.json({ household: await householdDetail(db, h, null, actor.now) }, 201);
  });

  app.get('/:id', async (c) => {
    const user = requireUser(c);
    const { household, role } = await authorizeHousehold(db, user, c.req.param('id'), 'view');
    await audit(db, { userId: user.id, organizationId: user.organization.id, householdId: household.id, event: 'household.view', target: household.reference, ip: c.get('ip') });
    return c.json({ household: await householdDetail(db, household, role, deps.now()) });
  });

  app.patch('/:id', async (c) => {
    const user = requireUser(c);
    const { household, role } = await authorizeHousehold(db, user, c.req.param('id'), 'update');
    const input = await parseBody(c, HouseholdUpdate);
    const h = await updateHousehold(db, household, input, actorOf(c, deps));
    return c.json({ household: presentHousehold(h, role, deps.now()) });
  });

  app.post('/:id/phase', async (c) => {
    const user = requireUser(c);
    const { household, role } = await authorizeHousehold(db, user, c.req.param('id'), 'direct');
    const input = await parseBody(c, PhaseChangeInput);
    const h = await changePhase(db, household, input.phase, input.reason, actorOf(c, deps));
    return c.json({ household: presentHousehold(h, role, deps.now()) });
  });

  app.post('/:id/huisverbod/extension', async (c) => {
    const user = requireUser(c);
    const { household, role } = await authorizeHousehold(db, user, c.req.param('id'), 'direct');
    const input = await parseBody(c, HuisverbodExtensionInput);
    const h = await extendHuisverbod(db, household, input.extendedUntil, input.decidedBy, actorOf(c, deps));
    return c.json({ household: presentHousehold(h, role, deps.now()) });
  });

  app.post('/:id/persons', async (c) => {
    const user = requireUser(c);
    const { household } = await authorizeHousehold(db, user, c.req.param('id'), 'direct');
    const input = await parseBody(c, PersonInput);
    return c.json({ person: presentPerson(await addPerson(db, household, input, actorOf(c, deps))) }, 201);
  });

  app.put('/:id/persons/:personId', async (c) => {
    const user = requireUser(c);
    const { household } = await authorizeHousehold(db, user, c.req.param('id'), 'direct');
    const personId = c.req.param('personId');
    if (!isUuid(personId)) throw new AppError(404, 'NOT_FOUND', 'Deze persoon hoort niet bij dit huishouden.');
    const input = await parseBody(c, PersonInput);
    return c.json({ person: presentPerson(await updatePerson(db, household, personId, input, actorOf(c, deps))) });
  });

  app.post('/:id/participants', async (c) => {
    const user = requireUser(c);
    const { household } = await authorizeHousehold(db, user, c.req.param('id'), 'manageParticipants');
    const input = await parseBody(c, ParticipantInput);
    const result = await setParticipant(db, household, input, actorOf(c, deps));
    if (result.previousRole && result.previousRole !== input.role) {
      deps.hub.publish(`access:${household.id}`, { userId: input.userId, householdId: household.id, role: input.role });
    }
    return c.json({ participant: { userId: input.userId, role: input.role } }, result.created ? 201 : 200);
  });

  app.delete('/:id/participants/:userId', async (c) => {
    const user = requireUser(c);
    const { household } = await authorizeHousehold(db, user, c.req.param('id'), 'manageParticipants');
    const userId = c.req.param('userId');
    if (!isUuid(userId)) throw new AppError(404, 'NOT_FOUND', 'Deze gebruiker neemt niet deel aan dit huishouden.');
    await removeParticipant(db, household, userId, actorOf(c, deps));
    // Live connections of this user to this household (documents, event streams) are closed.
    deps.hub.publish(`access:${household.id}`, { userId, householdId: household.id, role: null });
    return c.body(null, 204);
  });

  app.get('/:id/audit', async (c) => {
    const user = requireUser(c);
    const { household } = await authorizeHousehold(db, user, c.req.param('id'), 'audit');
    const before = Number(c.req.query('before')) || undefined;
    const limit = Math.min(500, Math.max(1, Number(c.req.query('limit')) || 100));
    const rows = await listHouseholdAudit(db, household.id, { before, limit });
    return c.json({
      entries: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
    });
  });

  return app;
}
