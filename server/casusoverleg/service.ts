// The regional casusoverleg: plan it, change its facts, list and read it. Every change runs in one transaction
// on the locked casusoverleg row, bumps its revision and is audited; after the commit every open screen gets a
// hint (no content) on the hub and re-reads what it may see over HTTP (stream.ts).
// Who may do what: a regievoerder (of at least one open household) plans; the chair and the planner keep the
// facts and the order of the agenda; the chair alone runs the meeting (meeting.ts); households are added by
// their own regievoerder (agenda.ts).
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { casusoverlegItems, casusoverleggen, documents, households, organizations, participations, users } from '../db/schema.ts';
import { AppError, badRequest, conflict } from '../errors.ts';
import { audit, auditActor } from '../audit/log.ts';
import type { Hub } from '../realtime/hub.ts';
import type { ActorContext } from '../households/service.ts';
import type { Requester } from '../access/authorize.ts';
import { can } from '../../shared/policy.ts';
import type { CasusoverlegInput, CasusoverlegPatch } from '../../shared/schemas.ts';
import type { CasusoverlegDetail, CasusoverlegHint, CasusoverlegListResponse, CasusoverlegPlanningResponse } from '../../shared/casusoverleg.ts';
import { presentDetail, presentSummaries } from './presenter.ts';
import { isOrganiser, loadVisible, visibleTo, type CasusoverlegRow } from './visibility.ts';
import type { AfterCommit } from '../notifications/store.ts';

export interface CasusoverlegDeps {
  db: Db;
  hub: Hub;
}

/** Hub topic of one casusoverleg's live hints. */
export const casusoverlegTopic = (id: string) => `casusoverleg:${id}`;

export const closedCasusoverleg = () => conflict('CASUSOVERLEG_CLOSED', 'Dit casusoverleg is gesloten en kan niet meer worden gewijzigd.');
export const notOrganiser = () => new AppError(403, 'NOT_ORGANISER', 'Alleen de voorzitter of wie het overleg plande mag dit wijzigen.');

/**
 * Runs a change on the casusoverleg (visible to the actor, row locked), bumps its revision, and tells every
 * open screen after the commit (and runs what the change asked to run then, e.g. telling users of notifications).
 * Returns the casusoverleg as the actor sees it now.
 */
export async function changeCasusoverleg(
  deps: CasusoverlegDeps,
  actor: ActorContext,
  id: string,
  fn: (tx: Tx, row: CasusoverlegRow, commit: AfterCommit) => Promise<void>,
): Promise<CasusoverlegDetail> {
  const committed: ((hub: Hub) => void)[] = [];
  const row = await deps.db.transaction(async (tx) => {
    committed.length = 0; // a retried callback starts clean
    const current = await loadVisible(tx, actor.user.id, id, { forUpdate: true });
    await fn(tx, current, { afterCommit: (f) => void committed.push(f) });
    const [after] = await tx
      .update(casusoverleggen)
      .set({ revision: sql`${casusoverleggen.revision} + 1`, updatedAt: actor.now })
      .where(eq(casusoverleggen.id, current.id))
      .returning();
    return after!;
  });
  await announce(deps.hub, row);
  for (const f of committed) f(deps.hub);
  // As the actor sees it now. (A chair who just handed the chair over, or took their last household off, still gets
  // this answer: its facts they knew a moment ago, and the items as their own participations show them; from the
  // next request on it is 404 for them, like for anyone who does not see it.)
  return presentDetail(deps.db, actor, row);
}

function announce(hub: Hub, row: CasusoverlegRow) {
  const hint: CasusoverlegHint = { casusoverlegId: row.id, revision: row.revision };
  return Promise.resolve(hub.publish(casusoverlegTopic(row.id), hint));
}

/** Open households the user directs, through the shared rule book (`direct`), not by comparing roles. */
export async function householdsDirectedBy(db: Db | Tx, user: Requester['user']) {
  const rows = await db
    .select({ id: households.id, reference: households.reference, displayName: households.displayName, status: households.status, p: participations })
    .from(participations)
    .innerJoin(households, eq(households.id, participations.householdId))
    .where(eq(participations.userId, user.id))
    .orderBy(asc(households.reference));
  return rows
    .filter((r) => can({ admin: user.admin, role: r.p.role, level: r.p.level, closed: r.status === 'closed' }, 'direct'))
    .map(({ id, reference, displayName }) => ({ id, reference, displayName }));
}

export async function planningOptions(db: Db, user: Requester['user']): Promise<CasusoverlegPlanningResponse> {
  const directed = await householdsDirectedBy(db, user);
  const colleagues = directed.length
    ? await db
        .selectDistinct({ id: users.id, name: users.name, organization: organizations.name })
        .from(participations)
        .innerJoin(users, eq(users.id, participations.userId))
        .innerJoin(organizations, eq(organizations.id, users.organizationId))
        .where(
          and(
            inArray(
              participations.householdId,
              directed.map((h) => h.id),
            ),
            eq(users.disabled, false),
            ne(users.id, user.id),
          ),
        )
        .orderBy(asc(users.name))
    : [];
  return {
    households: directed,
    chairCandidates: [{ id: user.id, name: user.name, organization: user.organization.name }, ...colleagues],
  };
}

