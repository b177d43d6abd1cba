// The order of "Mijn casussen": by reference, or by urgency (open cases first; a running huisverbod with the
// fewest days to its plan deadline, then to its end; then by phase, direct safety first). Both orders end on
// the reference, so the list never reshuffles while people work: only a change in what is urgent moves a row.
import type { HouseholdSummary } from '../../shared/api.ts';
import { PHASES } from '../../shared/enums.ts';

export type HouseholdOrder = 'urgency' | 'reference';

const byReference = (a: HouseholdSummary, b: HouseholdSummary) => a.reference.localeCompare(b.reference, 'nl') || a.id.localeCompare(b.id);

function urgencyKey(h: HouseholdSummary): number[] {
  const t = h.huisverbod?.timeline;
  const running = t?.active ? 0 : 1;
  return [
    h.status === 'closed' ? 1 : 0,
    running,
    t?.active ? Math.min(t.daysUntilPlanDue, t.daysUntilEnd) : 0,
    t?.active ? t.daysUntilEnd : 0,
    PHASES.indexOf(h.phase),
  ];
}

export function sortHouseholds(list: HouseholdSummary[], order: HouseholdOrder): HouseholdSummary[] {
  const copy = [...list];
  if (order === 'reference') return copy.sort(byReference);
  return copy.sort((a, b) => {
    const ka = urgencyKey(a);
    const kb = urgencyKey(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return byReference(a, b);
  });
}
