// After the casusoverleg: every agreement (board action) created or changed in the agenda's households during the
// meeting window (from its start, or its planned start, to its closing), grouped per organisation.
// - In the app (overviewForViewer): each user sees only the households they see into, at their level (an
//   `afspraken` partner only their own organisation's agreements, no name; "Besloten casus" items not at all).
// - For a notification sender (meetingOverviewFor): one organisation's agreements, by household id. It holds
//   agreement titles, i.e. case content: show it to a user only for households they take part in at a level
//   that shows the organisation's actions (shared/policy.ts levelShowsAction) and whose statement they
//   confirmed, or send only the counts and a link to /casusoverleggen/:id/overzicht (which applies all of that).
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { actionEvaluations, actionEvents, actions, casusoverlegItems, casusoverleggen } from '../db/schema.ts';
import { recheckHousehold, type HouseholdGrant, type Requester } from '../access/authorize.ts';
import { AccessRefused } from '../access/refusal.ts';
import type { AuditWriter } from '../audit/writer.ts';
import { actionForLevel, presentActions, type ActionRow } from '../board/presenter.ts';
import { levelShowsAction } from '../../shared/policy.ts';
import type { EvaluationVerdict } from '../../shared/enums.ts';
import type { Action } from '../../shared/board.ts';
import type { CasusoverlegOverviewResponse, OverviewAgreement, OverviewOrganization } from '../../shared/casusoverleg.ts';
import { auditRead } from '../access/read-audit.ts';
import { presentDetail, presentSummaries } from './presenter.ts';
import { casusoverlegNotFound, loadVisible, type CasusoverlegRow } from './visibility.ts';

export interface MeetingWindow {
  from: Date;
  to: Date;
}

export const meetingWindow = (row: CasusoverlegRow, now: Date): MeetingWindow => ({ from: row.startedAt ?? row.startsAt, to: row.closedAt ?? now });

interface Changed {
  row: ActionRow;
  isNew: boolean;
  verdict: EvaluationVerdict | null;
}

/** Actions of these households with a history entry inside the window, and the verdicts this casusoverleg's minutes gave them. */
async function changedAgreements(db: Db, casusoverlegId: string, householdIds: string[], window: MeetingWindow): Promise<Changed[]> {
  if (!householdIds.length) return [];
  const events = await db
    .select({ actionId: actionEvents.actionId, kind: actionEvents.kind })
    .from(actionEvents)
    .innerJoin(actions, eq(actions.id, actionEvents.actionId))
    .where(and(inArray(actions.householdId, householdIds), gte(actionEvents.createdAt, window.from), lte(actionEvents.createdAt, window.to)));
  const ids = [...new Set(events.map((e) => e.actionId))];
  if (!ids.length) return [];
  const [rows, verdicts] = await Promise.all([
    db.select().from(actions).where(inArray(actions.id, ids)).orderBy(actions.createdAt, actions.id),
    db
      .select({ actionId: actionEvaluations.actionId, verdict: actionEvaluations.verdict })
      .from(actionEvaluations)
      .innerJoin(casusoverlegItems, eq(casusoverlegItems.documentId, actionEvaluations.documentId))
      .where(and(eq(casusoverlegItems.casusoverlegId, casusoverlegId), inArray(actionEvaluations.actionId, ids))),
  ]);
  const created = new Set(events.filter((e) => e.kind === 'created').map((e) => e.actionId));
  const verdictOf = new Map(verdicts.map((v) => [v.actionId, v.verdict]));
  return rows.map((row) => ({ row, isNew: created.has(row.id), verdict: verdictOf.get(row.id) ?? null }));
}

async function householdIdsOf(db: Db, casusoverlegId: string): Promise<string[]> {
  const rows = await db.select({ id: casusoverlegItems.householdId }).from(casusoverlegItems).where(eq(casusoverlegItems.casusoverlegId, casusoverlegId));
  return rows.map((r) => r.id);
}

/**
 * One organisation's new and changed agreements of a casusoverleg, for a notification sender (see the top of this
 * file for what it may be shown to). Null when the casusoverleg does not exist.
 */
