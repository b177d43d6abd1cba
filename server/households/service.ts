// Household domain verbs: list, read, create, update, participants. No HTTP here.
import { and, asc, desc, eq, type Placeholder, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { docVersions, documents, householdPersons, households, organizations, participations, phaseChanges, users } from '../db/schema.ts';
import { AppError, badRequest, conflict } from '../errors.ts';
import { audit, auditActor } from '../audit/log.ts';
import type { SessionUser } from '../auth/session.ts';
import type { HouseholdInput, HouseholdUpdate, ParticipantInput, ParticipantRemoval, ParticipationLevelInput, PersonInput } from '../../shared/schemas.ts';
import { levelFixedForRole } from '../../shared/policy.ts';
import type { InfoLevel, Phase } from '../../shared/enums.ts';
import { amsterdamDay, huisverbodTimeline } from '../../shared/huisverbod.ts';
import { presentDocument } from '../documents/presenter.ts';
import { assertOrganizationExists, referringOrganization } from './grondslag.ts';
import type { AdminHousehold, HouseholdDetail, HouseholdStatementResponse, HouseholdSummary, Participant, Person } from '../../shared/api.ts';
import type { HouseholdGrant, HouseholdRow, ParticipationRow } from '../access/authorize.ts';
import { readStatement } from './statement.ts';
import { AccessRefused } from '../access/refusal.ts';
import type { Hub } from '../realtime/hub.ts';
import { withHouseholdEvents } from '../realtime/events.ts';
import { herhaaldIncident, isHerhaaldIncident } from './herhaald.ts';
import { syncAdviceAction } from './huisverbod-advice.ts';
import { huisverbodClock } from './huisverbod-decision.ts';
import { notifyParticipation } from '../notifications/triggers.ts';

export interface ActorContext {
  user: SessionUser;
  ip: string | null;
  now: Date;
}

/** What the verbs that touch the huisverbod clock need: the board's event hub and the advice day (config). */
export interface HouseholdDeps {
  db: Db;
  hub: Hub;
  huisverbodAdviceDay: number;
}

/** The signed-in user's participation as the presenters need it (null: none, e.g. a beheerder). */
export type Viewer = Pick<ParticipationRow, 'role' | 'level' | 'statementConfirmedAt'> | null;

export function presentHousehold(h: HouseholdRow, viewer: Viewer, now: Date, herhaald: boolean): HouseholdSummary {
  const level = viewer?.level ?? null;
  // Below `volledig` the level decides what is shown: `afspraken` the reference, `signaal` nothing of the case.
  const full = level === null || level === 'volledig';
  return {
    id: h.id,
    reference: level === 'signaal' ? '' : h.reference,
    displayName: full ? h.displayName : '',
    status: h.status,
    phase: h.phase,
    profile: full ? h.profile : null,
    package: full ? h.package : null,
    hasChildren: full ? h.hasChildren : false,
    huisverbod:
      full && h.huisverbodStart
        ? {
            start: h.huisverbodStart,
            extendedUntil: h.huisverbodExtendedUntil,
            extendedBy: h.huisverbodExtendedBy,
            extendedAt: h.huisverbodExtendedAt?.toISOString() ?? null,
            timeline: huisverbodTimeline(h.huisverbodStart, h.huisverbodExtendedUntil, amsterdamDay(now)),
          }
        : null,
    regieOrganizationId: h.regieOrganizationId,
    myRole: viewer?.role ?? null,
    myLevel: level,
    statementRequired: statementRequired(viewer),
    closure:
      h.status === 'closed' && h.closedAt
        ? { closedAt: h.closedAt.toISOString(), reason: h.closeReason, note: h.closeNote, retentionEndsAt: h.retentionEndsAt?.toISOString() ?? null }
        : null,
    // Derived from the persons (content): only at volledig.
    herhaaldIncident: full && herhaald,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
  };
}

/** The same rule as the access seam's gate: a participant above `signaal` who has not confirmed the statement. */
export const statementRequired = (viewer: Viewer) => viewer !== null && viewer.level !== 'signaal' && viewer.statementConfirmedAt === null;

export async function listHouseholdsFor(db: Db, user: SessionUser, now: Date) {
  const rows = await db
    .select({
      household: households,
      viewer: { role: participations.role, level: participations.level, statementConfirmedAt: participations.statementConfirmedAt },
      herhaald: herhaaldIncident(),
    })
    .from(participations)
    .innerJoin(households, eq(households.id, participations.householdId))
    .where(eq(participations.userId, user.id))
    .orderBy(asc(households.status), desc(households.updatedAt));
  return rows.map((r) => presentHousehold(r.household, r.viewer, now, r.herhaald));
}

/** All households, minimal fields, for the functioneel beheerder's management page. */
export async function listAllHouseholdsForAdmin(db: Db): Promise<AdminHousehold[]> {
  const rows = await db
    .select({ id: households.id, reference: households.reference, displayName: households.displayName, status: households.status })
    .from(households)
    .orderBy(desc(households.createdAt));
  const regie = await db
    .select({ householdId: participations.householdId, name: users.name })
    .from(participations)
    .innerJoin(users, eq(users.id, participations.userId))
    .where(eq(participations.role, 'regievoerder'));
  return rows.map((r) => ({ ...r, regievoerders: regie.filter((x) => x.householdId === r.id).map((x) => x.name) }));
}

const participantsQuery = (db: DbOrTx, householdId: string | Placeholder) =>
  db
    .select({
      role: participations.role,
      level: participations.level,
      since: participations.createdAt,
      user: { id: users.id, name: users.name, email: users.email },
      organization: { id: organizations.id, name: organizations.name, kind: organizations.kind },
    })
    .from(participations)
    .innerJoin(users, eq(users.id, participations.userId))
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(participations.householdId, householdId))
    .orderBy(asc(participations.role), asc(users.name));

