// Evaluatie: every action open since the previous casusoverleg gets a verdict and a short note; "niet gelukt" also
// says why (omstandigheden gewijzigd / niet uitgevoerd door de partner) and is saved once the reason and note are there.
import { useEffect, useRef, useState } from 'react';
import { ApiError, get, put } from '../../lib/api.ts';
import { useAsync } from '../../lib/use-async.ts';
import { useSerial } from '../../lib/use-serial.ts';
import { Alert, EmptyState, Heading, Loading } from '../../components/ui.tsx';
import type { Evaluation, EvaluationItem, EvaluationResponse, EvaluationSaveResponse, HouseholdEvent } from '../../../shared/board.ts';
import { EVALUATION_REASONS, EVALUATION_VERDICTS, type EvaluationReason, type EvaluationVerdict } from '../../../shared/enums.ts';
import { ACTION_STATUS_LABELS, EVALUATION_REASON_LABELS, VERDICT_LABELS, formatDate, formatDateTime } from '../../../shared/labels.ts';

/** "Niet gelukt" is saved only with its reason and a note (the server answers 422 otherwise). */
const complete = (v: EvaluationVerdict | '', r: EvaluationReason | '', n: string) => v !== '' && (v !== 'niet_gelukt' || (r !== '' && n.trim() !== ''));

function summary(e: Evaluation): string {
  const why = e.verdict === 'niet_gelukt' && e.reason ? ` (${EVALUATION_REASON_LABELS[e.reason].toLowerCase()})` : '';
  return `${VERDICT_LABELS[e.verdict]}${why}${e.note ? ` — ${e.note}` : ''}`;
}

export function EvaluationPanel({
  householdId,
  documentId,
  canEdit,
  onEvent,
}: {
  householdId: string;
  documentId: string;
  canEdit: boolean;
  onEvent: (l: (e: HouseholdEvent) => void) => () => void;
}) {
  const data = useAsync(() => get<EvaluationResponse>(`/api/households/${householdId}/evaluation?documentId=${documentId}`), [householdId, documentId]);
  const { reload, setData } = data;
  const latest = useRef(data.data);
  latest.current = data.data;
  // Verdicts given on other screens arrive live (newest version wins); a changed or new action re-reads the block.
  useEffect(
    () =>
      onEvent((e) => {
        if (e.type === 'evaluation.updated') {
          const p = (e as HouseholdEvent<'evaluation.updated'>).payload;
          const current = latest.current;
          if (p.documentId !== documentId || !current) return;
          setData({
            ...current,
            items: current.items.map((i) =>
              i.action.id === p.evaluation.actionId && (i.evaluation?.version ?? 0) < p.evaluation.version ? { ...i, evaluation: p.evaluation } : i,
            ),
          });
        } else if (e.type === 'action.updated' || e.type === 'action.created') void reload();
      }),
    [onEvent, reload, setData, documentId],
  );
  if (data.loading && !data.data) return <Loading label="Evaluatie laden…" />;
  const r = data.data;
  return (
    <section className="ct-card" aria-labelledby="evaluation-title">
      <Heading level={2} id="evaluation-title">
        Evaluatie van de afspraken
      </Heading>
      <p className="ct-small">
        {r?.previousMeetingAt
          ? `Acties die openstonden sinds het vorige overleg (${formatDateTime(r.previousMeetingAt)}).`
          : 'Alle acties die openstaan of sinds de start zijn afgerond.'}
      </p>
      {data.error && <Alert type="error">{data.error.message}</Alert>}
      {r && r.items.length === 0 && <EmptyState title="Er zijn geen acties om te evalueren." />}
      {r && r.items.length > 0 && (
        <ul className="ct-evaluation">
          {r.items.map((item) => (
            <EvaluationRow key={item.action.id} documentId={documentId} item={item} canEdit={canEdit} />
          ))}
        </ul>
      )}
    </section>
  );
}

