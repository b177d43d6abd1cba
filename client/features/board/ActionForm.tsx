// Create or edit an action: title, details, owner organisation, due date, person it concerns.
import { useState } from 'react';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert, Button, Select, TextArea, TextInput } from '../../components/ui.tsx';
import type { Action } from '../../../shared/board.ts';
import type { ActionInput } from '../../../shared/schemas.ts';
import type { Organization, Person } from '../../../shared/api.ts';
import { PERSON_ROLE_LABELS } from '../../../shared/labels.ts';

export interface ActionFormProps {
  organizations: Organization[];
  persons: Person[];
  initial?: Partial<Action>;
  submitLabel: string;
  onSubmit: (input: ActionInput) => Promise<unknown>;
  onCancel?: () => void;
}

export function ActionForm({ organizations, persons, initial, submitLabel, onSubmit, onCancel }: ActionFormProps) {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [details, setDetails] = useState(initial?.details ?? '');
  const [owner, setOwner] = useState(initial?.ownerOrganization?.id ?? '');
  const [due, setDue] = useState(initial?.dueDate ?? '');
  const [person, setPerson] = useState(initial?.person?.id ?? '');
  const { error, busy, submit: run } = useSubmit();
  const submit = run(() => onSubmit({ title, details, ownerOrganizationId: owner || null, dueDate: due || null, personId: person || null }));
  return (
    <form onSubmit={submit} className="ct-form" aria-label={submitLabel}>
      {error && <Alert type="error">{error}</Alert>}
      <TextInput label="Wat moet er gebeuren?" required value={title} onChange={(e) => setTitle(e.target.value)} />
      <TextArea label="Toelichting (optioneel)" value={details} onChange={(e) => setDetails(e.target.value)} />
      <Select
        label="Eigenaar (organisatie)"
        value={owner}
        onChange={(e) => setOwner(e.target.value)}
        options={[{ value: '', label: 'Nog niet bepaald (iedereen kan oppakken)' }, ...organizations.map((o) => ({ value: o.id, label: o.name }))]}
      />
      <TextInput label="Uiterlijk klaar op" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      <Select
        label="Betreft (optioneel)"
        value={person}
        onChange={(e) => setPerson(e.target.value)}
        options={[{ value: '', label: 'Het hele huishouden' }, ...persons.map((p) => ({ value: p.id, label: `${p.label} (${PERSON_ROLE_LABELS[p.role]})` }))]}
      />
      <div className="ct-actions">
        <Button kind="primary" type="submit" busy={busy}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button kind="subtle" onClick={onCancel}>
            Annuleren
          </Button>
        )}
      </div>
    </form>
  );
}
