// The Logboek's filters: a person of the household (the rows that concern them), the actor's organisation,
// the acting user, and the kind of row. Each choice changes the page's URL; the list follows it.
import type { LogboekActors, Person } from '../../../shared/api.ts';
import type { LogboekFilter } from '../../../shared/schemas.ts';
import { AUDIT_KIND_LABELS, LOGBOEK_KINDS } from '../../../shared/audit.ts';
import { PERSON_ROLE_LABELS } from '../../../shared/labels.ts';
import { Select } from '../../components/ui.tsx';

export function LogboekFilters({
  filter,
  onChange,
  persons,
  actors,
}: {
  filter: LogboekFilter;
  onChange: (next: LogboekFilter) => void;
  /** The household's persons, or null when the user may not see them (a functioneel beheerder). */
  persons: Person[] | null;
  actors: LogboekActors | null;
}) {
  const set = (key: keyof LogboekFilter) => (e: { target: { value: string } }) => onChange({ ...filter, [key]: e.target.value || undefined });
  return (
    <form className="ct-filters" aria-label="Logboek filteren" onSubmit={(e) => e.preventDefault()}>
      {persons && (
        <Select
          label="Persoon"
          value={filter.personId ?? ''}
          onChange={set('personId')}
          options={[
            { value: '', label: 'Alle personen' },
            ...persons.map((p) => ({ value: p.id, label: `${p.label} (${PERSON_ROLE_LABELS[p.role].toLowerCase()})` })),
          ]}
        />
      )}
      <Select
        label="Organisatie"
        value={filter.organizationId ?? ''}
        onChange={set('organizationId')}
        options={[{ value: '', label: 'Alle organisaties' }, ...(actors?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }))]}
      />
      <Select
        label="Gebruiker"
        value={filter.userId ?? ''}
        onChange={set('userId')}
        options={[
          { value: '', label: 'Alle gebruikers' },
          ...(actors?.users ?? []).map((u) => ({ value: u.id, label: u.organizationName ? `${u.name} (${u.organizationName})` : u.name })),
        ]}
      />
      <Select
        label="Soort"
        value={filter.kind ?? ''}
        onChange={set('kind')}
        options={[{ value: '', label: 'Alles' }, ...LOGBOEK_KINDS.map((k) => ({ value: k, label: AUDIT_KIND_LABELS[k] }))]}
      />
      {filter.personId && (
        <p className="ct-small ct-filters__note" data-testid="person-filter-note">
          Met een persoon gekozen: wat over deze persoon gaat (de persoonsgegevens en de acties die aan deze persoon zijn gekoppeld) en alles over het
          huishouden als geheel, want dat gaat over iedereen in het huishouden.
        </p>
      )}
    </form>
  );
}