function EvaluationRow({ documentId, item, canEdit }: { documentId: string; item: EvaluationItem; canEdit: boolean }) {
  const a = item.action;
  const server = item.evaluation;
  const [verdict, setVerdict] = useState<EvaluationVerdict | ''>(server?.verdict ?? '');
  const [reason, setReason] = useState<EvaluationReason | ''>(server?.reason ?? '');
  const [note, setNote] = useState(server?.note ?? '');
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  // The version of the evaluation this screen's values are based on: every save names it, so a save made
  // after someone else changed the evaluation is refused (409) instead of silently overwriting theirs.
  const base = useRef(server?.version ?? 0);
  // The note is being typed and not saved yet: a change from elsewhere must not wipe it.
  const typing = useRef(false);
  useEffect(() => {
    const incoming = server?.version ?? 0;
    if (incoming <= base.current) return;
    if (typing.current) return; // the next save will conflict and say so
    base.current = incoming;
    setVerdict(server?.verdict ?? '');
    setReason(server?.reason ?? '');
    setNote(server?.note ?? '');
  }, [server?.version, server?.verdict, server?.reason, server?.note]);
  // Saves run one after another: a verdict click and a note typed right after must arrive in that order,
  // each based on the version the previous one produced.
  const serial = useSerial();
  const pending = useRef(0);
  async function save(v: EvaluationVerdict | '', r: EvaluationReason | '', n: string) {
    if (!v || !complete(v, r, n)) return;
    pending.current++;
    setState('saving');
    setError(null);
    setConflict(null);
    try {
      const saved = await serial(() =>
        put<EvaluationSaveResponse>(`/api/documents/${documentId}/evaluations`, {
          actionId: a.id,
          verdict: v,
          reason: v === 'niet_gelukt' ? r : null,
          note: n,
          version: base.current,
        }),
      );
      base.current = saved.evaluation.version;
      typing.current = false;
      if (--pending.current === 0) setState('saved');
    } catch (err) {
      pending.current--;
      setState('idle');
      typing.current = false;
      const current =
        err instanceof ApiError && err.code === 'STALE_VERSION' ? (err.body as { error?: { current?: Evaluation | null } } | null)?.error?.current : undefined;
      if (current !== undefined) {
        // Show what is stored now, and what this person tried, so nothing is lost without them knowing.
        base.current = current?.version ?? 0;
        setVerdict(current?.verdict ?? '');
        setReason(current?.reason ?? '');
        setNote(current?.note ?? '');
        setConflict(
          `${err instanceof ApiError ? err.message : ''} Jouw keuze was: ${VERDICT_LABELS[v]}${v === 'niet_gelukt' && r ? ` (${EVALUATION_REASON_LABELS[r].toLowerCase()})` : ''}${n ? ` — "${n}"` : ''}.`,
        );
      } else setError(err instanceof ApiError ? err.message : 'Opslaan lukte niet.');
    }
  }
  const noteId = `eval-note-${a.id}`;
  const reasonId = `eval-reason-${a.id}`;
  const needsWhy = verdict === 'niet_gelukt' && !complete(verdict, reason, note);
  return (
    <li className="ct-evaluation__item" data-testid="evaluation-item">
      <div>
        <span className="ct-strong">{a.title}</span>
        <span className="ct-small">
          {' '}
          · {ACTION_STATUS_LABELS[a.status]}
          {a.claimedBy && ` · ${a.claimedBy.name} (${a.claimedBy.organization.name})`}
          {a.dueDate && ` · uiterlijk ${formatDate(a.dueDate)}`}
        </span>
      </div>
      {canEdit ? (
        <div className="ct-evaluation__form">
          <fieldset className="ct-segmented">
            <legend className="ct-visually-hidden">Oordeel over {a.title}</legend>
            {EVALUATION_VERDICTS.map((v) => (
              <label key={v}>
                <input
                  type="radio"
                  name={`verdict-${a.id}`}
                  value={v}
                  checked={verdict === v}
                  onChange={() => {
                    setVerdict(v);
                    void save(v, reason, note);
                  }}
                />{' '}
                {VERDICT_LABELS[v]}
              </label>
            ))}
          </fieldset>
          {verdict === 'niet_gelukt' && (
            <span className="ct-evaluation__why">
              <label htmlFor={reasonId}>
                Waarom niet gelukt?<span className="ct-visually-hidden"> ({a.title})</span>
              </label>{' '}
              <select
                id={reasonId}
                className="utrecht-select ct-select-inline"
                value={reason}
                required
                onChange={(e) => {
                  const r = e.target.value as EvaluationReason | '';
                  setReason(r);
                  void save(verdict, r, note);
                }}
              >
                <option value="">Kies een reden</option>
                {EVALUATION_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {EVALUATION_REASON_LABELS[r]}
                  </option>
                ))}
              </select>
            </span>
          )}
          <label htmlFor={noteId} className="ct-visually-hidden">
            Toelichting bij {a.title}
          </label>
          <input
            id={noteId}
            className="utrecht-textbox ct-evaluation__note"
            placeholder="Korte toelichting"
            value={note}
            onChange={(e) => {
              typing.current = true;
              setNote(e.target.value);
            }}
            onBlur={() => typing.current && void save(verdict, reason, note)}
          />
          <span className="ct-small" role="status">
            {needsWhy
              ? 'Kies waarom het niet gelukt is en licht het toe; dan wordt het opgeslagen.'
              : state === 'saving'
                ? 'Opslaan…'
                : state === 'saved'
                  ? 'Opgeslagen'
                  : ''}
          </span>
        </div>
      ) : (
        <div className="ct-small">{item.evaluation ? summary(item.evaluation) : 'Nog niet geëvalueerd'}</div>
      )}
      {error && (
        <p className="ct-action__error" role="alert">
          {error}
        </p>
      )}
      {conflict && (
        <p className="ct-action__error" role="alert" data-testid="evaluation-conflict">
          {conflict}
        </p>
      )}
    </li>
  );
}
