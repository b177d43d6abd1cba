// Shapes action rows into the shared `Action` JSON. References (organisations, users, persons) are
// loaded in one query for any number of actions, so lists and single actions share one path.
import { and, asc, inArray, eq, type Placeholder, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rowsOf, type DbOrTx } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';
import { actions, householdPersons, organizations, users } from '../db/schema.ts';
import type { Action, ActionHistoryEvent, OrganizationRef, PersonRef, UserRef } from '../../shared/board.ts';
import type { InfoLevel, OrganizationKind, PersonRole } from '../../shared/enums.ts';
import { amsterdamDay } from '../../shared/huisverbod.ts';

export type ActionRow = typeof actions.$inferSelect;

export interface RefMaps {
  orgs: Map<string, OrganizationRef>;
  users: Map<string, UserRef>;
  persons: Map<string, PersonRef>;
}

const uniq = (ids: (string | null | undefined)[]) => [...new Set(ids.filter((x): x is string => !!x))];

export async function loadUserRefs(db: DbOrTx, ids: (string | null | undefined)[]): Promise<Map<string, UserRef>> {
  const wanted = uniq(ids);
  const map = new Map<string, UserRef>();
  if (!wanted.length) return map;
  const rows = await db
    .select({ id: users.id, name: users.name, orgId: organizations.id, orgName: organizations.name, orgKind: organizations.kind })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(inArray(users.id, wanted));
  for (const r of rows) map.set(r.id, { id: r.id, name: r.name, organization: { id: r.orgId, name: r.orgName, kind: r.orgKind as OrganizationKind } });
  return map;
}

/**
 * Every organisation, user and person the actions refer to, in one query (a UNION ALL of the three lookups),
 * however many actions there are.
 */
