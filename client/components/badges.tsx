import type { Phase } from '../../shared/enums.ts';
import { HERHAALD_INCIDENT_LABEL, PHASE_LABELS } from '../../shared/labels.ts';
import type { HouseholdSummary } from '../../shared/api.ts';
import { Badge } from './ui.tsx';

const PHASE_TONE: Record<Phase, 'danger' | 'warning' | 'ok'> = {
  directe_veiligheid: 'danger',
  stabiele_veiligheid: 'warning',
  duurzaam_herstel: 'ok',
};

export function PhaseBadge({ phase }: { phase: Phase }) {
  return <Badge tone={PHASE_TONE[phase]}>{PHASE_LABELS[phase]}</Badge>;
}

export function HuisverbodBadge({ huisverbod }: { huisverbod: HouseholdSummary['huisverbod'] }) {
  const t = huisverbod?.timeline;
  if (!t) return <span>Geen huisverbod</span>;
  if (!t.active) return <span>Afgelopen</span>;
  return (
    <Badge tone={t.daysUntilPlanDue <= 2 ? 'danger' : 'info'}>
      Dag {t.day} van {t.totalDays}
    </Badge>
  );
}

/** A new huisverbod or a reopened case within 12 months of an earlier one with the same person(s). */
export function HerhaaldBadge() {
  return (
    <span data-testid="herhaald-badge">
      <Badge tone="danger">{HERHAALD_INCIDENT_LABEL}</Badge>
    </span>
  );
}
