// /api/households/*: list, read, create, update, persons, participants; the Logboek in logboek-routes.ts.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { requireAdmin, requireUser } from '../auth/middleware.ts';
import { actorOf, parseBody } from '../http.ts';
import { logboekRoutes } from './logboek-routes.ts';
import { AppError } from '../errors.ts';
import {
  CloseHouseholdInput,
  GrondslagChangeInput,
  AdminParticipantInput,
  AdminParticipantRemoval,
  HouseholdInput,
  HouseholdUpdate,
  HuisverbodDecisionInput,
  HuisverbodExtensionInput,
  ParticipantInput,
  ParticipantRemoval,
  ParticipationLevelInput,
  PersonInput,
  PhaseChangeInput,
  ReopenHouseholdInput,
} from '../../shared/schemas.ts';
import { authorizeHousehold, isUuid, type HouseholdGrant } from '../access/authorize.ts';
import { auditRead } from '../access/read-audit.ts';
import { announceParticipationChanged } from '../access/revocation.ts';
import { participationChangeNeedsReason } from '../../shared/policy.ts';
import { closeHousehold, reopenHousehold } from './closing.ts';
import { changeGrondslag } from './grondslag.ts';
import { announceParticipation } from './announce.ts';
import { confirmStatement } from './statement.ts';
import { extendHuisverbod, recordHuisverbodDecision } from './huisverbod-decision.ts';
import {
  addPerson,
  changePhase,
  createHousehold,
  householdDetail,
  listAllHouseholdsForAdmin,
  listHouseholdsFor,
  presentPerson,
  removeParticipant,
  setParticipant,
  setParticipationLevel,
  statementFor,
  updateHousehold,
  updatePerson,
} from './service.ts';
import type { AdminHouseholdListResponse, HouseholdListResponse, HouseholdResponse, HouseholdStatementResponse } from '../../shared/api.ts';

/** Managing participants by the admin flag alone (not as this household's regievoerder): a reason is required. */
const actsAsBeheerder = (grant: HouseholdGrant) => participationChangeNeedsReason({ admin: grant.requester.user.admin, role: grant.role });

