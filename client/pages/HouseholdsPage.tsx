// "Mijn casussen": the households the user takes part in.
import { get } from '../lib/api.ts';
import { useAsync } from '../lib/use-async.ts';
import { Link } from '../lib/router.tsx';
import type { HouseholdSummary } from '../lib/types.ts';
import { EmptyState, ErrorMessage, Heading, Loading } from '../components/ui.tsx';
import { HuisverbodBadge, PhaseBadge } from '../components/badges.tsx';
import { PROFILE_INFO, ROLE_LABELS } from '../../shared/labels.ts';
import { Cell, Row, Table } from '../components/Table.tsx';

export function HouseholdsPage() {
  const { data, error, loading, reload } = useAsync(() => get<{ households: HouseholdSummary[] }>('/api/households'), []);
  return (
    <section aria-labelledby="mine-title">
      <Heading level={1} id="mine-title">
        Mijn casussen
      </Heading>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} retry={reload} />
      {data && data.households.length === 0 && (
        <EmptyState title="Je neemt nog aan geen enkel huishouden deel.">
          <p className="utrecht-paragraph">Zodra een regievoerder je toevoegt aan een huishouden, verschijnt het hier. Vraag de regievoerder of de functioneel beheerder als je toegang verwacht.</p>
        </EmptyState>
      )}
      {data && data.households.length > 0 && (
        <Table headers={['Kenmerk', 'Huishouden', 'Fase', 'Gezinsprofiel', 'Huisverbod', 'Mijn rol']} aria-describedby="mine-title">
            {data.households.map((h) => (
              <Row key={h.id} data-testid="household-row">
                <Cell>
                  <Link href={`/huishoudens/${h.id}`} className="utrecht-link ct-strong">
                    {h.reference}
                  </Link>
                </Cell>
                <Cell>{h.displayName}{h.status === 'closed' && ' (gesloten)'}</Cell>
                <Cell><PhaseBadge phase={h.phase} /></Cell>
                <Cell>{h.profile ? PROFILE_INFO[h.profile].label : '—'}</Cell>
                <Cell><HuisverbodBadge huisverbod={h.huisverbod} /></Cell>
                <Cell>{h.myRole ? ROLE_LABELS[h.myRole] : '—'}</Cell>
              </Row>
            ))}
          </Table>
      )}
    </section>
  );
}
