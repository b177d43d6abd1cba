// An action in full: details, complete with a note, edit, cancel, assign, and its history.
import { useState, type FormEvent } from 'react';
import { ApiError, get } from '../../lib/api.ts';
import { useMe } from '../../lib/auth.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { Alert, Badge, Button, FormActions, Heading, Loading, Select, TextArea } from '../../components/ui.tsx';
import type { Action, ActionHistoryResponse } from '../../../shared/board.ts';
import type { HouseholdSummary } from '../../../shared/api.ts';
import type { Organization, Participant, Person } from '../../../shared/api.ts';
import { ACTION_STATUS_LABELS, formatDate, formatDateTime } from '../../../shared/labels.ts';
import { boardPermissions } from './permissions.ts';
import { actionOps } from './action-ops.ts';
import { ActionForm } from './ActionForm.tsx';
import { can as householdCan } from '../../../shared/policy.ts';

const KIND_LABELS: Record<string, string> = {
  created: 'aangemaakt',
  claimed: 'opgepakt',
  released: 'losgelaten',
  completed: 'afgerond',
  reopened: 'heropend',
  edited: 'gewijzigd',
  cancelled: 'laten vervallen',
  assigned: 'toegewezen',
};
const FIELD_LABELS: Record<string, string> = {
  title: 'titel',
  details: 'toelichting',
  ownerOrganizationId: 'eigenaar',
  dueDate: 'datum',
  personId: 'persoon',
  assignedUserId: 'toegewezen aan',
  status: 'status',
  completionNote: 'notitie',
};

export interface ActionDialogProps {
  action: Action;
  household: Pick<HouseholdSummary, 'myRole' | 'myLevel' | 'status'>;
  organizations: Organization[];
  persons: Person[];
  participants: Participant[];
  onChange: (a: Action) => void;
  onClose: () => void;
  initialMode?: 'view' | 'complete';
}

