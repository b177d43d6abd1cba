// An action's history: every change writes one action_events row ({field: [old, new]}), one audit row,
// the notifications it makes, and (once per change) a household event, all inside the caller's transaction.
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client.ts';
import { actionEvents, householdPersons, organizations } from '../db/schema.ts';
import { audit } from '../audit/log.ts';
import type { ActionAuditVerb } from '../../shared/audit.ts';
import type { Emit } from '../realtime/events.ts';
import type { ActorContext } from '../households/service.ts';
import type { Action, ActionEventKind, ActionHistoryEvent } from '../../shared/board.ts';
import { loadUserRefs, presentOne, type ActionRow } from './presenter.ts';
import { notifyActionChange } from '../notifications/triggers.ts';

/** Fields whose changes are recorded; claimedAt/completedAt/updatedAt/version are implied by `at`. */
const TRACKED = [
  'title',
  'details',
  'status',
  'ownerOrganizationId',
  'assignedUserId',
  'personId',
  'dueDate',
  'claimedBy',
  'completedBy',
  'completionNote',
  'sourceDocumentId',
] as const satisfies readonly (keyof ActionRow)[];

export type Changes = Record<string, [unknown, unknown]>;

export function diff(before: ActionRow | null, after: ActionRow, only?: readonly string[]): Changes {
  const changes: Changes = {};
  for (const field of TRACKED) {
    if (only && !only.includes(field)) continue;
    const old = before ? before[field] : null;
    const now = after[field];
    if (old !== now && !(before === null && (now === null || now === ''))) changes[field] = [old ?? null, now ?? null];
  }
  return changes;
}

const AUDIT_VERB: Record<ActionEventKind, ActionAuditVerb> = {
  created: 'create',
  claimed: 'claim',
  released: 'release',
  completed: 'complete',
  reopened: 'reopen',
  edited: 'edit',
  cancelled: 'cancel',
  assigned: 'assign',
};

export interface ChangeEntry {
  kind: ActionEventKind;
  changes: Changes;
}

/** Writes history + audit for each entry and one household event with the action as it is now. */
export async function recordChange(tx: Tx, emit: Emit, actor: ActorContext, after: ActionRow, entries: ChangeEntry[], created = false): Promise<Action> {
  for (const e of entries) {
    await tx.insert(actionEvents).values({ actionId: after.id, userId: actor.user.id, kind: e.kind, changes: e.changes, createdAt: actor.now });
    await audit(tx, {
      userId: actor.user.id,
      organizationId: actor.user.organization.id,
      householdId: after.householdId,
      event: `action.${AUDIT_VERB[e.kind]}`,
      target: after.id,
      ip: actor.ip,
      details: { changes: e.changes, version: after.version },
    });
  }
  const action = await presentOne(tx, after, actor.now);
  await notifyActionChange(tx, emit, actor, after, entries, created);
  if (created) await emit(after.householdId, 'action.created', { action });
  else {
    // Moved to another organisation: a participant who saw it only as their own is told it left their view.
    const moved = entries.find((e) => e.changes.ownerOrganizationId)?.changes.ownerOrganizationId;
    await emit(after.householdId, 'action.updated', moved ? { action, formerOwnerOrganizationId: (moved[0] as string | null) ?? null } : { action });
  }
  return action;
}

/** Reference fields are shown as objects in the history (who / which organisation / which person). */
const REF_FIELDS: Record<string, { key: string; kind: 'user' | 'org' | 'person' }> = {
  ownerOrganizationId: { key: 'ownerOrganization', kind: 'org' },
  assignedUserId: { key: 'assignedUser', kind: 'user' },
  personId: { key: 'person', kind: 'person' },
  claimedBy: { key: 'claimedBy', kind: 'user' },
  completedBy: { key: 'completedBy', kind: 'user' },
};

export async function readActionHistory(db: DbOrTx, actionId: string): Promise<ActionHistoryEvent[]> {
  const rows = await db.select().from(actionEvents).where(eq(actionEvents.actionId, actionId)).orderBy(asc(actionEvents.id));
  const ids = { user: new Set<string>(), org: new Set<string>(), person: new Set<string>() };
  for (const r of rows) {
    if (r.userId) ids.user.add(r.userId);
    for (const [field, pair] of Object.entries(r.changes as Changes)) {
      const ref = REF_FIELDS[field];
      if (ref) for (const v of pair) if (typeof v === 'string') ids[ref.kind].add(v);
    }
  }
  const [userRefs, orgRows, personRows] = await Promise.all([
    loadUserRefs(db, [...ids.user]),
    ids.org.size
      ? db
          .select()
          .from(organizations)
          .where(inArray(organizations.id, [...ids.org]))
      : Promise.resolve([]),
    ids.person.size
      ? db
          .select()
          .from(householdPersons)
          .where(inArray(householdPersons.id, [...ids.person]))
      : Promise.resolve([]),
  ]);
  const lookup = {
    user: (id: string) => userRefs.get(id) ?? { id, name: 'Onbekende gebruiker', organization: null },
    org: (id: string) => {
      const o = orgRows.find((x) => x.id === id);
      return o ? { id: o.id, name: o.name, kind: o.kind } : { id, name: 'Onbekende organisatie', kind: null };
    },
    person: (id: string) => {
      const p = personRows.find((x) => x.id === id);
      return p ? { id: p.id, label: p.label, role: p.role } : { id, label: '?', role: null };
    },
  };
  return rows.map((r) => {
    const changes: Changes = {};
    for (const [field, [oldV, newV]] of Object.entries(r.changes as Changes)) {
      const ref = REF_FIELDS[field];
      if (!ref) {
        changes[field] = [oldV, newV];
        continue;
      }
      const resolve = (v: unknown) => (typeof v === 'string' ? lookup[ref.kind](v) : null);
      changes[ref.key] = [resolve(oldV), resolve(newV)];
    }
    return {
      kind: r.kind as ActionEventKind,
      at: r.createdAt.toISOString(),
      user: r.userId ? (userRefs.get(r.userId) ?? null) : null,
      changes,
    };
  });
}
