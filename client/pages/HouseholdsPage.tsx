// "Mijn casussen": the households the user takes part in, in a stable order of the user's choice. A household
// the user is added to or removed from appears or disappears at once (the user's own event stream).
import { useEffect, useMemo, useState } from 'react';
import { get } from '../lib/api.ts';
import { useAsync } from '../lib/use-async.ts';
import { useMe } from '../lib/auth.tsx';
import { useLive } from '../lib/live.tsx';
import { Link, navigate } from '../lib/router.tsx';
import type { HouseholdListResponse } from '../../shared/api.ts';
import { EmptyState, Heading, Loading } from '../components/ui.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { HerhaaldBadge, HuisverbodBadge, PhaseBadge } from '../components/badges.tsx';
import { INFO_LEVEL_LABELS, PROFILE_INFO, ROLE_LABELS, formatDate, householdLabel } from '../../shared/labels.ts';
import { Cell, Row, Table } from '../components/Table.tsx';
import { sortHouseholds, type HouseholdOrder } from './households-order.ts';

const ORDER_KEY = 'casustafel:mijn-casussen-volgorde';

export function HouseholdsPage() {
  const me = useMe();
  const { data, error, loading, reload } = useAsync(() => get<HouseholdListResponse>('/api/households'), []);
  const { onParticipation } = useLive();
  useEffect(() => onParticipation(() => void reload()), [onParticipation, reload]);
  const [order, setOrder] = useState<HouseholdOrder>(() => (localStorage.getItem(ORDER_KEY) === 'reference' ? 'reference' : 'urgency'));
  const households = useMemo(() => (data ? sortHouseholds(data.households, order) : []), [data, order]);
  // The functioneel beheerder takes part in no household: their starting page is Beheer.
  useEffect(() => {
    if (me.admin && data && data.households.length === 0) navigate('/beheer', { replace: true });
  }, [me.admin, data]);
  const choose = (o: HouseholdOrder) => {
    setOrder(o);
    localStorage.setItem(ORDER_KEY, o);
  };
  return (
    <section aria-labelledby="mine-title">
      <div className="ct-list-header">
        <Heading level={1} id="mine-title">
          Mijn casussen
        </Heading>
        {households.length > 1 && (
          <label className="ct-check">
            Sorteren op
            <select
              className="utrecht-select ct-select-inline"
              value={order}
              onChange={(e) => choose(e.target.value as HouseholdOrder)}
              data-testid="households-order"
            >
              <option value="urgency">urgentie</option>
              <option value="reference">kenmerk</option>
            </select>
          </label>
        )}
      </div>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} retry={reload} />
      {data && households.length === 0 && (
        <EmptyState title="Je neemt nog aan geen enkel huishouden deel.">
          <p className="utrecht-paragraph">
            Zodra een regievoerder je toevoegt aan een huishouden, verschijnt het hier. Vraag de regievoerder of de functioneel beheerder als je toegang
            verwacht.
          </p>
        </EmptyState>
      )}
      {households.some((h) => h.status === 'open') && (
        <Table headers={['Kenmerk', 'Huishouden', 'Fase', 'Gezinsprofiel', 'Huisverbod', 'Mijn rol']} aria-describedby="mine-title" className="ct-table--stack">
          {households
            .filter((h) => h.status === 'open')
            .map((h) => (
              <Row key={h.id} data-testid="household-row">
                <Cell data-label="Kenmerk">
                  <Link href={`/huishoudens/${h.id}`} className="utrecht-link ct-strong">
                    {householdLabel(h).reference}
                  </Link>
                </Cell>
                <Cell data-label="Huishouden">{householdLabel(h).name}</Cell>
                <Cell data-label="Fase">
                  <PhaseBadge phase={h.phase} />
                </Cell>
                <Cell data-label="Gezinsprofiel">{h.profile ? PROFILE_INFO[h.profile].label : '—'}</Cell>
                <Cell data-label="Huisverbod">
                  {/* Below volledig the huisverbod is not shown to you: "—", never "Geen huisverbod". */}
                  {h.myLevel === 'afspraken' || h.myLevel === 'signaal' ? '—' : <HuisverbodBadge huisverbod={h.huisverbod} />}{' '}
                  {h.herhaaldIncident && <HerhaaldBadge />}
                </Cell>
                <Cell data-label="Mijn rol">
                  {h.myRole ? ROLE_LABELS[h.myRole] : '—'}
                  {h.myLevel && h.myLevel !== 'volledig' && <span className="ct-small"> · {INFO_LEVEL_LABELS[h.myLevel]}</span>}
                </Cell>
              </Row>
            ))}
        </Table>
      )}
      {data?.households.some((h) => h.status === 'closed') && (
        <section aria-labelledby="closed-title" className="ct-section">
          <Heading level={2} id="closed-title">
            Gesloten casussen
          </Heading>
          <Table headers={['Kenmerk', 'Huishouden', 'Gesloten op', 'Wordt vernietigd na', 'Mijn rol']} aria-describedby="closed-title">
            {data.households
              .filter((h) => h.status === 'closed')
              .map((h) => (
                <Row key={h.id} data-testid="closed-household-row">
                  <Cell>
                    <Link href={`/huishoudens/${h.id}`} className="utrecht-link">
                      {householdLabel(h).reference}
                    </Link>
                  </Cell>
                  <Cell>{householdLabel(h).name}</Cell>
                  <Cell>{formatDate(h.closure?.closedAt)}</Cell>
                  <Cell>{formatDate(h.closure?.retentionEndsAt)}</Cell>
                  <Cell>{h.myRole ? ROLE_LABELS[h.myRole] : '—'}</Cell>
                </Row>
              ))}
          </Table>
        </section>
      )}
    </section>
  );
}
