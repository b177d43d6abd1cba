// Board domain verbs: create, edit, claim, release, complete, reopen, cancel, list, history.
// Each verb owns its transaction: change the row, write history + audit, append the household event;
// the event is published after commit (withHouseholdEvents). No HTTP here.
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { actions, organizations } from '../db/schema.ts';
import { AppError, conflict } from '../errors.ts';
import { INFORMATION_LEVEL, type ActionGrant, type HouseholdGrant, type HouseholdRow, type ParticipationRow } from '../access/authorize.ts';
import type { ActorContext } from '../households/service.ts';
import type { Hub } from '../realtime/hub.ts';
import { withHouseholdEvents } from '../realtime/events.ts';
import type { ActionInput, ActionPatch } from '../../shared/schemas.ts';
import type { Action, ActionListResponse } from '../../shared/board.ts';
import type { ActionStatus } from '../../shared/enums.ts';
import { actionForLevel, loadBoard, presentOne, type ActionRow } from './presenter.ts';
import { diff, readActionHistory, recordChange, type ChangeEntry } from './history.ts';
import { assertReferences } from './references.ts';
import {
  actionNotFound,
  assertMayAssign,
  assertMayClaim,
  assertMayComplete,
  assertMayReopen,
  assertMayRelease,
  assertOpenOrClaimed,
  claimedMessage,
  mayClaim,
  type BoardActor,
} from './rules.ts';

export interface BoardDeps {
  db: Db;
  hub: Hub;
}

/** An action loaded and authorised through the access seam (access/authorize.ts: authorizeAction). */
export type LoadedAction = ActionGrant;

/** The board as the grant's participant may see it (`afspraken`: only their organisation's actions, without persons). */
export async function listActions(db: Db, grant: HouseholdGrant, statuses: ActionStatus[] | null, now: Date): Promise<ActionListResponse> {
  const householdId = grant.household.id;
  const level = grant.participation?.level ?? null;
  // The sequence was read with the household by the access seam, before the list: the list then contains at
  // least every change up to it, so a client that resumes the event stream after `eventSeq` misses nothing
  // (a repeated change is idempotent by version).
  const eventSeq = grant.household.eventSeq;
  const ownOrganization = level === 'volledig' || level === null ? null : grant.requester.user.organization.id;
  const board = await loadBoard(db, householdId, ownOrganization, statuses, now);
  return { actions: board.map((a) => actionForLevel(a, level)), eventSeq };
}

export async function getAction(db: Db, row: ActionRow, now: Date): Promise<Action> {
  return presentOne(db, row, now);
}

export const actionHistory = readActionHistory;

export async function createAction(
  deps: BoardDeps,
  household: HouseholdRow,
  participation: ParticipationRow | null,
  input: ActionInput,
  actor: ActorContext,
): Promise<Action> {
  if (input.assignedUserId)
    assertMayAssign({ user: actor.user, role: participation?.role ?? null, closed: household.status === 'closed', level: participation?.level ?? null });
  return withHouseholdEvents(deps, actor.now, async (tx, emit) => {
    await assertReferences(tx, household.id, input);
    const assigned = input.assignedUserId ?? null;
    const [row] = await tx
      .insert(actions)
      .values({
        householdId: household.id,
        title: input.title,
        details: input.details ?? '',
        ownerOrganizationId: input.ownerOrganizationId ?? null,
        dueDate: input.dueDate ?? null,
        personId: input.personId ?? null,
        sourceDocumentId: input.sourceDocumentId ?? null,
        assignedUserId: assigned,
        status: assigned ? 'claimed' : 'open',
        claimedBy: assigned,
        claimedAt: assigned ? actor.now : null,
        createdBy: actor.user.id,
        createdAt: actor.now,
        updatedAt: actor.now,
      })
      .returning();
    return recordChange(tx, emit, actor, row!, [{ kind: 'created', changes: diff(null, row!) }], true);
  });
}

/** The actor as the board rules see them, from the access seam's grant. */
const boardActorOf = (loaded: LoadedAction, actor: ActorContext): BoardActor => ({
  user: actor.user,
  role: loaded.role,
  closed: loaded.household.status === 'closed',
  level: loaded.participation?.level ?? null,
});