export async function listParticipants(db: DbOrTx, householdId: string): Promise<Participant[]> {
  const rows = await prepared(db, 'household_participants', (db) =>
    participantsQuery(db, sql.placeholder('householdId')).prepare('household_participants'),
  ).execute({
    householdId,
  });
  return rows.map((r) => ({ ...r, since: r.since.toISOString() }));
}

/** The household page's own reads (persons, documents, phase history, a vastgesteld plan), prepared once. */
const pageQueries = {
  persons: (db: DbOrTx) =>
    db
      .select()
      .from(householdPersons)
      .where(eq(householdPersons.householdId, sql.placeholder('householdId')))
      .orderBy(asc(householdPersons.createdAt))
      .prepare('household_persons'),
  documents: (db: DbOrTx) =>
    db
      .select()
      .from(documents)
      .where(eq(documents.householdId, sql.placeholder('householdId')))
      .orderBy(asc(documents.kind), desc(documents.meetingAt))
      .prepare('household_documents'),
  phases: (db: DbOrTx) =>
    db
      .select({
        id: phaseChanges.id,
        from: phaseChanges.fromPhase,
        to: phaseChanges.toPhase,
        reason: phaseChanges.reason,
        at: phaseChanges.changedAt,
        by: users.name,
      })
      .from(phaseChanges)
      .leftJoin(users, eq(users.id, phaseChanges.changedBy))
      .where(eq(phaseChanges.householdId, sql.placeholder('householdId')))
      .orderBy(desc(phaseChanges.changedAt))
      .prepare('household_phases'),
  // Whether the plan van aanpak has a vastgestelde version (drives the huisverbod deadline warning).
  planEstablished: (db: DbOrTx) =>
    db
      .select({ id: docVersions.id })
      .from(docVersions)
      .innerJoin(documents, eq(documents.id, docVersions.documentId))
      .where(and(eq(documents.householdId, sql.placeholder('householdId')), eq(documents.kind, 'plan'), eq(docVersions.established, true)))
      .limit(1)
      .prepare('household_plan_established'),
};
const pageQuery = <K extends keyof typeof pageQueries>(db: DbOrTx, name: K): ReturnType<(typeof pageQueries)[K]> =>
  prepared(db, `household_page_${name}`, pageQueries[name]) as ReturnType<(typeof pageQueries)[K]>;

/** What the statement page shows: the text, whether confirmed, and the household as far as the level shows. */
export async function statementFor(db: Db, grant: HouseholdGrant): Promise<HouseholdStatementResponse> {
  const [{ text }, participants] = await Promise.all([readStatement(db), listParticipants(db, grant.household.id)]);
  const summary = presentHousehold(grant.household, grant.participation, new Date(), false);
  return {
    statement: { text, confirmedAt: grant.participation?.statementConfirmedAt?.toISOString() ?? null },
    household: {
      id: grant.household.id,
      reference: summary.reference,
      regievoerders: participants.filter((p) => p.role === 'regievoerder').map((p) => ({ name: p.user.name, organization: p.organization.name })),
    },
  };
}

