// Closing a case (regievoerder, with a reason) and what a closed case shows everyone: when it was closed,
// why, and after which date it is destroyed; reopening within the retention period, with a reason.
import { useState } from 'react';
import { post } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { useHouseholdRights } from '../../lib/policy.ts';
import type { HouseholdDetail } from '../../../shared/api.ts';
import { CLOSE_REASONS } from '../../../shared/enums.ts';
import { CLOSE_REASON_LABELS, formatDate } from '../../../shared/labels.ts';
import { Alert, Button, FormActions, OpenForm, Select, TextArea } from '../../components/ui.tsx';

export function ClosureBanner({ household: h, onChange }: { household: HouseholdDetail; onChange: () => void }) {
  const may = useHouseholdRights(h);
  if (!h.closure) return null;
  const c = h.closure;
  return (
    <div data-testid="closure">
      <Alert type="info" title="Casus gesloten">
        Gesloten op {formatDate(c.closedAt)}
        {c.retentionEndsAt && <> — wordt vernietigd na {formatDate(c.retentionEndsAt)}</>}.
        {c.reason && (
          <>
            {' '}
            Reden: {CLOSE_REASON_LABELS[c.reason]}
            {c.note && ` (${c.note})`}.
          </>
        )}{' '}
        De casus is alleen nog in te zien.
      </Alert>
      <OpenForm label="Casus heropenen" allowed={may('reopen')} onChange={onChange}>
        {(done, cancel) => <ReopenForm household={h} onDone={done} onCancel={cancel} />}
      </OpenForm>
    </div>
  );
}

function ReopenForm({ household: h, onDone, onCancel }: { household: HouseholdDetail; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const { error, busy, submit } = useSubmit('Heropenen lukte niet.');
  const save = submit(async () => {
    await post(`/api/households/${h.id}/reopen`, { reason });
    onDone();
  });
  return (
    <form className="ct-form ct-card" onSubmit={save} aria-label="Casus heropenen">
      {error && <Alert type="error">{error}</Alert>}
      <TextArea label="Reden van heropenen" required value={reason} onChange={(e) => setReason(e.target.value)} />
      <FormActions submit="Heropenen" busy={busy} onCancel={onCancel} />
    </form>
  );
}

export function CloseCase({ household: h, onChange }: { household: HouseholdDetail; onChange: () => void }) {
  const may = useHouseholdRights(h);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const { error, busy, submit } = useSubmit('Sluiten lukte niet.');
  if (!may('close')) return null;
  const save = submit(async () => {
    await post(`/api/households/${h.id}/close`, { reason, note });
    setOpen(false);
    onChange();
  });
  if (!open) return <Button onClick={() => setOpen(true)}>Casus sluiten</Button>;
  return (
    <form className="ct-form ct-card" onSubmit={save} aria-label="Casus sluiten">
      {error && <Alert type="error">{error}</Alert>}
      <p className="utrecht-paragraph">Na het sluiten kan niemand de casus nog wijzigen. Na de bewaartermijn wordt de casus vernietigd.</p>
      <Select
        label="Reden van sluiten"
        required
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        options={[{ value: '', label: 'Kies…' }, ...CLOSE_REASONS.map((r) => ({ value: r, label: CLOSE_REASON_LABELS[r] }))]}
      />
      <TextArea
        label={reason === 'anders' ? 'Toelichting' : 'Toelichting (optioneel)'}
        required={reason === 'anders'}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <FormActions submit="Casus sluiten" busy={busy} onCancel={() => setOpen(false)} />
    </form>
  );
}