const EDITABLE = ['title', 'details', 'ownerOrganizationId', 'dueDate', 'personId', 'sourceDocumentId'] as const;
const FULL_ONLY_EDITS = ['ownerOrganizationId', 'personId', 'sourceDocumentId'] as const;

export async function updateAction(deps: BoardDeps, loaded: LoadedAction, input: ActionPatch, actor: ActorContext): Promise<Action> {
  const boardActor = boardActorOf(loaded, actor);
  const assigning = input.assignedUserId !== undefined && input.assignedUserId !== loaded.action.assignedUserId;
  if (assigning) assertMayAssign(boardActor);
  // Below `volledig` an action cannot be moved to another organisation or linked to a person or document.
  if (boardActor.level !== 'volledig' && FULL_ONLY_EDITS.some((k) => input[k] !== undefined)) {
    throw new AppError(403, INFORMATION_LEVEL, 'Met jouw informatieniveau kun je de organisatie, persoon of het document van een actie niet wijzigen.');
  }
  return withHouseholdEvents(deps, actor.now, async (tx, emit) => {
    const [row] = await tx.select().from(actions).where(eq(actions.id, loaded.action.id)).for('no key update');
    if (!row) throw actionNotFound();
    if (row.version !== input.version) {
      throw conflict('STALE_VERSION', 'Iemand anders heeft deze actie intussen gewijzigd. Bekijk de nieuwste versie en probeer het opnieuw.', {
        current: await presentOne(tx, row, actor.now),
      });
    }
    // Only what changes is checked: an unchanged reference (e.g. a since-removed assignee) stays valid.
    const changed = <K extends keyof ActionRow>(k: K, v: unknown) => (v !== undefined && v !== row[k] ? (v as string | null) : undefined);
    await assertReferences(tx, row.householdId, {
      ownerOrganizationId: changed('ownerOrganizationId', input.ownerOrganizationId),
      personId: changed('personId', input.personId),
      sourceDocumentId: changed('sourceDocumentId', input.sourceDocumentId),
      assignedUserId: changed('assignedUserId', input.assignedUserId),
      dueDate: changed('dueDate', input.dueDate),
    });
    const set: Partial<ActionRow> = {};
    for (const field of EDITABLE) {
      const value = input[field];
      if (value !== undefined) (set as Record<string, unknown>)[field] = field === 'details' ? (value ?? '') : value;
    }
    if (input.assignedUserId !== undefined && input.assignedUserId !== row.assignedUserId) {
      set.assignedUserId = input.assignedUserId;
      if (input.assignedUserId) {
        assertOpenOrClaimed(row);
        Object.assign(set, { status: 'claimed', claimedBy: input.assignedUserId, claimedAt: actor.now });
      } else if (row.status === 'claimed' && row.claimedBy === row.assignedUserId) {
        // Withdrawing an assignment hands the action back to the board.
        Object.assign(set, { status: 'open', claimedBy: null, claimedAt: null });
      }
    }
    const preview = { ...row, ...set } as ActionRow;
    const edited = diff(row, preview, EDITABLE);
    const assigned = diff(row, preview, ['assignedUserId', 'status', 'claimedBy']);
    const entries: ChangeEntry[] = [];
    if (Object.keys(edited).length) entries.push({ kind: 'edited', changes: edited });
    if (Object.keys(assigned).length) entries.push({ kind: 'assigned', changes: assigned });
    if (!entries.length) return presentOne(tx, row, actor.now);
    const [after] = await tx
      .update(actions)
      .set({ ...set, version: row.version + 1, updatedAt: actor.now })
      .where(eq(actions.id, row.id))
      .returning();
    return recordChange(tx, emit, actor, after!, entries);
  });
}

/**
 * Exactly one of any number of concurrent claims wins: the claim is a single conditional UPDATE, which
 * PostgreSQL re-checks after waiting on the row lock (and PGlite runs one at a time).
 */