export async function meetingOverviewFor(db: Db, casusoverlegId: string, organizationId: string, now = new Date()) {
  const [row] = await db.select().from(casusoverleggen).where(eq(casusoverleggen.id, casusoverlegId));
  if (!row) return null;
  const window = meetingWindow(row, now);
  const changed = (await changedAgreements(db, row.id, await householdIdsOf(db, row.id), window)).filter((c) => c.row.ownerOrganizationId === organizationId);
  const byHousehold = new Map<
    string,
    { actionId: string; title: string; status: ActionRow['status']; dueDate: string | null; isNew: boolean; verdict: EvaluationVerdict | null }[]
  >();
  for (const c of changed) {
    const list = byHousehold.get(c.row.householdId) ?? [];
    list.push({ actionId: c.row.id, title: c.row.title, status: c.row.status, dueDate: c.row.dueDate, isNew: c.isNew, verdict: c.verdict });
    byHousehold.set(c.row.householdId, list);
  }
  return {
    casusoverleg: { id: row.id, title: row.title, startsAt: row.startsAt.toISOString(), status: row.status, closedAt: row.closedAt?.toISOString() ?? null },
    organizationId,
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    households: [...byHousehold].map(([householdId, agreements]) => ({ householdId, agreements })),
  };
}

/** GET /api/casusoverleggen/:id/overzicht: the agreements as far as this viewer's households and levels reach; each household read is audited. */
export async function overviewForViewer(
  deps: { db: Db; auditWriter: AuditWriter },
  requester: Requester,
  id: string,
  now: Date,
): Promise<CasusoverlegOverviewResponse> {
  const row = await loadVisible(deps.db, requester.user.id, id);
  const detail = await presentDetail(deps.db, requester, row);
  const window = meetingWindow(row, now);
  const seen = detail.items.filter((i) => i.visibility !== 'besloten');
  // The seam's grant per household (its read is audited with it); an item whose access changed meanwhile drops out.
  const grants = (await Promise.all(seen.map((i) => recheckHousehold(deps.db, requester, i.householdId, 'readBoard')))).filter(
    (g): g is HouseholdGrant => !(g instanceof AccessRefused),
  );
  const changed = await changedAgreements(
    deps.db,
    row.id,
    grants.map((g) => g.household.id),
    window,
  );
  const presented = new Map(
    (
      await presentActions(
        deps.db,
        changed.map((c) => c.row),
        now,
      )
    ).map((a) => [a.id, a]),
  );
  const orgId = requester.user.organization.id;
  const agreements: OverviewAgreement[] = [];
  for (const c of changed) {
    const grant = grants.find((g) => g.household.id === c.row.householdId)!;
    const level = grant.participation?.level ?? null;
    if (!levelShowsAction(level, orgId, c.row.ownerOrganizationId)) continue;
    const full = level === 'volledig';
    agreements.push({
      action: actionForLevel(presented.get(c.row.id)!, level),
      isNew: c.isNew,
      verdict: full ? c.verdict : null,
      household: { id: grant.household.id, reference: grant.household.reference, displayName: full ? grant.household.displayName : '' },
    });
  }
  await Promise.all(grants.map((g) => auditRead(deps, g, 'casusoverleg.overview_view', row.id)));
  const [summary] = await presentSummaries(deps.db, [row]);
  if (!summary) throw casusoverlegNotFound();
  return {
    casusoverleg: summary,
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    final: row.status === 'closed',
    organizations: groupByOrganization(agreements),
    closedItems: detail.items.length - grants.length,
  };
}

function groupByOrganization(agreements: OverviewAgreement[]): OverviewOrganization[] {
  const groups = new Map<string, OverviewOrganization>();
  for (const a of agreements) {
    const owner: Action['ownerOrganization'] = a.action.ownerOrganization;
    const key = owner?.id ?? '';
    const group = groups.get(key) ?? { organization: owner ? { id: owner.id, name: owner.name, kind: owner.kind } : null, agreements: [] };
    group.agreements.push(a);
    groups.set(key, group);
  }
  // Organisations by name, unowned agreements last.
  return [...groups.values()].sort((a, b) => (a.organization?.name ?? '\uffff').localeCompare(b.organization?.name ?? '\uffff', 'nl'));
}