export function householdRoutes(deps: Deps) {
  const { db } = deps;
  const clockDeps = { db, hub: deps.hub, huisverbodAdviceDay: deps.config.huisverbodAdviceDay };
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const user = requireUser(c);
    if (c.req.query('scope') === 'all') {
      requireAdmin(c);
      return c.json<AdminHouseholdListResponse>({ households: await listAllHouseholdsForAdmin(db) });
    }
    return c.json<HouseholdListResponse>({ households: await listHouseholdsFor(db, user, deps.now()) });
  });

  app.post('/', async (c) => {
    requireAdmin(c);
    const input = await parseBody(c, HouseholdInput);
    const actor = actorOf(c, deps);
    const h = await createHousehold(clockDeps, input, actor);
    await announceParticipation(deps, h.id, input.regievoerderId, { role: 'regievoerder', level: 'volledig' }, actor.now);
    return c.json<HouseholdResponse>({ household: await householdDetail(db, h, null, actor.now) }, 201);
  });

  app.get('/:id', async (c) => {
    const grant = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'view');
    const [detail] = await Promise.all([
      householdDetail(db, grant.household, grant.participation, deps.now()),
      auditRead(deps, grant, 'household.view', grant.household.reference),
    ]);
    return c.json<HouseholdResponse>({ household: detail });
  });

  app.patch('/:id', async (c) => {
    const { household, participation } = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'update');
    const input = await parseBody(c, HouseholdUpdate);
    const h = await updateHousehold(clockDeps, household, input, actorOf(c, deps));
    return c.json<HouseholdResponse>({ household: await householdDetail(db, h, participation, deps.now()) });
  });

  app.put('/:id/grondslag', async (c) => {
    const { household, participation } = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'update');
    const input = await parseBody(c, GrondslagChangeInput);
    const h = await changeGrondslag(db, household, input, actorOf(c, deps));
    return c.json<HouseholdResponse>({ household: await householdDetail(db, h, participation, deps.now()) });
  });

  app.post('/:id/close', async (c) => {
    const { household, participation } = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'close');
    const input = await parseBody(c, CloseHouseholdInput);
    const h = await closeHousehold({ db, hub: deps.hub, retentionMonths: deps.config.retentionMonths }, household, input, actorOf(c, deps));
    return c.json<HouseholdResponse>({ household: await householdDetail(db, h, participation, deps.now()) });
  });

  app.post('/:id/reopen', async (c) => {
    const { household, participation } = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'reopen');
    const input = await parseBody(c, ReopenHouseholdInput);
    const h = await reopenHousehold({ db, hub: deps.hub, retentionMonths: deps.config.retentionMonths }, household, input.reason, actorOf(c, deps));
    return c.json<HouseholdResponse>({ household: await householdDetail(db, h, participation, deps.now()) });
  });

  app.post('/:id/phase', async (c) => {
    const { household, participation } = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'direct');
    const input = await parseBody(c, PhaseChangeInput);
    const h = await changePhase(db, household, input.phase, input.reason, actorOf(c, deps));
    return c.json<HouseholdResponse>({ household: await householdDetail(db, h, participation, deps.now()) });
  });

  app.post('/:id/huisverbod/extension', async (c) => {
    const { household, participation } = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'direct');
    const input = await parseBody(c, HuisverbodExtensionInput);
    const h = await extendHuisverbod(db, household, input.extendedUntil, input.decidedBy, actorOf(c, deps));
    return c.json<HouseholdResponse>({ household: await householdDetail(db, h, participation, deps.now()) });
  });

  // The burgemeester's decision on extending the huisverbod; the verb checks that the gemeente records it.
  app.post('/:id/huisverbod/decision', async (c) => {
    const grant = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'write');
    const input = await parseBody(c, HuisverbodDecisionInput);
    const h = await recordHuisverbodDecision(deps, grant, input, actorOf(c, deps));
    return c.json<HouseholdResponse>({ household: await householdDetail(db, h, grant.participation, deps.now()) });
  });

  app.post('/:id/persons', async (c) => {
    const { household } = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'direct');
    const input = await parseBody(c, PersonInput);
    return c.json({ person: presentPerson(await addPerson(db, household, input, actorOf(c, deps))) }, 201);
  });

  app.put('/:id/persons/:personId', async (c) => {
    const { household } = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'direct');
    const personId = c.req.param('personId');
    if (!isUuid(personId)) throw new AppError(404, 'NOT_FOUND', 'Deze persoon hoort niet bij dit huishouden.');
    const input = await parseBody(c, PersonInput);
    return c.json({ person: presentPerson(await updatePerson(db, household, personId, input, actorOf(c, deps))) });
  });

  app.post('/:id/participants', async (c) => {
    const grant = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'manageParticipants');
    const { household } = grant;
    const input = await parseBody(c, actsAsBeheerder(grant) ? AdminParticipantInput : ParticipantInput);
    const result = await setParticipant(deps, household, input, actorOf(c, deps));
    await announceParticipation(deps, household.id, input.userId, { role: input.role, level: result.level }, deps.now());
    if (result.previousRole && result.previousRole !== input.role) await announceParticipationChanged(deps.hub, household.id, input.userId, input.role);
    return c.json({ participant: { userId: input.userId, role: input.role, level: result.level } }, result.created ? 201 : 200);
  });

  // The regievoerder alone sets what a participant sees; open sockets and streams re-check at once.
  app.put('/:id/participants/:userId/level', async (c) => {
    const { household } = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'direct');
    const userId = c.req.param('userId');
    if (!isUuid(userId)) throw new AppError(404, 'NOT_FOUND', 'Deze gebruiker neemt niet deel aan dit huishouden.');
    const input = await parseBody(c, ParticipationLevelInput);
    const changed = await setParticipationLevel(db, household, userId, input, actorOf(c, deps));
    if (changed) {
      await announceParticipationChanged(deps.hub, household.id, userId, changed.role);
      await announceParticipation(deps, household.id, userId, { role: changed.role, level: changed.level }, deps.now());
    }
    return c.json({ participant: { userId, level: input.level } });
  });

  // The geheimhoudingsverklaring of this household: readable and confirmable before it is confirmed.
  app.get('/:id/statement', async (c) => {
    const grant = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'view', { beforeStatement: true });
    return c.json<HouseholdStatementResponse>(await statementFor(db, grant));
  });

  app.post('/:id/statement', async (c) => {
    const grant = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'view', { beforeStatement: true });
    if (!grant.participation) throw new AppError(403, 'NOT_A_PARTICIPANT', 'Alleen deelnemers aan dit huishouden bevestigen de geheimhoudingsverklaring.');
    const confirmedAt = await confirmStatement(db, grant, actorOf(c, deps));
    return c.json({ confirmedAt: confirmedAt.toISOString() });
  });

  app.delete('/:id/participants/:userId', async (c) => {
    const grant = await authorizeHousehold(db, actorOf(c, deps), c.req.param('id'), 'manageParticipants');
    const { household } = grant;
    const userId = c.req.param('userId');
    if (!isUuid(userId)) throw new AppError(404, 'NOT_FOUND', 'Deze gebruiker neemt niet deel aan dit huishouden.');
    const input = await parseBody(c, actsAsBeheerder(grant) ? AdminParticipantRemoval : ParticipantRemoval);
    await removeParticipant(deps, household, userId, input, actorOf(c, deps));
    // Every live channel of this user to this household (document sockets, event streams), in every process.
    await announceParticipationChanged(deps.hub, household.id, userId, null);
    await announceParticipation(deps, household.id, userId, null, deps.now());
    return c.body(null, 204);
  });

  app.route('/', logboekRoutes(deps));

  return app;
}
