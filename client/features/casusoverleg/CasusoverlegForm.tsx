// Plan a casusoverleg, or change its facts: title, date and time (Amsterdam), place and/or online link, chair.
import { useState } from 'react';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert, Button, Select, TextInput } from '../../components/ui.tsx';
import { addDays, amsterdamDay } from '../../../shared/huisverbod.ts';
import { amsterdamWallTimeToIso, isoToAmsterdamWallTime } from '../../../shared/time.ts';
import type { CasusoverlegDetail, PersonRefLite } from '../../../shared/casusoverleg.ts';
import type { CasusoverlegInput } from '../../../shared/schemas.ts';

export function CasusoverlegForm({
  current,
  chairCandidates,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  current?: CasusoverlegDetail;
  chairCandidates: PersonRefLite[];
  submitLabel: string;
  onSubmit: (input: CasusoverlegInput) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(current?.title ?? 'Casusoverleg');
  // Amsterdam wall time, whatever the computer's own time zone.
  const [when, setWhen] = useState(() => (current ? isoToAmsterdamWallTime(current.startsAt) : `${addDays(amsterdamDay(new Date()), 7)}T09:30`));
  const [place, setPlace] = useState(current?.place ?? '');
  const [onlineLink, setOnlineLink] = useState(current?.onlineLink ?? '');
  const [chairId, setChairId] = useState(current?.chair.id ?? chairCandidates[0]?.id ?? '');
  const { error, busy, submit } = useSubmit('Opslaan lukte niet.');
  // The current chair stays choosable even if they are not among the planner's colleagues.
  const chairs = current && !chairCandidates.some((c) => c.id === current.chair.id) ? [current.chair, ...chairCandidates] : chairCandidates;
  return (
    <form
      className="ct-form"
      aria-label={submitLabel}
      onSubmit={submit(() => onSubmit({ title, startsAt: amsterdamWallTimeToIso(when), place, onlineLink, chairId }))}
    >
      {error && <Alert type="error">{error}</Alert>}
      <TextInput
        label="Titel"
        description="Alleen de naam van het overleg: geen namen of kenmerken van huishoudens."
        required
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <TextInput label="Datum en tijd" description="Nederlandse tijd" type="datetime-local" required value={when} onChange={(e) => setWhen(e.target.value)} />
      <TextInput label="Plaats" description="Vul een plaats, een online link of allebei in." value={place} onChange={(e) => setPlace(e.target.value)} />
      <TextInput label="Online link" type="url" placeholder="https://" value={onlineLink} onChange={(e) => setOnlineLink(e.target.value)} />
      <Select
        label="Voorzitter"
        description="Leidt het overleg: gaat naar de volgende casus en sluit het overleg."
        value={chairId}
        onChange={(e) => setChairId(e.target.value)}
        options={chairs.map((c) => ({ value: c.id, label: `${c.name} (${c.organization})` }))}
      />
      <div className="ct-actions">
        <Button kind="primary" type="submit" busy={busy}>
          {submitLabel}
        </Button>
        <Button kind="subtle" onClick={onCancel}>
          Annuleren
        </Button>
      </div>
    </form>
  );
}
