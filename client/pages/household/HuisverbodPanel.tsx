// Huisverbod timeline: "dag 4 van 10", plan due date, end date, extension (max 28 days), warning.
import { useState } from 'react';
import { post } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import type { HouseholdDetail } from '../../../shared/api.ts';
import { Alert, Button, Heading, TextInput } from '../../components/ui.tsx';
import { formatDate, formatDateTime } from '../../../shared/labels.ts';
import { HUISVERBOD_MAX_DAYS } from '../../../shared/enums.ts';
import { planDeadlineWarning } from '../../../shared/huisverbod.ts';
import { useHouseholdRights } from '../../lib/policy.ts';

export function HuisverbodPanel({ household: h, onChange }: { household: HouseholdDetail; onChange: () => void }) {
  const [extending, setExtending] = useState(false);
  const may = useHouseholdRights(h);
  const t = h.huisverbod?.timeline;
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
          {may('direct') &&
            t.active &&
            t.end < t.maxEnd &&
            (extending ? (
              <ExtensionForm
                household={h}
                onDone={() => {
                  setExtending(false);
                  onChange();
                }}
                onCancel={() => setExtending(false)}
              />
            ) : (
              <Button onClick={() => setExtending(true)}>Verlenging vastleggen</Button>
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

function ExtensionForm({ household: h, onDone, onCancel }: { household: HouseholdDetail; onDone: () => void; onCancel: () => void }) {
  const t = h.huisverbod!.timeline;
  const [until, setUntil] = useState(t.maxEnd);
  const [decidedBy, setDecidedBy] = useState('Burgemeester');
  const { error, busy, submit: run } = useSubmit('Vastleggen lukte niet.');
  const submit = run(async () => {
    await post(`/api/households/${h.id}/huisverbod/extension`, { extendedUntil: until, decidedBy });
    onDone();
  });
  return (
    <form onSubmit={submit} className="ct-form ct-inline-form" aria-label="Verlenging huisverbod">
      {error && <Alert type="error">{error}</Alert>}
      <TextInput
        label="Verlengd tot en met"
        type="date"
        min={t.end}
        max={t.maxEnd}
        value={until}
        onChange={(e) => setUntil(e.target.value)}
        required
        description={`Uiterlijk ${formatDate(t.maxEnd)} (${HUISVERBOD_MAX_DAYS} dagen in totaal).`}
      />
      <TextInput label="Besloten door" value={decidedBy} onChange={(e) => setDecidedBy(e.target.value)} required />
      <div className="ct-actions">
        <Button kind="primary" type="submit" busy={busy}>
          Verlenging vastleggen
        </Button>
        <Button kind="subtle" onClick={onCancel}>
          Annuleren
        </Button>
      </div>
    </form>
  );
}