export function presentPerson(p: typeof householdPersons.$inferSelect): Person {
  return { id: p.id, role: p.role, label: p.label, birthYear: p.birthYear, notes: p.notes };
}

export async function householdDetail(db: Db, household: HouseholdRow, viewer: Viewer, now: Date): Promise<HouseholdDetail> {
  // Persons, documents and the phase history: only at `volledig` (a beheerder without participation sees none).
  const contentVisible = viewer !== null && viewer.level === 'volledig';
  const signaal = viewer?.level === 'signaal';
  const householdId = household.id;
  const [persons, participants, docs, phases, established, referrer, herhaald, clock] = await Promise.all([
    contentVisible ? pageQuery(db, 'persons').execute({ householdId }) : Promise.resolve([]),
    listParticipants(db, householdId),
    contentVisible ? pageQuery(db, 'documents').execute({ householdId }) : Promise.resolve([]),
    contentVisible ? pageQuery(db, 'phases').execute({ householdId }) : Promise.resolve([]),
    pageQuery(db, 'planEstablished').execute({ householdId }),
    referringOrganization(db, household),
    // Derived from the persons: content, so not for a beheerder who does not take part.
    contentVisible ? isHerhaaldIncident(db, householdId) : Promise.resolve(false),
    contentVisible ? huisverbodClock(db, household, now) : Promise.resolve(null),
  ]);
  return {
    ...presentHousehold(household, viewer, now, herhaald),
    grondslag: signaal ? null : household.grondslag,
    grondslagNote: signaal ? '' : household.grondslagNote,
    referringOrganization: signaal ? null : referrer,
    contentHidden: !contentVisible,
    planEstablished: established.length > 0,
    persons: persons.map(presentPerson),
    // `signaal` learns who the regievoerder is, nobody else.
    participants: signaal ? participants.filter((p) => p.role === 'regievoerder') : participants,
    documents: docs.map(presentDocument),
    phaseHistory: phases.map((p) => ({ ...p, at: p.at.toISOString() })),
    huisverbodClock: clock,
  };
}

async function assertUserExists(db: DbOrTx, userId: string) {
  const [u] = await db.select({ id: users.id, organizationId: users.organizationId, disabled: users.disabled }).from(users).where(eq(users.id, userId));
  if (!u || u.disabled) throw badRequest('UNKNOWN_USER', 'Deze gebruiker bestaat niet of is uitgeschakeld.');
  return u;
}

/**
 * Need to know: a functioneel beheerder manages households but cannot make themself a participant (and so
 * read everything). Refused like any other attempt on a household, and audited as one.
 */
function assertNotSelfParticipation(actor: ActorContext, userId: string, householdId: string | null) {
  if (!actor.user.admin || userId !== actor.user.id) return;
  throw new AccessRefused(
    403,
    'household',
    householdId ?? 'nieuw',
    'selfParticipation',
    householdId,
    'Als functioneel beheerder kun je jezelf niet aan een huishouden toevoegen. Vraag de regievoerder of een andere beheerder dit te doen als het echt nodig is.',
    'SELF_PARTICIPATION',
  );
}

