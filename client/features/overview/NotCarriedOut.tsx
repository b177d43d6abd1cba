// Per organisation: how many agreements were evaluated "niet gelukt — niet uitgevoerd door de partner" over the
// last three months, in the regievoerder's households, so the regievoerder can raise it with the partner.
import { Heading } from '../../components/ui.tsx';
import { Cell, Row, Table } from '../../components/Table.tsx';
import type { OverviewResponse } from '../../../shared/board.ts';
import { formatDate } from '../../../shared/labels.ts';

export function NotCarriedOutCard({ data }: { data: OverviewResponse['notCarriedOut'] }) {
  return (
    <section className="ct-card" aria-labelledby="not-carried-out-title">
      <Heading level={2} id="not-carried-out-title">
        Niet uitgevoerd door de partner
      </Heading>
      <p className="utrecht-paragraph ct-small">Afspraken die sinds {formatDate(data.since)} in een casusoverleg zo zijn geëvalueerd, per organisatie.</p>
      {data.organizations.length === 0 ? (
        <p className="utrecht-paragraph">Geen afspraken als niet uitgevoerd geëvalueerd in de afgelopen drie maanden.</p>
      ) : (
        <Table headers={['Organisatie', 'Afspraken niet uitgevoerd']} aria-labelledby="not-carried-out-title">
          {data.organizations.map((r) => (
            <Row key={r.organization.id} data-testid="not-carried-out-row">
              <Cell>{r.organization.name}</Cell>
              <Cell>{r.count}</Cell>
            </Row>
          ))}
        </Table>
      )}
    </section>
  );
}
