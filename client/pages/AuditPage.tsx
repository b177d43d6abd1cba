// Logboek: who saw and changed what in this household (regievoerder and functioneel beheerder), filtered by
// person, organisation, user and kind (the filters live in the URL), exported as CSV or PDF, and the
// inzageverzoek (AVG art. 15) of the person filtered on.
import { get } from '../lib/api.ts';
import { useAsync } from '../lib/use-async.ts';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { fetchHousehold } from '../lib/queries.ts';
import { useHouseholdRights } from '../lib/policy.ts';
import { Heading, Loading } from '../components/ui.tsx';
import { ErrorMessage, PageError } from '../components/ErrorMessage.tsx';
import { formatDateTime } from '../../shared/labels.ts';
import { Cell, Row, Table } from '../components/Table.tsx';
import type { AuditListResponse } from '../../shared/api.ts';
import type { LogboekFilter } from '../../shared/schemas.ts';
import { AUDIT_KIND_LABELS, auditEntryNote, auditEventKind, auditEventLabel } from '../../shared/audit.ts';
import { LogboekFilters } from './audit/LogboekFilters.tsx';
import { filterFromUrl, filterToApi, filterToUrl } from './audit/logboek-filter.ts';

const LIMIT = 500;

export function AuditPage({ householdId }: { householdId: string }) {
  const { search } = useLocation();
  const filter = filterFromUrl(search);
  const query = filterToApi(filter);
  const {
    data: log,
    error,
    loading,
    reload,
  } = useAsync(() => get<AuditListResponse>(`/api/households/${householdId}/audit?limit=${LIMIT}${query ? `&${query}` : ''}`), [householdId, query]);
  const household = useAsync(() => fetchHousehold(householdId), [householdId]);
  const may = useHouseholdRights(household.data);
  const persons = household.data && !household.data.contentHidden ? household.data.persons : null;
  const person = persons?.find((p) => p.id === filter.personId) ?? null;
  const setFilter = (next: LogboekFilter) => navigate(`/huishoudens/${householdId}/logboek${filterToUrl(next)}`, { replace: true });
  const base = `/api/households/${householdId}`;
  const data = log?.entries;
  if (error && !log) return <PageError title="Logboek" error={error} retry={reload} />;
  return (
    <section aria-labelledby="audit-title">
      <nav aria-label="Kruimelpad" className="ct-breadcrumb">
        <Link href="/" className="utrecht-link">
          Mijn casussen
        </Link>{' '}
        <span aria-hidden="true">›</span>{' '}
        <Link href={`/huishoudens/${householdId}`} className="utrecht-link" data-testid="audit-breadcrumb-household">
          {log ? `${log.household.reference} ${log.household.displayName}` : 'Huishouden'}
        </Link>{' '}
        <span aria-hidden="true">›</span> <span>Logboek</span>
      </nav>
      <Heading level={1} id="audit-title">
        Logboek
      </Heading>
      <p className="utrecht-paragraph ct-small">
        Iedere inzage, wijziging, export en geweigerde poging in dit huishouden, de nieuwste bovenaan (laatste {LIMIT}). Het logboek kan niet worden gewijzigd;
        exporteren wordt zelf ook vastgelegd.
      </p>
      <LogboekFilters filter={filter} onChange={setFilter} persons={persons} actors={log?.actors ?? null} />
      <div className="ct-actions ct-logboek-exports">
        <a className="utrecht-button utrecht-button--secondary-action ct-button-link" href={`${base}/audit.csv?${query}`} download>
          CSV downloaden
        </a>
        <a className="utrecht-button utrecht-button--secondary-action ct-button-link" href={`${base}/audit.pdf?${query}`} download>
          PDF downloaden
        </a>
        {person && may('audit') && may('read') && (
          <a className="utrecht-button utrecht-button--primary-action ct-button-link" href={`${base}/persons/${person.id}/inzage.pdf`} download>
            Inzageverzoek {person.label} (PDF)
          </a>
        )}
      </div>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} retry={reload} />
      {data && data.length === 0 && <p className="utrecht-paragraph">Geen regels met deze filters.</p>}
      {data && data.length > 0 && (
        <Table headers={['Tijd', 'Wie', 'Soort', 'Wat', 'IP-adres']} compact data-testid="audit-table">
          {data.map((e) => {
            const note = auditEntryNote(e.event, e.details);
            return (
              <Row key={e.id} data-testid="audit-row">
                <Cell>{formatDateTime(e.at)}</Cell>
                <Cell>
                  {e.userName ?? '—'}
                  {e.organizationName && <span className="ct-small"> · {e.organizationName}</span>}
                </Cell>
                <Cell>{AUDIT_KIND_LABELS[auditEventKind(e.event)]}</Cell>
                <Cell>
                  {auditEventLabel(e.event)}
                  {note.reason && (
                    <div className="ct-small" data-testid="audit-reason">
                      Reden: {note.reason}
                    </div>
                  )}
                  {note.detail && (
                    <div className="ct-small" data-testid="audit-detail">
                      {note.detail}
                    </div>
                  )}
                </Cell>
                <Cell>{e.ip ?? '—'}</Cell>
              </Row>
            );
          })}
        </Table>
      )}
    </section>
  );
}
