// Huisverbod timeline: "dag 4 van 10", Veilig Thuis's advice step, the burgemeester's decision (recorded by the
// gemeente), plan due date, end date (extension up to 28 days), warning.
import { useState } from 'react';
import type { HouseholdDetail } from '../../../shared/api.ts';
import { Alert, Button, Heading } from '../../components/ui.tsx';
import { formatDate, formatDateTime } from '../../../shared/labels.ts';
import { HUISVERBOD_MAX_DAYS } from '../../../shared/enums.ts';
import { planDeadlineWarning } from '../../../shared/huisverbod.ts';
import { mayRecordHuisverbodDecision } from '../../../shared/huisverbod-clock.ts';
import { useMe } from '../../lib/auth.tsx';
import { AdviceStep, DecisionForm, DecisionStep } from './HuisverbodClock.tsx';

export function HuisverbodPanel({ household: h, onChange }: { household: HouseholdDetail; onChange: () => void }) {
  const [deciding, setDeciding] = useState(false);
  const me = useMe();
  const mayDecide = mayRecordHuisverbodDecision({ role: h.myRole, closed: h.status === 'closed', level: h.myLevel, organizationKind: me.organization.kind });
  const t = h.huisverbod?.timeline;
  const clock = h.huisverbodClock;
  return (
    <section className="ct-card" aria-labelledby="hv-title">
      <Heading level={2} id="hv-title">
        Huisverbod
      </Heading>
      {!t && <p className="utrecht-paragraph">Er is geen huisverbod vastgelegd voor dit huishouden.</p>}
      {t && (
        <>
          {t.active ? (
            <p className="ct-daycount" data-testid="huisverbod-day">
              Dag {t.day} van {t.totalDays}
            </p>
          ) : (
            <p className="ct-daycount">{t.day < 1 ? 'Gaat nog in' : 'Afgelopen'}</p>
          )}
          <ol className="ct-timeline" aria-label="Tijdlijn huisverbod">
            <li>
              <span className="ct-timeline__label">Ingegaan</span> {formatDate(t.start)}
            </li>
            {clock && <AdviceStep householdId={h.id} advice={clock.advice} />}
            {clock && <DecisionStep decision={clock.decision} />}
            <li data-testid="plan-due">
              <span className="ct-timeline__label">Plan van aanpak uiterlijk</span> {formatDate(t.planDue)}
              {t.daysUntilPlanDue >= 0 && (
                <> ({t.daysUntilPlanDue === 0 ? 'vandaag' : `nog ${t.daysUntilPlanDue} ${t.daysUntilPlanDue === 1 ? 'dag' : 'dagen'}`})</>
              )}
            </li>
            <li data-testid="huisverbod-end">
              <span className="ct-timeline__label">Einddatum</span> {formatDate(t.end)}
              {t.extended && h.huisverbod?.extendedBy && (
                <>
                  {' '}
                  — verlengd door {h.huisverbod.extendedBy}
                  {h.huisverbod.extendedAt && `, vastgelegd op ${formatDateTime(h.huisverbod.extendedAt)}`}
                </>
              )}
            </li>
            <li>
              <span className="ct-timeline__label">Uiterste einddatum ({HUISVERBOD_MAX_DAYS} dagen)</span> {formatDate(t.maxEnd)}
            </li>
          </ol>
          <PlanDeadlineWarning household={h} />
          {mayDecide &&
            clock &&
            (deciding ? (
              <DecisionForm
                household={h}
                onDone={() => {
                  setDeciding(false);
                  onChange();
                }}
                onCancel={() => setDeciding(false)}
              />
            ) : (
              <Button onClick={() => setDeciding(true)}>Besluit burgemeester vastleggen</Button>
            ))}
        </>
      )}
    </section>
  );
}

function PlanDeadlineWarning({ household: h }: { household: HouseholdDetail }) {
  const warning = planDeadlineWarning(h.huisverbod?.timeline ?? null, h.planEstablished);
  if (!warning) return null;
  const n = warning.daysLeft;
  const days = (d: number) => `${d} ${d === 1 ? 'dag' : 'dagen'}`;
  return (
    <Alert type="warning" title="Plan van aanpak nog niet vastgesteld">
      {n < 0
        ? `De termijn voor het plan van aanpak is ${days(-n)} verstreken.`
        : `Het plan van aanpak moet ${n === 0 ? 'vandaag' : `binnen ${days(n)}`} vastgesteld zijn.`}
    </Alert>
  );
}
