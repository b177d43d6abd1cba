// The legal basis for sharing this household's data and the partner that brought it in (AVG art. 6/9).
// Shown to everyone who sees the household; changed by the regievoerder or a beheerder, always with a reason.
import { useState } from 'react';
import { put } from '../../lib/api.ts';
import { useAsync } from '../../lib/use-async.ts';
import { fetchOrganizations } from '../../lib/queries.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { useHouseholdRights } from '../../lib/policy.ts';
import type { HouseholdDetail } from '../../../shared/api.ts';
import { GRONDSLAGEN } from '../../../shared/enums.ts';
import { GRONDSLAG_LABELS } from '../../../shared/labels.ts';
import { Alert, FormActions, Heading, OpenForm, Select, TextArea, TextInput } from '../../components/ui.tsx';

export function GrondslagPanel({ household: h, onChange }: { household: HouseholdDetail; onChange: () => void }) {
  const mayChange = useHouseholdRights(h)('update');
  return (
    <section className="ct-card" aria-labelledby="grondslag-title" data-testid="grondslag">
      <Heading level={2} id="grondslag-title">
        Grondslag
      </Heading>
      <dl className="ct-dl">
        <dt>Grondslag voor delen</dt>
        <dd>{h.grondslag ? GRONDSLAG_LABELS[h.grondslag] : 'Niet vastgelegd'}</dd>
        {h.grondslagNote && (
          <>
            <dt>Toelichting</dt>
            <dd>{h.grondslagNote}</dd>
          </>
        )}
        <dt>Ingebracht door</dt>
        <dd>{h.referringOrganization?.name ?? 'Niet vastgelegd'}</dd>
      </dl>
      <OpenForm label="Grondslag wijzigen" allowed={mayChange} onChange={onChange}>
        {(done, cancel) => <GrondslagForm household={h} onDone={done} onCancel={cancel} />}
      </OpenForm>
    </section>
  );
}

function GrondslagForm({ household: h, onDone, onCancel }: { household: HouseholdDetail; onDone: () => void; onCancel: () => void }) {
  const orgs = useAsync(fetchOrganizations, []);
  const [grondslag, setGrondslag] = useState<string>(h.grondslag ?? '');
  const [note, setNote] = useState(h.grondslagNote);
  const [referrer, setReferrer] = useState(h.referringOrganization?.id ?? '');
  const [reason, setReason] = useState('');
  const { error, busy, submit } = useSubmit();
  const save = submit(async () => {
    await put(`/api/households/${h.id}/grondslag`, { grondslag, grondslagNote: note, referringOrganizationId: referrer, reason });
    onDone();
  });
  return (
    <form className="ct-form" onSubmit={save} aria-label="Grondslag wijzigen">
      {error && <Alert type="error">{error}</Alert>}
      <Select
        label="Grondslag voor delen"
        required
        value={grondslag}
        onChange={(e) => setGrondslag(e.target.value)}
        options={[{ value: '', label: 'Kies…' }, ...GRONDSLAGEN.map((g) => ({ value: g, label: GRONDSLAG_LABELS[g] }))]}
      />
      <TextInput label="Toelichting (optioneel)" value={note} onChange={(e) => setNote(e.target.value)} />
      <Select
        label="Ingebracht door"
        required
        value={referrer}
        onChange={(e) => setReferrer(e.target.value)}
        options={[{ value: '', label: 'Kies…' }, ...(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))]}
      />
      <TextArea label="Reden van de wijziging" required value={reason} onChange={(e) => setReason(e.target.value)} />
      <FormActions submit="Opslaan" busy={busy} onCancel={onCancel} />
    </form>
  );
}