async function assertChairExists(tx: Tx, chairId: string) {
  const [u] = await tx.select({ disabled: users.disabled }).from(users).where(eq(users.id, chairId));
  if (!u || u.disabled) throw badRequest('UNKNOWN_USER', 'Deze voorzitter bestaat niet of het account is uitgeschakeld.');
}

const auditBase = (actor: ActorContext, id: string) => ({ ...auditActor(actor), target: id });

export async function planCasusoverleg(deps: CasusoverlegDeps, actor: ActorContext, input: CasusoverlegInput): Promise<CasusoverlegDetail> {
  if (!(await householdsDirectedBy(deps.db, actor.user)).length) {
    throw new AppError(403, 'NOT_A_REGIEVOERDER', 'Alleen een regievoerder plant een casusoverleg.');
  }
  const chairId = input.chairId ?? actor.user.id;
  const row = await deps.db.transaction(async (tx) => {
    await assertChairExists(tx, chairId);
    const [created] = await tx
      .insert(casusoverleggen)
      .values({
        title: input.title,
        startsAt: new Date(input.startsAt),
        place: input.place,
        onlineLink: input.onlineLink,
        chairId,
        createdBy: actor.user.id,
        createdAt: actor.now,
        updatedAt: actor.now,
      })
      .returning();
    await audit(tx, { ...auditBase(actor, created!.id), event: 'casusoverleg.plan', details: { startsAt: input.startsAt, chairId } });
    return created!;
  });
  return presentDetail(deps.db, actor, row);
}

export async function updateCasusoverleg(deps: CasusoverlegDeps, actor: ActorContext, id: string, patch: CasusoverlegPatch): Promise<CasusoverlegDetail> {
  return changeCasusoverleg(deps, actor, id, async (tx, row) => {
    if (!isOrganiser(row, actor.user.id)) throw notOrganiser();
    if (row.status === 'closed') throw closedCasusoverleg();
    const next = { ...row, ...patch, startsAt: patch.startsAt ? new Date(patch.startsAt) : row.startsAt };
    if (next.place === '' && next.onlineLink === '') throw badRequest('VALIDATION_FAILED', 'Vul een plaats of een online link in.');
    if (patch.chairId && patch.chairId !== row.chairId) await assertChairExists(tx, patch.chairId);
    await tx
      .update(casusoverleggen)
      .set({ title: next.title, startsAt: next.startsAt, place: next.place, onlineLink: next.onlineLink, chairId: next.chairId })
      .where(eq(casusoverleggen.id, row.id));
    // Moving the meeting moves every time slot, and the minutes' meeting time with it (unless vastgesteld).
    const shift = next.startsAt.getTime() - row.startsAt.getTime();
    if (shift !== 0) await shiftSlots(tx, row.id, shift);
    const changed = Object.keys(patch).filter((k) => patch[k as keyof CasusoverlegPatch] !== undefined);
    await audit(tx, { ...auditBase(actor, row.id), event: 'casusoverleg.update', details: { changed, ...(patch.chairId ? { chairId: patch.chairId } : {}) } });
  });
}

async function shiftSlots(tx: Tx, casusoverlegId: string, ms: number) {
  const delta = sql`${`${Math.round(ms / 1000)} seconds`}::interval`;
  await tx
    .update(casusoverlegItems)
    .set({ slotStart: sql`${casusoverlegItems.slotStart} + ${delta}` })
    .where(eq(casusoverlegItems.casusoverlegId, casusoverlegId));
  await tx
    .update(documents)
    .set({ meetingAt: sql`${documents.meetingAt} + ${delta}` })
    .where(
      and(
        isNull(documents.lockedAt),
        inArray(
          documents.id,
          tx.select({ id: casusoverlegItems.documentId }).from(casusoverlegItems).where(eq(casusoverlegItems.casusoverlegId, casusoverlegId)),
        ),
      ),
    );
}

export async function listCasusoverleggen(db: Db, user: Requester['user']): Promise<CasusoverlegListResponse> {
  const rows = await db.select().from(casusoverleggen).where(visibleTo(user.id)).orderBy(asc(casusoverleggen.startsAt));
  const [upcoming, past] = await Promise.all([
    presentSummaries(
      db,
      rows.filter((r) => r.status !== 'closed'),
    ),
    presentSummaries(db, rows.filter((r) => r.status === 'closed').reverse()),
  ]);
  return { upcoming, past };
}

export async function getCasusoverleg(db: Db, requester: Requester, id: string): Promise<CasusoverlegDetail> {
  return presentDetail(db, requester, await loadVisible(db, requester.user.id, id));
}
