// Persons in the household (minimum data: role, first name or initial, birth year, notes).
import { useState } from 'react';
import { post, put } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import type { HouseholdDetail, Person } from '../../../shared/api.ts';
import { Alert, Button, EmptyState, Heading, Select, TextArea, TextInput } from '../../components/ui.tsx';
import { PERSON_ROLES, type PersonRole } from '../../../shared/enums.ts';
import { PERSON_ROLE_LABELS } from '../../../shared/labels.ts';
import { useHouseholdRights } from '../../lib/policy.ts';

export function PersonsPanel({ household: h, onChange }: { household: HouseholdDetail; onChange: () => void }) {
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const may = useHouseholdRights(h);
  const isRegie = may('direct');
  // The inzageverzoek shows the person's data and the household's log: both rights.
  const mayInzage = may('audit') && may('read');
  return (
    <section className="ct-card" aria-labelledby="persons-title">
      <Heading level={2} id="persons-title">
        Personen in het huishouden
      </Heading>
      {h.persons.length === 0 && <EmptyState title="Nog geen personen vastgelegd." />}
      {h.persons.length > 0 && (
        <ul className="ct-persons">
          {h.persons.map((p) => (
            <li key={p.id} className="ct-person">
              {editing === p.id ? (
                <PersonForm
                  householdId={h.id}
                  person={p}
                  onDone={() => {
                    setEditing(null);
                    onChange();
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <>
                  <span className="ct-person__role">{PERSON_ROLE_LABELS[p.role]}</span>
                  <span className="ct-strong">{p.label}</span>
                  {p.birthYear && <span className="ct-small"> · geboren {p.birthYear}</span>}
                  {isRegie && (
                    <Button kind="subtle" className="ct-person__edit" onClick={() => setEditing(p.id)} aria-label={`${p.label} wijzigen`}>
                      Wijzigen
                    </Button>
                  )}
                  {mayInzage && (
                    <a
                      className="utrecht-link ct-small ct-person__inzage"
                      href={`/api/households/${h.id}/persons/${p.id}/inzage.pdf`}
                      download
                      aria-label={`Inzageverzoek ${p.label} (PDF)`}
                    >
                      Inzageverzoek (PDF)
                    </a>
                  )}
                  {p.notes && <p className="ct-small ct-person__notes">{p.notes}</p>}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {isRegie &&
        (adding ? (
          <PersonForm
            householdId={h.id}
            onDone={() => {
              setAdding(false);
              onChange();
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <Button onClick={() => setAdding(true)}>Persoon toevoegen</Button>
        ))}
    </section>
  );
}

function PersonForm({ householdId, person, onDone, onCancel }: { householdId: string; person?: Person; onDone: () => void; onCancel: () => void }) {
  const [role, setRole] = useState<PersonRole>(person?.role ?? 'kind');
  const [label, setLabel] = useState(person?.label ?? '');
  const [birthYear, setBirthYear] = useState(person?.birthYear ? String(person.birthYear) : '');
  const [notes, setNotes] = useState(person?.notes ?? '');
  const { error, busy, submit: run } = useSubmit();
  const submit = run(async () => {
    const body = { role, label, birthYear: birthYear ? Number(birthYear) : null, notes };
    if (person) await put(`/api/households/${householdId}/persons/${person.id}`, body);
    else await post(`/api/households/${householdId}/persons`, body);
    onDone();
  });
  return (
    <form onSubmit={submit} className="ct-form" aria-label={person ? `${person.label} wijzigen` : 'Persoon toevoegen'}>
      {error && <Alert type="error">{error}</Alert>}
      <Select
        label="Rol"
        value={role}
        onChange={(e) => setRole(e.target.value as PersonRole)}
        options={PERSON_ROLES.map((r) => ({ value: r, label: PERSON_ROLE_LABELS[r] }))}
      />
      <TextInput
        label="Voornaam of initiaal"
        required
        value={label}
        onChange={(e) => setLabel(e.target.value)}
        description="Leg niet meer vast dan nodig is."
      />
      <TextInput label="Geboortejaar (optioneel)" inputMode="numeric" pattern="[0-9]{4}" value={birthYear} onChange={(e) => setBirthYear(e.target.value)} />
      <TextArea label="Notitie (optioneel)" value={notes} onChange={(e) => setNotes(e.target.value)} />
      <div className="ct-actions">
        <Button kind="primary" type="submit" busy={busy}>
          {person ? 'Opslaan' : 'Toevoegen'}
        </Button>
        <Button kind="subtle" onClick={onCancel}>
          Annuleren
        </Button>
      </div>
    </form>
  );
}
