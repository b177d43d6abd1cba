// Persons in the household (minimum data: role, first name or initial, birth year, notes).
import { useState } from 'react';
import { post } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import type { HouseholdDetail } from '../../lib/types.ts';
import { Alert, Button, EmptyState, Heading, Select, TextArea, TextInput } from '../../components/ui.tsx';
import { PERSON_ROLES, type PersonRole } from '../../../shared/enums.ts';
import { PERSON_ROLE_LABELS } from '../../../shared/labels.ts';

export function PersonsPanel({ household: h, onChange }: { household: HouseholdDetail; onChange: () => void }) {
  const [adding, setAdding] = useState(false);
  return (
    <section className="ct-card" aria-labelledby="persons-title">
      <Heading level={2} id="persons-title">Personen in het huishouden</Heading>
      {h.persons.length === 0 && <EmptyState title="Nog geen personen vastgelegd." />}
      {h.persons.length > 0 && (
        <ul className="ct-persons">
          {h.persons.map((p) => (
            <li key={p.id} className="ct-person">
              <span className="ct-person__role">{PERSON_ROLE_LABELS[p.role]}</span>
              <span className="ct-strong">{p.label}</span>
              {p.birthYear && <span className="ct-small"> · geboren {p.birthYear}</span>}
              {p.notes && <p className="ct-small ct-person__notes">{p.notes}</p>}
            </li>
          ))}
        </ul>
      )}
      {h.myRole === 'regievoerder' && (adding ? <PersonForm householdId={h.id} onDone={() => { setAdding(false); onChange(); }} onCancel={() => setAdding(false)} /> : <Button onClick={() => setAdding(true)}>Persoon toevoegen</Button>)}
    </section>
  );
}

function PersonForm({ householdId, onDone, onCancel }: { householdId: string; onDone: () => void; onCancel: () => void }) {
  const [role, setRole] = useState<PersonRole>('kind');
  const [label, setLabel] = useState('');
  const [birthYear, setBirthYear] = useState('');
  const [notes, setNotes] = useState('');
  const { error, busy, submit: run } = useSubmit();
  const submit = run(async () => {
    await post(`/api/households/${householdId}/persons`, { role, label, birthYear: birthYear ? Number(birthYear) : null, notes });
    onDone();
  });
  return (
    <form onSubmit={submit} className="ct-form" aria-label="Persoon toevoegen">
      {error && <Alert type="error">{error}</Alert>}
      <Select label="Rol" value={role} onChange={(e) => setRole(e.target.value as PersonRole)} options={PERSON_ROLES.map((r) => ({ value: r, label: PERSON_ROLE_LABELS[r] }))} />
      <TextInput label="Voornaam of initiaal" required value={label} onChange={(e) => setLabel(e.target.value)} description="Leg niet meer vast dan nodig is." />
      <TextInput label="Geboortejaar (optioneel)" inputMode="numeric" pattern="[0-9]{4}" value={birthYear} onChange={(e) => setBirthYear(e.target.value)} />
      <TextArea label="Notitie (optioneel)" value={notes} onChange={(e) => setNotes(e.target.value)} />
      <div className="ct-actions">
        <Button kind="primary" type="submit" busy={busy}>Toevoegen</Button>
        <Button kind="subtle" onClick={onCancel}>Annuleren</Button>
      </div>
    </form>
  );
}
