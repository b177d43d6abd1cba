// Evaluatie: every action open since the previous casusoverleg gets a verdict and a short note.
import { useEffect, useRef, useState } from 'react';
import { ApiError, get, put } from '../../lib/api.ts';
import { useAsync } from '../../lib/use-async.ts';
import { useSerial } from '../../lib/use-serial.ts';
import { Alert, EmptyState, Heading, Loading } from '../../components/ui.tsx';
import type { EvaluationItem, EvaluationResponse, HouseholdEvent } from '../../../shared/board.ts';
import { EVALUATION_VERDICTS, type EvaluationVerdict } from '../../../shared/enums.ts';
import { ACTION_STATUS_LABELS, VERDICT_LABELS, formatDate, formatDateTime } from '../../../shared/labels.ts';

export function EvaluationPanel({ householdId, documentId, canEdit, onEvent }: { householdId: string; documentId: string; canEdit: boolean; onEvent: (l: (e: HouseholdEvent) => void) => () => void }) {
  const data = useAsync(() => get<EvaluationResponse>(`/api/households/${householdId}/evaluation?documentId=${documentId}`), [householdId, documentId]);
  // Verdicts given by others in the meeting arrive live.
  useEffect(() => onEvent((e) => {
    if (e.type === 'evaluation.updated' || e.type === 'action.updated' || e.type === 'action.created') void data.reload();
  }), [onEvent, data.reload]);
  if (data.loading && !data.data) return <Loading label="Evaluatie laden…" />;
  const r = data.data;
  return (
    <section className="ct-card" aria-labelledby="evaluation-title">
      <Heading level={2} id="evaluation-title">Evaluatie van de afspraken</Heading>
      <p className="ct-small">
        {r?.previousMeetingAt ? `Acties die openstonden sinds het vorige overleg (${formatDateTime(r.previousMeetingAt)}).` : 'Alle acties die openstaan of sinds de start zijn afgerond.'}
      </p>
      {data.error && <Alert type="error">{data.error.message}</Alert>}
      {r && r.items.length === 0 && <EmptyState title="Er zijn geen acties om te evalueren." />}
      {r && r.items.length > 0 && (
        <ul className="ct-evaluation">
          {r.items.map((item) => <EvaluationRow key={item.action.id} documentId={documentId} item={item} canEdit={canEdit} />)}
        </ul>
      )}
    </section>
  );
}

function EvaluationRow({ documentId, item, canEdit }: { documentId: string; item: EvaluationItem; canEdit: boolean }) {
  const a = item.action;
  const [verdict, setVerdict] = useState<EvaluationVerdict | ''>(item.evaluation?.verdict ?? '');
  const [note, setNote] = useState(item.evaluation?.note ?? '');
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setVerdict(item.evaluation?.verdict ?? '');
    setNote(item.evaluation?.note ?? '');
  }, [item.evaluation?.verdict, item.evaluation?.note]);
  // Saves run one after another: a verdict click and a note typed right after must arrive in that order,
  // or the earlier request could overwrite the later one.
  const serial = useSerial();
  const pending = useRef(0);
  async function save(v: EvaluationVerdict | '', n: string) {
    if (!v) return;
    pending.current++;
    setState('saving');
    setError(null);
    try {
      await serial(() => put(`/api/documents/${documentId}/evaluations`, { actionId: a.id, verdict: v, note: n }));
      if (--pending.current === 0) setState('saved');
    } catch (err) {
      pending.current--;
      setState('idle');
      setError(err instanceof ApiError ? err.message : 'Opslaan lukte niet.');
    }
  }
  const noteId = `eval-note-${a.id}`;
  return (
    <li className="ct-evaluation__item" data-testid="evaluation-item">
      <div>
        <span className="ct-strong">{a.title}</span>
        <span className="ct-small"> · {ACTION_STATUS_LABELS[a.status]}{a.claimedBy && ` · ${a.claimedBy.name} (${a.claimedBy.organization.name})`}{a.dueDate && ` · uiterlijk ${formatDate(a.dueDate)}`}</span>
      </div>
      {canEdit ? (
        <div className="ct-evaluation__form">
          <fieldset className="ct-segmented">
            <legend className="ct-visually-hidden">Oordeel over {a.title}</legend>
            {EVALUATION_VERDICTS.map((v) => (
              <label key={v}>
                <input type="radio" name={`verdict-${a.id}`} value={v} checked={verdict === v} onChange={() => { setVerdict(v); void save(v, note); }} /> {VERDICT_LABELS[v]}
              </label>
            ))}
          </fieldset>
          <label htmlFor={noteId} className="ct-visually-hidden">Toelichting bij {a.title}</label>
          <input id={noteId} className="utrecht-textbox ct-evaluation__note" placeholder="Korte toelichting" value={note} onChange={(e) => setNote(e.target.value)} onBlur={() => void save(verdict, note)} />
          <span className="ct-small" role="status">{state === 'saving' ? 'Opslaan…' : state === 'saved' ? 'Opgeslagen' : ''}</span>
        </div>
      ) : (
        <div className="ct-small">{item.evaluation ? `${VERDICT_LABELS[item.evaluation.verdict]}${item.evaluation.note ? ` — ${item.evaluation.note}` : ''}` : 'Nog niet geëvalueerd'}</div>
      )}
      {error && <p className="ct-action__error" role="alert">{error}</p>}
    </li>
  );
}