export async function createHousehold(deps: HouseholdDeps, input: HouseholdInput, actor: ActorContext) {
  assertNotSelfParticipation(actor, input.regievoerderId, null);
  return withHouseholdEvents(deps, actor.now, async (tx, emit) => {
    const regie = await assertUserExists(tx, input.regievoerderId);
    await assertOrganizationExists(tx, input.referringOrganizationId);
    const [existing] = await tx.select({ id: households.id }).from(households).where(eq(households.reference, input.reference));
    if (existing) throw conflict('REFERENCE_TAKEN', `Het kenmerk ${input.reference} is al in gebruik.`);
    const [h] = await tx
      .insert(households)
      .values({
        reference: input.reference,
        displayName: input.displayName,
        profile: input.profile ?? null,
        package: input.package ?? null,
        hasChildren: input.hasChildren,
        phase: input.phase,
        huisverbodStart: input.huisverbodStart ?? null,
        regieOrganizationId: regie.organizationId,
        grondslag: input.grondslag,
        grondslagNote: input.grondslagNote,
        referringOrganizationId: input.referringOrganizationId,
        createdBy: actor.user.id,
      })
      .returning();
    await tx.insert(participations).values({ householdId: h!.id, userId: input.regievoerderId, role: 'regievoerder', addedBy: actor.user.id });
    if (input.persons.length) {
      await tx.insert(householdPersons).values(input.persons.map((p) => personValues(h!.id, p)));
    }
    // Every household has exactly one plan, created with it; its content is filled from the template on first load.
    await tx.insert(documents).values({ householdId: h!.id, kind: 'plan', title: 'Plan van aanpak', createdBy: actor.user.id });
    await tx.insert(phaseChanges).values({ householdId: h!.id, fromPhase: null, toPhase: input.phase, reason: 'Casus aangemaakt', changedBy: actor.user.id });
    await audit(tx, {
      ...auditActor(actor),
      householdId: h!.id,
      event: 'household.create',
      target: h!.reference,
      details: { grondslag: input.grondslag, referringOrganizationId: input.referringOrganizationId },
    });
    await audit(tx, { ...auditActor(actor), householdId: h!.id, event: 'participant.add', target: input.regievoerderId, details: { role: 'regievoerder' } });
    await notifyParticipation(tx, emit, actor, h!.id, input.regievoerderId, true);
    // Day 0 of a huisverbod: the advice step goes on the board.
    await syncAdviceAction(tx, emit, h!, deps.huisverbodAdviceDay, actor);
    return h!;
  });
}

function personValues(householdId: string, p: PersonInput) {
  return { householdId, role: p.role, label: p.label, birthYear: p.birthYear ?? null, notes: p.notes ?? '' };
}

export async function updateHousehold(deps: HouseholdDeps, household: HouseholdRow, input: HouseholdUpdate, actor: ActorContext) {
  return withHouseholdEvents(deps, actor.now, async (tx, emit) => {
    const [h] = await tx
      .update(households)
      .set({ ...input, updatedAt: actor.now })
      .where(eq(households.id, household.id))
      .returning();
    await audit(tx, { ...auditActor(actor), householdId: household.id, event: 'household.update', target: household.reference, details: input });
    // A huisverbod recorded now (day 0) gets its advice step; a moved date moves the open advice's due date.
    if (input.huisverbodStart && input.huisverbodStart !== household.huisverbodStart) await syncAdviceAction(tx, emit, h!, deps.huisverbodAdviceDay, actor);
    return h!;
  });
}

export async function changePhase(db: Db, household: HouseholdRow, to: Phase, reason: string, actor: ActorContext) {
  if (household.phase === to) throw badRequest('PHASE_UNCHANGED', 'Het huishouden is al in deze fase.');
  return db.transaction(async (tx) => {
    const [h] = await tx.update(households).set({ phase: to, updatedAt: actor.now }).where(eq(households.id, household.id)).returning();
    await tx.insert(phaseChanges).values({ householdId: household.id, fromPhase: household.phase, toPhase: to, reason, changedBy: actor.user.id });
    await audit(tx, { ...auditActor(actor), householdId: household.id, event: 'household.phase', target: to, details: { from: household.phase, reason } });
    return h!;
  });
}

export async function addPerson(db: Db, household: HouseholdRow, input: PersonInput, actor: ActorContext) {
  return db.transaction(async (tx) => {
    const [p] = await tx.insert(householdPersons).values(personValues(household.id, input)).returning();
    await audit(tx, { ...auditActor(actor), householdId: household.id, event: 'person.add', target: p!.id, details: { role: p!.role } });
    return p!;
  });
}

export async function updatePerson(db: Db, household: HouseholdRow, personId: string, input: PersonInput, actor: ActorContext) {
  return db.transaction(async (tx) => {
    const [p] = await tx
      .update(householdPersons)
      .set({ role: input.role, label: input.label, birthYear: input.birthYear ?? null, notes: input.notes ?? '' })
      .where(and(eq(householdPersons.id, personId), eq(householdPersons.householdId, household.id)))
      .returning();
    if (!p) throw new AppError(404, 'NOT_FOUND', 'Deze persoon hoort niet bij dit huishouden.');
    await audit(tx, { ...auditActor(actor), householdId: household.id, event: 'person.update', target: p.id });
    return p;
  });
}