export async function claimAction(deps: BoardDeps, loaded: LoadedAction, actor: ActorContext): Promise<Action> {
  const boardActor = boardActorOf(loaded, actor);
  if (!mayClaim(boardActor, loaded.action)) {
    assertMayClaim(boardActor, loaded.action, await organizationName(deps.db, loaded.action.ownerOrganizationId));
  }
  const ownerCondition =
    loaded.role === 'regievoerder' ? sql`true` : or(isNull(actions.ownerOrganizationId), eq(actions.ownerOrganizationId, actor.user.organization.id));
  const claimed = await withHouseholdEvents(deps, actor.now, async (tx, emit) => {
    const [after] = await tx
      .update(actions)
      .set({ status: 'claimed', claimedBy: actor.user.id, claimedAt: actor.now, version: sql`${actions.version} + 1`, updatedAt: actor.now })
      .where(and(eq(actions.id, loaded.action.id), eq(actions.status, 'open'), isNull(actions.claimedBy), ownerCondition))
      .returning();
    if (!after) return null;
    const changes = { status: ['open', 'claimed'] as [unknown, unknown], claimedBy: [null, actor.user.id] as [unknown, unknown] };
    return recordChange(tx, emit, actor, after, [{ kind: 'claimed', changes }]);
  });
  if (claimed) return claimed;

  // Lost: explain why from the row as it is now.
  const [row] = await deps.db.select().from(actions).where(eq(actions.id, loaded.action.id));
  if (!row) throw actionNotFound();
  const current = await presentOne(deps.db, row, actor.now);
  if (row.status === 'claimed' && row.claimedBy === actor.user.id) return current; // a repeated click
  if (row.status === 'claimed' && current.claimedBy) {
    const { id, name, organization } = current.claimedBy;
    throw conflict('ALREADY_CLAIMED', claimedMessage(current.claimedBy), {
      claimedBy: { id, name, organization: { id: organization.id, name: organization.name } },
      current,
    });
  }
  if (!mayClaim(boardActor, row)) assertMayClaim(boardActor, row, current.ownerOrganization?.name ?? null);
  assertOpenOrClaimed(row);
  throw conflict('NOT_CLAIMABLE', 'Deze actie kan nu niet worden opgepakt. Vernieuw het bord en probeer het opnieuw.', { current });
}

/** Runs one state change on the locked row: `decide` checks the rules and returns the new values. */
async function transition(
  deps: BoardDeps,
  loaded: LoadedAction,
  actor: ActorContext,
  kind: ChangeEntry['kind'],
  decide: (row: ActionRow, a: BoardActor) => Partial<ActionRow>,
): Promise<Action> {
  return withHouseholdEvents(deps, actor.now, async (tx, emit) => {
    const [row] = await tx.select().from(actions).where(eq(actions.id, loaded.action.id)).for('no key update');
    if (!row) throw actionNotFound();
    const set = decide(row, boardActorOf(loaded, actor));
    const [after] = await tx
      .update(actions)
      .set({ ...set, version: row.version + 1, updatedAt: actor.now })
      .where(eq(actions.id, row.id))
      .returning();
    return recordChange(tx, emit, actor, after!, [{ kind, changes: diff(row, after!) }]);
  });
}

const UNCLAIMED = { claimedBy: null, claimedAt: null, assignedUserId: null } as const;

export const releaseAction = (deps: BoardDeps, loaded: LoadedAction, actor: ActorContext) =>
  transition(deps, loaded, actor, 'released', (row, a) => {
    assertMayRelease(a, row);
    return { status: 'open', ...UNCLAIMED };
  });

export const completeAction = (deps: BoardDeps, loaded: LoadedAction, note: string, actor: ActorContext) =>
  transition(deps, loaded, actor, 'completed', (row, a) => {
    assertMayComplete(a, row);
    return { status: 'done', completedBy: actor.user.id, completedAt: actor.now, completionNote: note };
  });

export const reopenAction = (deps: BoardDeps, loaded: LoadedAction, actor: ActorContext) =>
  transition(deps, loaded, actor, 'reopened', (row, a) => {
    assertMayReopen(a, row);
    return { status: 'open', ...UNCLAIMED, completedBy: null, completedAt: null, completionNote: null };
  });

/** Cancel: the route has already required the 'direct' policy (regievoerder). */
export const cancelAction = (deps: BoardDeps, loaded: LoadedAction, actor: ActorContext) =>
  transition(deps, loaded, actor, 'cancelled', (row) => {
    assertOpenOrClaimed(row);
    return { status: 'cancelled', ...UNCLAIMED };
  });

/** Organisation name for messages (e.g. why a partner may not claim). */
export async function organizationName(db: Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [o] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id));
  return o?.name ?? null;
}
