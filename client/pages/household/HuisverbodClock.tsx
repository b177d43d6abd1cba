// The huisverbod clock's two steps on the household timeline: Veilig Thuis's advice (an action on the board) and the
// burgemeester's decision, with the form the gemeente records it in.
import { useState } from 'react';
import { post } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { Link } from '../../lib/router.tsx';
import type { HouseholdDetail, HuisverbodDecisionRecord, HouseholdResponse } from '../../../shared/api.ts';
import type { Action } from '../../../shared/board.ts';
import { Alert, FormActions, TextArea, TextInput } from '../../components/ui.tsx';
import { ACTION_STATUS_LABELS, HUISVERBOD_DECISION_LABELS, formatDate, formatDateTime } from '../../../shared/labels.ts';
import { HUISVERBOD_DECISIONS, HUISVERBOD_MAX_DAYS, type HuisverbodDecision } from '../../../shared/enums.ts';
import { addDays } from '../../../shared/huisverbod.ts';
import { extensionBounds } from '../../../shared/huisverbod-clock.ts';

export function AdviceStep({ householdId, advice }: { householdId: string; advice: Action | null }) {
  if (!advice) return null;
  const state =
    advice.status === 'done'
      ? `gegeven${advice.completedAt ? ` op ${formatDate(advice.completedAt)}` : ''}${advice.completionNote ? ` — ${advice.completionNote}` : ''}`
      : advice.status === 'claimed' && advice.claimedBy
        ? `opgepakt door ${advice.claimedBy.name}`
        : ACTION_STATUS_LABELS[advice.status].toLowerCase();
  return (
    <li data-testid="huisverbod-advice">
      <span className="ct-timeline__label">Advies Veilig Thuis uiterlijk</span> {formatDate(advice.dueDate)} ·{' '}
      <Link className="utrecht-link" href={`/huishoudens/${householdId}/acties#actie-${advice.id}`}>
        {advice.ownerOrganization?.name ?? 'nog geen organisatie'}
      </Link>{' '}
      · {state}
    </li>
  );
}

export function DecisionStep({ decision: d }: { decision: HuisverbodDecisionRecord | null }) {
  return (
    <li data-testid="huisverbod-decision">
      <span className="ct-timeline__label">Besluit burgemeester</span>{' '}
      {d ? (
        <>
          <strong>{HUISVERBOD_DECISION_LABELS[d.decision]}</strong>
          {d.extendedUntil && <> tot en met {formatDate(d.extendedUntil)}</>} — besloten op {formatDate(d.decidedOn)}
          {d.recordedBy && (
            <>
              , vastgelegd door {d.recordedBy.name} ({d.recordedBy.organization}){d.recordedAt && ` op ${formatDateTime(d.recordedAt)}`}
            </>
          )}
          {d.note && <div className="ct-small">{d.note}</div>}
        </>
      ) : (
        'nog niet vastgelegd'
      )}
    </li>
  );
}

/** The server's today, read from the timeline it computed (the browser's clock may differ, e.g. in a demo). */
const serverToday = (t: { start: string; day: number }) => (t.day >= 1 ? addDays(t.start, t.day - 1) : t.start);

export function DecisionForm({ household: h, onDone, onCancel }: { household: HouseholdDetail; onDone: () => void; onCancel: () => void }) {
  const t = h.huisverbod!.timeline;
  const bounds = extensionBounds(t.start);
  const [decision, setDecision] = useState<HuisverbodDecision>(h.huisverbodClock?.decision?.decision ?? 'verlengd');
  const [decidedOn, setDecidedOn] = useState(serverToday(t));
  const [until, setUntil] = useState(t.extended ? t.end : bounds.max);
  const [note, setNote] = useState('');
  const { error, busy, submit: run } = useSubmit('Vastleggen lukte niet.');
  const submit = run(async () => {
    await post<HouseholdResponse>(`/api/households/${h.id}/huisverbod/decision`, {
      decision,
      decidedOn,
      extendedUntil: decision === 'verlengd' ? until : null,
      note,
    });
    onDone();
  });
  return (
    <form onSubmit={submit} className="ct-form ct-inline-form" aria-label="Besluit burgemeester">
      {error && <Alert type="error">{error}</Alert>}
      <fieldset className="ct-segmented">
        <legend>Besluit van de burgemeester</legend>
        {HUISVERBOD_DECISIONS.map((d) => (
          <label key={d}>
            <input type="radio" name="huisverbod-decision" value={d} checked={decision === d} onChange={() => setDecision(d)} /> {HUISVERBOD_DECISION_LABELS[d]}
          </label>
        ))}
      </fieldset>
      <TextInput label="Datum van het besluit" type="date" min={t.start} value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} required />
      {decision === 'verlengd' && (
        <TextInput
          label="Verlengd tot en met"
          type="date"
          min={bounds.min}
          max={bounds.max}
          value={until}
          onChange={(e) => setUntil(e.target.value)}
          required
          description={`Uiterlijk ${formatDate(bounds.max)} (${HUISVERBOD_MAX_DAYS} dagen in totaal).`}
        />
      )}
      <TextArea label="Toelichting (optioneel)" value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
      <FormActions submit="Besluit vastleggen" busy={busy} onCancel={onCancel} />
    </form>
  );
}