export async function loadRefs(db: DbOrTx, rows: ActionRow[]): Promise<RefMaps> {
  const orgIds = uniq(rows.map((r) => r.ownerOrganizationId));
  const userIds = uniq(rows.flatMap((r) => [r.assignedUserId, r.claimedBy, r.completedBy, r.createdBy]));
  const personIds = uniq(rows.map((r) => r.personId));
  const refs: RefMaps = { orgs: new Map(), users: new Map(), persons: new Map() };
  const ids = (list: string[]) =>
    sql.join(
      list.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
  const parts = [
    orgIds.length &&
      sql`select 'org' as k, o.id, o.name, o.kind::text as sub, null::uuid as org_id, null as org_name, null as org_kind from ${organizations} o where o.id in (${ids(orgIds)})`,
    userIds.length &&
      sql`select 'user' as k, u.id, u.name, null as sub, o.id as org_id, o.name as org_name, o.kind::text as org_kind from ${users} u join ${organizations} o on o.id = u.organization_id where u.id in (${ids(userIds)})`,
    personIds.length &&
      sql`select 'person' as k, p.id, p.label as name, p.role::text as sub, null::uuid as org_id, null as org_name, null as org_kind from ${householdPersons} p where p.id in (${ids(personIds)})`,
  ].filter((p): p is SQL => !!p);
  if (!parts.length) return refs;
  type Ref = {
    k: 'org' | 'user' | 'person';
    id: string;
    name: string;
    sub: string | null;
    org_id: string | null;
    org_name: string | null;
    org_kind: string | null;
  };
  for (const r of rowsOf<Ref>(await db.execute(sql.join(parts, sql` union all `)))) {
    if (r.k === 'org') refs.orgs.set(r.id, { id: r.id, name: r.name, kind: r.sub as OrganizationKind });
    else if (r.k === 'person') refs.persons.set(r.id, { id: r.id, label: r.name, role: r.sub as PersonRole });
    else refs.users.set(r.id, { id: r.id, name: r.name, organization: { id: r.org_id!, name: r.org_name!, kind: r.org_kind as OrganizationKind } });
  }
  return refs;
}

const ownerOrg = alias(organizations, 'owner_org');
/** The four users an action names, each with their organisation: [user alias, organisation alias]. */
const userRefs = {
  assigned: [alias(users, 'assigned_user'), alias(organizations, 'assigned_org')],
  claimed: [alias(users, 'claimed_user'), alias(organizations, 'claimed_org')],
  completed: [alias(users, 'completed_user'), alias(organizations, 'completed_org')],
  created: [alias(users, 'created_user'), alias(organizations, 'created_org')],
} as const;
const refColumns = (u: (typeof userRefs)[keyof typeof userRefs]) => ({ id: u[0].id, name: u[0].name, orgId: u[1].id, orgName: u[1].name, orgKind: u[1].kind });

/** A household's actions with every organisation, user and person they name: one query, joined. */
function boardQuery(
  db: DbOrTx,
  householdId: string | Placeholder,
  ownerOrganizationId: string | Placeholder | null,
  statuses: ActionRow['status'][] | null,
  kind: ActionRow['kind'] | null,
) {
  const { assigned, claimed, completed, created } = userRefs;
  return db
    .select({
      action: actions,
      owner: { id: ownerOrg.id, name: ownerOrg.name, kind: ownerOrg.kind },
      assigned: refColumns(assigned),
      claimed: refColumns(claimed),
      completed: refColumns(completed),
      created: refColumns(created),
      person: { id: householdPersons.id, label: householdPersons.label, role: householdPersons.role },
    })
    .from(actions)
    .leftJoin(ownerOrg, eq(ownerOrg.id, actions.ownerOrganizationId))
    .leftJoin(householdPersons, eq(householdPersons.id, actions.personId))
    .leftJoin(assigned[0], eq(assigned[0].id, actions.assignedUserId))
    .leftJoin(assigned[1], eq(assigned[1].id, assigned[0].organizationId))
    .leftJoin(claimed[0], eq(claimed[0].id, actions.claimedBy))
    .leftJoin(claimed[1], eq(claimed[1].id, claimed[0].organizationId))
    .leftJoin(completed[0], eq(completed[0].id, actions.completedBy))
    .leftJoin(completed[1], eq(completed[1].id, completed[0].organizationId))
    .leftJoin(created[0], eq(created[0].id, actions.createdBy))
    .leftJoin(created[1], eq(created[1].id, created[0].organizationId))
    .where(
      and(
        eq(actions.householdId, householdId),
        statuses?.length ? inArray(actions.status, statuses) : undefined,
        ownerOrganizationId === null ? undefined : eq(actions.ownerOrganizationId, ownerOrganizationId),
        kind === null ? undefined : eq(actions.kind, kind),
      ),
    )
    .orderBy(asc(actions.createdAt), asc(actions.id));
}

type BoardRow = Awaited<ReturnType<typeof boardQuery>>[number];

/**
 * A household's board, presented: only the actions owned by `ownerOrganizationId` when it is given (an
 * `afspraken` partner), only `statuses` when given. The common shapes (every status) are prepared queries.
 */
export async function loadBoard(
  db: DbOrTx,
  householdId: string,
  ownerOrganizationId: string | null,
  statuses: ActionRow['status'][] | null,
  now: Date,
  kind: ActionRow['kind'] | null = null,
): Promise<Action[]> {
  let rows: BoardRow[];
  if (statuses?.length) rows = await boardQuery(db, householdId, ownerOrganizationId, statuses, kind);
  else if (ownerOrganizationId === null) {
    const name = `board_all_${kind ?? 'kinds'}`;
    rows = await prepared(db, name, (db) => boardQuery(db, sql.placeholder('householdId'), null, null, kind).prepare(name)).execute({ householdId });
  } else {
    const name = `board_own_${kind ?? 'kinds'}`;
    rows = await prepared(db, name, (db) =>
      boardQuery(db, sql.placeholder('householdId'), sql.placeholder('ownerOrganizationId'), null, kind).prepare(name),
    ).execute({
      householdId,
      ownerOrganizationId,
    });
  }
  const refs: RefMaps = { orgs: new Map(), users: new Map(), persons: new Map() };
  for (const r of rows) {
    if (r.owner) refs.orgs.set(r.owner.id, { id: r.owner.id, name: r.owner.name, kind: r.owner.kind as OrganizationKind });
    if (r.person) refs.persons.set(r.person.id, { id: r.person.id, label: r.person.label, role: r.person.role as PersonRole });
    for (const u of [r.assigned, r.claimed, r.completed, r.created])
      if (u?.id && u.orgId)
        refs.users.set(u.id, { id: u.id, name: u.name!, organization: { id: u.orgId, name: u.orgName!, kind: u.orgKind as OrganizationKind } });
  }
  const today = amsterdamDay(now);
  return rows.map((r) => presentAction(r.action, refs, today));
}

export function isOverdue(row: Pick<ActionRow, 'dueDate' | 'status'>, today: string): boolean {
  return row.dueDate !== null && row.dueDate < today && (row.status === 'open' || row.status === 'claimed');
}

export function presentAction(row: ActionRow, refs: RefMaps, today: string): Action {
  const user = (id: string | null) => (id ? (refs.users.get(id) ?? null) : null);
  return {
    id: row.id,
    householdId: row.householdId,
    title: row.title,
    details: row.details,
    kind: row.kind,
    status: row.status,
    ownerOrganization: row.ownerOrganizationId ? (refs.orgs.get(row.ownerOrganizationId) ?? null) : null,
    assignedUser: user(row.assignedUserId),
    claimedBy: user(row.claimedBy),
    claimedAt: row.claimedAt?.toISOString() ?? null,
    dueDate: row.dueDate,
    person: row.personId ? (refs.persons.get(row.personId) ?? null) : null,
    completedBy: user(row.completedBy),
    completedAt: row.completedAt?.toISOString() ?? null,
    completionNote: row.completionNote,
    sourceDocumentId: row.sourceDocumentId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: user(row.createdBy),
    overdue: isOverdue(row, today),
  };
}

export async function presentActions(db: DbOrTx, rows: ActionRow[], now: Date): Promise<Action[]> {
  const refs = await loadRefs(db, rows);
  const today = amsterdamDay(now);
  return rows.map((r) => presentAction(r, refs, today));
}

export async function presentOne(db: DbOrTx, row: ActionRow, now: Date): Promise<Action> {
  const [a] = await presentActions(db, [row], now);
  return a!;
}

/**
 * An action as a participant at `level` may see it: below `volledig` no person and no link into the plan or
 * minutes (those are not theirs to see). Whether they see the action at all is the access seam's decision.
 */
export function actionForLevel(action: Action, level: InfoLevel | null): Action {
  if (level === null || level === 'volledig') return action;
  return { ...action, person: null, sourceDocumentId: null };
}

/** Fields of an action's history that only `volledig` may see (person and document links). */
const FULL_ONLY_FIELDS = new Set(['personId', 'sourceDocumentId']);

export function historyForLevel(events: ActionHistoryEvent[], level: InfoLevel | null): ActionHistoryEvent[] {
  if (level === null || level === 'volledig') return events;
  return events.map((e) => ({ ...e, changes: Object.fromEntries(Object.entries(e.changes).filter(([k]) => !FULL_ONLY_FIELDS.has(k))) }));
}
