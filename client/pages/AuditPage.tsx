// Logboek: who saw and changed what in this household (regievoerder and functioneel beheerder).
import { get } from '../lib/api.ts';
import { useAsync } from '../lib/use-async.ts';
import { Link } from '../lib/router.tsx';
import { ErrorMessage, Heading, Loading } from '../components/ui.tsx';
import { formatDateTime } from '../../shared/labels.ts';
import { Cell, Row, Table } from '../components/Table.tsx';

interface AuditEntry {
  id: number;
  at: string;
  userName: string | null;
  organizationName: string | null;
  event: string;
  target: string | null;
  ip: string | null;
}

const EVENT_LABELS: Record<string, string> = {
  'household.view': 'Huishouden bekeken',
  'household.create': 'Huishouden aangemaakt',
  'household.update': 'Gegevens gewijzigd',
  'household.phase': 'Fase gewijzigd',
  'household.huisverbod': 'Verlenging huisverbod vastgelegd',
  'person.add': 'Persoon toegevoegd',
  'person.update': 'Persoon gewijzigd',
  'participant.add': 'Deelnemer toegevoegd',
  'participant.change': 'Rol van deelnemer gewijzigd',
  'participant.remove': 'Deelnemer verwijderd',
  'document.create': 'Casusoverleg gepland',
  'document.open': 'Document geopend',
  'document.edit_session': 'Document bewerkt',
  'document.version': 'Versie vastgelegd',
  'document.restore': 'Versie teruggezet',
  'document.lock': 'Verslag vastgesteld',
  'document.unlock': 'Verslag heropend',
  'document.export': 'Document geëxporteerd',
  'meeting.attendance': 'Aanwezigheid vastgelegd',
  'meeting.evaluation': 'Actie geëvalueerd',
};
const label = (event: string) => EVENT_LABELS[event] ?? (event.startsWith('action.') ? `Actie: ${event.slice(7)}` : event);

export function AuditPage({ householdId }: { householdId: string }) {
  const { data, error, loading, reload } = useAsync(() => get<{ entries: AuditEntry[] }>(`/api/households/${householdId}/audit?limit=500`).then((r) => r.entries), [householdId]);
  return (
    <section aria-labelledby="audit-title">
      <nav aria-label="Kruimelpad" className="ct-breadcrumb">
        <Link href="/" className="utrecht-link">Mijn casussen</Link> <span aria-hidden="true">›</span>{' '}
        <Link href={`/huishoudens/${householdId}`} className="utrecht-link">Huishouden</Link> <span aria-hidden="true">›</span> <span>Logboek</span>
      </nav>
      <Heading level={1} id="audit-title">Logboek</Heading>
      <p className="utrecht-paragraph ct-small">Iedere inzage en wijziging in dit huishouden, de nieuwste bovenaan (laatste 500). Het logboek kan niet worden gewijzigd.</p>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} retry={reload} />
      {data && (
        <Table headers={['Tijd', 'Wie', 'Wat', 'IP-adres']} compact data-testid="audit-table">
            {data.map((e) => (
              <Row key={e.id} >
                <Cell>{formatDateTime(e.at)}</Cell>
                <Cell>{e.userName ?? '—'}{e.organizationName && <span className="ct-small"> · {e.organizationName}</span>}</Cell>
                <Cell>{label(e.event)}</Cell>
                <Cell>{e.ip ?? '—'}</Cell>
              </Row>
            ))}
          </Table>
      )}
    </section>
  );
}
