// After the casusoverleg: the new and changed agreements per organisation, as far as this user sees the
// households on the agenda (the server leaves out the rest; "besloten" items are only counted).
import { Link } from '../../lib/router.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { Alert, Badge, EmptyState, Heading, Loading } from '../../components/ui.tsx';
import { PageError } from '../../components/ErrorMessage.tsx';
import { Cell, Row, Table } from '../../components/Table.tsx';
import { ACTION_STATUS_LABELS, VERDICT_LABELS, formatDate, formatDateTime, formatTime } from '../../../shared/labels.ts';
import type { OverviewOrganization } from '../../../shared/casusoverleg.ts';
import { casusoverlegApi } from './api.ts';
import { Breadcrumb } from './parts.tsx';

export function MeetingOverviewPage({ id }: { id: string }) {
  const o = useAsync(() => casusoverlegApi.overview(id), [id]);
  if (o.loading && !o.data) return <Loading label="Overzicht laden…" />;
  if (o.error || !o.data)
    return (
      <PageError
        title="Overzicht van afspraken"
        error={o.error ?? { message: 'Niet geladen.' }}
        retry={o.reload}
        back={{ href: '/casusoverleggen', label: 'Naar Casusoverleggen' }}
      />
    );
  const r = o.data;
  return (
    <article aria-labelledby="overview-title">
      <Breadcrumb title={r.casusoverleg.title} id={r.casusoverleg.id} here="Overzicht van afspraken" />
      <Heading level={1} id="overview-title">
        Afspraken uit {r.casusoverleg.title}
      </Heading>
      <p className="utrecht-paragraph ct-small">
        Nieuwe en gewijzigde afspraken tussen {formatDateTime(r.window.from)} en {formatTime(r.window.to)}, per organisatie. Je ziet alleen de huishoudens
        waaraan je deelneemt, zo ver als jouw informatieniveau reikt.
      </p>
      {!r.final && <Alert type="info">Het overleg is nog niet gesloten: dit is het overzicht tot nu toe.</Alert>}
      {r.closedItems > 0 && (
        <p className="utrecht-paragraph ct-small">
          {r.closedItems === 1 ? 'Eén besloten casus staat' : `${r.closedItems} besloten casussen staan`} niet in dit overzicht.
        </p>
      )}
      {r.organizations.length === 0 ? (
        <EmptyState title="Er zijn in dit overleg geen afspraken gemaakt of gewijzigd die jij kunt zien." />
      ) : (
        r.organizations.map((org) => <OrganizationAgreements key={org.organization?.id ?? 'none'} group={org} />)
      )}
    </article>
  );
}

function OrganizationAgreements({ group }: { group: OverviewOrganization }) {
  const headingId = `org-${group.organization?.id ?? 'geen'}`;
  return (
    <section className="ct-card" aria-labelledby={headingId} data-testid="overview-organization">
      <Heading level={2} id={headingId}>
        {group.organization ? (
          <>
            <span className={`ct-org-dot ct-org--${group.organization.kind}`} aria-hidden="true" /> {group.organization.name}
          </>
        ) : (
          'Zonder eigenaar'
        )}
      </Heading>
      <Table headers={['Afspraak', 'Huishouden', 'Status', 'Uiterlijk', 'In dit overleg']}>
        {group.agreements.map((a) => (
          <Row key={a.action.id} data-testid="overview-agreement">
            <Cell>
              <Link className="utrecht-link" href={`/huishoudens/${a.household.id}/acties#actie-${a.action.id}`}>
                {a.action.title}
              </Link>
            </Cell>
            <Cell>
              {a.household.reference} {a.household.displayName}
            </Cell>
            <Cell>{ACTION_STATUS_LABELS[a.action.status]}</Cell>
            <Cell>{a.action.dueDate ? formatDate(a.action.dueDate) : '—'}</Cell>
            <Cell>
              <Badge tone={a.isNew ? 'info' : 'neutral'}>{a.isNew ? 'Nieuw' : 'Gewijzigd'}</Badge>
              {a.verdict && ` · ${VERDICT_LABELS[a.verdict]}`}
            </Cell>
          </Row>
        ))}
      </Table>
    </section>
  );
}