/** Adds a participant or changes their role. Returns whether access was narrowed (so live connections re-check). */
export async function setParticipant(deps: { db: Db; hub: Hub }, household: HouseholdRow, input: ParticipantInput, actor: ActorContext) {
  assertNotSelfParticipation(actor, input.userId, household.id);
  await assertUserExists(deps.db, input.userId);
  return withHouseholdEvents(deps, actor.now, async (tx, emit) => {
    const [existing] = await tx
      .select()
      .from(participations)
      .where(and(eq(participations.householdId, household.id), eq(participations.userId, input.userId)));
    if (existing?.role === 'regievoerder' && input.role !== 'regievoerder') await assertAnotherRegievoerder(tx, household.id, input.userId);
    if (existing) {
      await tx
        .update(participations)
        // A regievoerder always sees everything (shared/policy.ts levelFixedForRole).
        .set(levelFixedForRole(input.role) ? { role: input.role, level: 'volledig' } : { role: input.role })
        .where(and(eq(participations.householdId, household.id), eq(participations.userId, input.userId)));
    } else {
      await tx.insert(participations).values({ householdId: household.id, userId: input.userId, role: input.role, addedBy: actor.user.id });
    }
    await audit(tx, {
      ...auditActor(actor),
      householdId: household.id,
      event: existing ? 'participant.change' : 'participant.add',
      target: input.userId,
      details: { role: input.role, previousRole: existing?.role ?? null, ...(input.reason ? { reason: input.reason } : {}) },
    });
    if (!existing) await notifyParticipation(tx, emit, actor, household.id, input.userId, true);
    const level: InfoLevel = existing && !levelFixedForRole(input.role) ? existing.level : 'volledig';
    return { created: !existing, previousRole: existing?.role ?? null, level };
  });
}

/**
 * The regievoerder sets what a participant sees. A regievoerder's own level cannot be lowered (422), a
 * non-participant answers 404. Returns the participation as it is now, or null when nothing changed.
 */
export async function setParticipationLevel(db: Db, household: HouseholdRow, userId: string, input: ParticipationLevelInput, actor: ActorContext) {
  return db.transaction(async (tx) => {
    const where = and(eq(participations.householdId, household.id), eq(participations.userId, userId));
    const [existing] = await tx.select().from(participations).where(where).for('update');
    if (!existing) throw new AppError(404, 'NOT_FOUND', 'Deze gebruiker neemt niet deel aan dit huishouden.');
    if (levelFixedForRole(existing.role) && input.level !== 'volledig') {
      throw new AppError(422, 'LEVEL_FIXED', 'Een regievoerder heeft altijd het informatieniveau volledig.');
    }
    if (existing.level === input.level) return null;
    const [row] = await tx.update(participations).set({ level: input.level }).where(where).returning();
    await audit(tx, {
      ...auditActor(actor),
      householdId: household.id,
      event: 'participant.level',
      target: userId,
      details: { level: input.level, previousLevel: existing.level, ...(input.reason ? { reason: input.reason } : {}) },
    });
    return row!;
  });
}

async function assertAnotherRegievoerder(tx: DbOrTx, householdId: string, leavingUserId: string) {
  const regie = await tx
    .select({ userId: participations.userId })
    .from(participations)
    .where(and(eq(participations.householdId, householdId), eq(participations.role, 'regievoerder')));
  if (!regie.some((r) => r.userId !== leavingUserId)) {
    throw conflict('LAST_REGIEVOERDER', 'Een huishouden heeft altijd een regievoerder. Wijs eerst een andere regievoerder aan.');
  }
}

export async function removeParticipant(deps: { db: Db; hub: Hub }, household: HouseholdRow, userId: string, input: ParticipantRemoval, actor: ActorContext) {
  return withHouseholdEvents(deps, actor.now, async (tx, emit) => {
    const [existing] = await tx
      .select()
      .from(participations)
      .where(and(eq(participations.householdId, household.id), eq(participations.userId, userId)));
    if (!existing) throw new AppError(404, 'NOT_FOUND', 'Deze gebruiker neemt niet deel aan dit huishouden.');
    if (existing.role === 'regievoerder') await assertAnotherRegievoerder(tx, household.id, userId);
    await tx.delete(participations).where(and(eq(participations.householdId, household.id), eq(participations.userId, userId)));
    await audit(tx, {
      ...auditActor(actor),
      householdId: household.id,
      event: 'participant.remove',
      target: userId,
      details: { role: existing.role, ...(input.reason ? { reason: input.reason } : {}) },
    });
    await notifyParticipation(tx, emit, actor, household.id, userId, false);
  });
}

export async function householdIdsOf(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db.select({ id: participations.householdId }).from(participations).where(eq(participations.userId, userId));
  return rows.map((r) => r.id);
}
