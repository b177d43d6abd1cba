// Logboek: who saw and changed what in this household (regievoerder and functioneel beheerder).
import { get } from '../lib/api.ts';
import { useAsync } from '../lib/use-async.ts';
import { Link } from '../lib/router.tsx';
import { Heading, Loading } from '../components/ui.tsx';
import { ErrorMessage, PageError } from '../components/ErrorMessage.tsx';
import { formatDateTime } from '../../shared/labels.ts';
import { Cell, Row, Table } from '../components/Table.tsx';
import type { AuditListResponse } from '../../shared/api.ts';
import { auditEventLabel } from '../../shared/audit.ts';

type AuditEntry = AuditListResponse['entries'][number];

/** What a refused attempt tried, and the answer it got. */
function detail(e: AuditEntry): string | null {
  const d = (e.details ?? {}) as Record<string, unknown>;
  if (e.event === 'access.refused') return `${typeof d.request === 'string' ? d.request : String(d.resource ?? '')} → ${String(d.answer ?? '')}`;
  return null;
}

export function AuditPage({ householdId }: { householdId: string }) {
  const { data: log, error, loading, reload } = useAsync(() => get<AuditListResponse>(`/api/households/${householdId}/audit?limit=500`), [householdId]);
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
        Iedere inzage en wijziging in dit huishouden, de nieuwste bovenaan (laatste 500). Het logboek kan niet worden gewijzigd.
      </p>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} retry={reload} />
      {data && (
        <Table headers={['Tijd', 'Wie', 'Wat', 'IP-adres']} compact data-testid="audit-table">
          {data.map((e) => (
            <Row key={e.id}>
              <Cell>{formatDateTime(e.at)}</Cell>
              <Cell>
                {e.userName ?? '—'}
                {e.organizationName && <span className="ct-small"> · {e.organizationName}</span>}
              </Cell>
              <Cell>
                {auditEventLabel(e.event)}
                {typeof e.details?.reason === 'string' && (
                  <div className="ct-small" data-testid="audit-reason">
                    Reden: {e.details.reason}
                  </div>
                )}
                {detail(e) && (
                  <div className="ct-small" data-testid="audit-detail">
                    {detail(e)}
                  </div>
                )}
              </Cell>
              <Cell>{e.ip ?? '—'}</Cell>
            </Row>
          ))}
        </Table>
      )}
    </section>
  );
}
