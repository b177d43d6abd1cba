// How urgently a household needs the regievoerder's attention: a score for sorting and the reasons
// behind it in Dutch. Deadlines that protect safety (the plan van aanpak within the huisverbod's 10 days)
// weigh most, then agreements that have slipped, then the casusoverleg rhythm.
import type { HuisverbodTimeline } from '../../shared/huisverbod.ts';
import type { OverviewCounts, UrgencyReason } from '../../shared/board.ts';

export interface UrgencyInput {
  counts: OverviewCounts;
  timeline: HuisverbodTimeline | null;
  planEstablished: boolean;
  noRecentMeeting: boolean;
  closed: boolean;
  weeks: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function urgencyOf(i: UrgencyInput): { score: number; reasons: UrgencyReason[] } {
  if (i.closed) return { score: 0, reasons: [] };
  let score = 0;
  const reasons: UrgencyReason[] = [];
  const t = i.timeline;
  if (t?.active && !i.planEstablished) {
    if (t.daysUntilPlanDue < 0) {
      score += 120;
      reasons.push({ code: 'plan_overdue', message: `Plan van aanpak had ${plural(-t.daysUntilPlanDue, 'dag', 'dagen')} geleden klaar moeten zijn` });
    } else {
      score += t.daysUntilPlanDue <= 3 ? 100 - t.daysUntilPlanDue * 10 : 40;
      reasons.push({
        code: 'plan_due',
        message:
          t.daysUntilPlanDue === 0
            ? 'Plan van aanpak moet vandaag klaar zijn'
            : `Plan van aanpak moet over ${plural(t.daysUntilPlanDue, 'dag', 'dagen')} klaar zijn`,
      });
    }
  }
  if (t?.active && t.daysUntilEnd <= 2) {
    score += 25;
    reasons.push({
      code: 'huisverbod_ending',
      message: t.daysUntilEnd === 0 ? 'Huisverbod eindigt vandaag' : `Huisverbod eindigt over ${plural(t.daysUntilEnd, 'dag', 'dagen')}`,
    });
  }
  if (i.counts.overdue) {
    score += 30 * i.counts.overdue;
    reasons.push({ code: 'overdue_actions', message: `${plural(i.counts.overdue, 'actie', 'acties')} over de termijn` });
  }
  if (i.counts.unclaimed) {
    score += 5 * i.counts.unclaimed;
    reasons.push({ code: 'unclaimed_actions', message: `${plural(i.counts.unclaimed, 'actie', 'acties')} nog niet opgepakt` });
  }
  if (i.counts.dueThisWeek) {
    score += 3 * i.counts.dueThisWeek;
    reasons.push({ code: 'due_this_week', message: `${plural(i.counts.dueThisWeek, 'actie', 'acties')} deze week af` });
  }
  if (i.noRecentMeeting) {
    score += 15;
    reasons.push({ code: 'no_recent_meeting', message: `Geen casusoverleg in de laatste ${plural(i.weeks, 'week', 'weken')}` });
  }
  return { score, reasons };
}