export function ActionDialog({ action: a, household, organizations, persons, participants, onChange, onClose, initialMode = 'view' }: ActionDialogProps) {
  const me = useMe();
  const can = boardPermissions(a, me, household);
  const history = useAsync(() => get<ActionHistoryResponse>(`/api/actions/${a.id}/history`).then((r) => r.events), [a.id, a.version]);
  const [mode, setMode] = useState<'view' | 'edit' | 'complete'>(initialMode);
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(fn: () => Promise<Action>) {
    setBusy(true);
    setError(null);
    try {
      onChange(await fn());
      setMode('view');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'STALE_VERSION') {
        const current = (err.body as { error: { current?: Action } })?.error?.current;
        if (current) onChange(current);
        setError('Iemand anders heeft deze actie intussen gewijzigd. Je ziet nu de nieuwste versie; probeer het opnieuw.');
      } else setError(err instanceof ApiError ? err.message : 'Dat lukte niet.');
    } finally {
      setBusy(false);
    }
  }
  async function complete(e: FormEvent) {
    e.preventDefault();
    await run(() => actionOps.complete(a, note));
  }
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the modal dialog closes it; the dialog inside has the role.
    <div className="ct-dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby="action-dialog-title" className="ct-dialog" data-testid="action-dialog">
        <p className="ct-pre-heading">
          Actie ·{' '}
          <Badge tone={a.status === 'done' ? 'ok' : a.overdue ? 'danger' : 'info'}>{a.overdue ? 'Achter op schema' : ACTION_STATUS_LABELS[a.status]}</Badge>
        </p>
        <Heading level={2} id="action-dialog-title">
          {a.title}
        </Heading>
        {error && <Alert type="error">{error}</Alert>}
        {mode === 'edit' ? (
          <ActionForm
            organizations={organizations}
            persons={persons}
            initial={a}
            submitLabel="Wijzigingen opslaan"
            onSubmit={(input) => run(() => actionOps.edit(a, input))}
            onCancel={() => setMode('view')}
          />
        ) : (
          <dl className="ct-dl">
            {a.details && (
              <>
                <dt>Toelichting</dt>
                <dd>{a.details}</dd>
              </>
            )}
            <dt>Eigenaar</dt>
            <dd>{a.ownerOrganization?.name ?? 'Nog niet bepaald'}</dd>
            <dt>Uiterlijk</dt>
            <dd>{a.dueDate ? formatDate(a.dueDate) : 'Geen datum'}</dd>
            {a.person && (
              <>
                <dt>Betreft</dt>
                <dd>{a.person.label}</dd>
              </>
            )}
            {a.claimedBy && (
              <>
                <dt>Opgepakt door</dt>
                <dd>
                  {a.claimedBy.name} ({a.claimedBy.organization.name}) sinds {formatDateTime(a.claimedAt)}
                </dd>
              </>
            )}
            {a.status === 'done' && (
              <>
                <dt>Afgerond</dt>
                <dd>
                  {formatDateTime(a.completedAt)}
                  {a.completedBy && ` door ${a.completedBy.name}`}
                  {a.completionNote && ` — ${a.completionNote}`}
                </dd>
              </>
            )}
          </dl>
        )}
        {mode === 'complete' && (
          <form onSubmit={complete} className="ct-form" aria-label="Actie afronden">
            <TextArea
              label="Afsluitende notitie"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              description="Wat is er gedaan, en wat is het resultaat?"
            />
            <FormActions submit="Afronden" busy={busy} onCancel={() => setMode('view')} />
          </form>
        )}
        {mode === 'view' && (
          <div className="ct-actions">
            {can.claim && (
              <Button kind="primary" busy={busy} onClick={() => run(() => actionOps.claim(a))}>
                Ik pak dit op
              </Button>
            )}
            {can.complete && (
              <Button kind={can.claim ? 'secondary' : 'primary'} onClick={() => setMode('complete')}>
                Afronden
              </Button>
            )}
            {can.release && (
              <Button busy={busy} onClick={() => run(() => actionOps.release(a))}>
                Loslaten
              </Button>
            )}
            {can.reopen && (
              <Button busy={busy} onClick={() => run(() => actionOps.reopen(a))}>
                Heropenen
              </Button>
            )}
            {can.edit && <Button onClick={() => setMode('edit')}>Bewerken</Button>}
            {can.cancel && (
              <Button kind="subtle" busy={busy} onClick={() => confirm('Deze actie laten vervallen?') && run(() => actionOps.cancel(a))}>
                Laten vervallen
              </Button>
            )}
          </div>
        )}
        {mode === 'view' && can.assign && (
          <div className="ct-inline-form">
            <Select
              label="Toewijzen aan"
              value={assignee}
              onChange={(e) => setAssignee(e.target.value)}
              options={[
                { value: '', label: 'Kies een deelnemer…' },
                ...participants
                  .filter((p) => householdCan({ admin: false, role: p.role, closed: false, level: p.level }, 'writeBoard'))
                  .map((p) => ({ value: p.user.id, label: `${p.user.name} (${p.organization.name})` })),
              ]}
            />
            <Button disabled={!assignee} busy={busy} onClick={() => run(() => actionOps.edit(a, { assignedUserId: assignee }))}>
              Toewijzen
            </Button>
          </div>
        )}
        <Heading level={3}>Geschiedenis</Heading>
        {history.loading && !history.data && <Loading />}
        <ol className="ct-history" data-testid="action-history">
          {history.data?.map((h, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the history is append-only and read whole; its order never changes.
            <li key={i}>
              {formatDateTime(h.at)} — {h.user?.name ?? 'Onbekend'}
              {h.user && ` (${h.user.organization.name})`} heeft de actie {KIND_LABELS[h.kind] ?? h.kind}
              {h.kind === 'edited' &&
                Object.keys(h.changes).length > 0 &&
                `: ${Object.keys(h.changes)
                  .map((f) => FIELD_LABELS[f] ?? f)
                  .join(', ')}`}
            </li>
          ))}
        </ol>
        <div className="ct-actions">
          <Button autoFocus onClick={onClose}>
            Sluiten
          </Button>
        </div>
      </div>
    </div>
  );
}
