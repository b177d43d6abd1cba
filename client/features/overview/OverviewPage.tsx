// The regievoerder's overview across the households they direct, sorted by urgency.
import { useState } from 'react';
import { get } from '../../lib/api.ts';
import { useAsync } from '../../lib/use-async.ts';
import { Link } from '../../lib/router.tsx';
import { Badge, EmptyState, Heading, Loading } from '../../components/ui.tsx';
import { PageError } from '../../components/ErrorMessage.tsx';
import { HerhaaldBadge, PhaseBadge } from '../../components/badges.tsx';
import { NotCarriedOutCard } from './NotCarriedOut.tsx';
import type { OverviewAction, OverviewResponse } from '../../../shared/board.ts';
import { formatDate, formatDateTime } from '../../../shared/labels.ts';
import { Cell, Row, Table } from '../../components/Table.tsx';

type ListKey = keyof OverviewResponse['actions'];
const LISTS: { key: ListKey; label: string; tone: 'info' | 'warning' | 'danger' }[] = [
  { key: 'overdue', label: 'Achter op schema', tone: 'danger' },
  { key: 'unclaimed', label: 'Niet opgepakt', tone: 'warning' },
  { key: 'dueThisWeek', label: 'Deze week', tone: 'info' },
  { key: 'open', label: 'Open afspraken', tone: 'info' },
];

export function OverviewPage() {
  const [weeks, setWeeks] = useState(4);
  const { data, error, loading, reload } = useAsync(() => get<OverviewResponse>(`/api/overview?weeks=${weeks}`), [weeks]);
  const [list, setList] = useState<ListKey>('overdue');
  if (loading && !data) return <Loading label="Overzicht laden…" />;
  if (error) return <PageError title="Overzicht regie" error={error} retry={reload} />;
  const o = data!;
  return (
    <section aria-labelledby="overview-title">
      <Heading level={1} id="overview-title">
        Overzicht regie
      </Heading>
      <p className="utrecht-paragraph ct-small">
        Alle huishoudens waarvan jij de regievoerder bent, de meest urgente bovenaan. Peildatum {formatDate(o.today)}.
      </p>
      {o.households.length === 0 ? (
        <EmptyState title="Je bent van geen enkel huishouden de regievoerder.">
          <p className="utrecht-paragraph">Dit overzicht vult zich zodra de gemeente je als regievoerder aanwijst.</p>
        </EmptyState>
      ) : (
        <>
          <div className="ct-counters" role="group" aria-label="Afspraken per soort">
            {LISTS.map((l) => (
              <button
                key={l.key}
                type="button"
                className="ct-counter"
                aria-pressed={list === l.key}
                onClick={() => setList(l.key)}
                data-testid={`count-${l.key}`}
              >
                <span className="ct-counter__n">{o.counts[l.key]}</span>
                <span>{l.label}</span>
              </button>
            ))}
          </div>
          <section className="ct-card" aria-labelledby="list-title">
            <Heading level={2} id="list-title">
              {LISTS.find((l) => l.key === list)!.label}
            </Heading>
            <ActionTable actions={o.actions[list]} />
          </section>
          <section className="ct-card" aria-labelledby="hh-title">
            <div className="ct-document__header">
              <Heading level={2} id="hh-title">
                Huishoudens
              </Heading>
              <label className="ct-check">
                Geen casusoverleg in de laatste
                <select className="utrecht-select ct-select-inline" value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} aria-label="Aantal weken">
                  {[2, 4, 6, 8, 12].map((w) => (
                    <option key={w} value={w}>
                      {w}
                    </option>
                  ))}
                </select>
                weken
              </label>
            </div>
            <Table headers={['Huishouden', 'Huisverbod', 'Afspraken', 'Laatste overleg', 'Aandacht nodig']}>
              {o.households.map((h) => (
                <Row key={h.householdId} data-testid="overview-household">
                  <Cell>
                    <Link href={`/huishoudens/${h.householdId}`} className="utrecht-link ct-strong">
                      {h.reference}
                    </Link>{' '}
                    {h.displayName}
                    <div>
                      <PhaseBadge phase={h.phase} /> {h.herhaaldIncident && <HerhaaldBadge />}
                    </div>
                  </Cell>
                  <Cell>
                    {h.huisverbod?.active ? (
                      <>
                        Dag {h.huisverbod.day} van {h.huisverbod.totalDays}
                        <div className="ct-small">
                          Plan uiterlijk {formatDate(h.huisverbod.planDue)} {h.planEstablished ? '· vastgesteld' : `· nog ${h.huisverbod.daysUntilPlanDue} d.`}
                        </div>
                        <div className="ct-small">
                          Einde {formatDate(h.huisverbod.end)} (nog {h.huisverbod.daysUntilEnd} d.)
                        </div>
                      </>
                    ) : h.huisverbod ? (
                      'Afgelopen'
                    ) : (
                      '—'
                    )}
                  </Cell>
                  <Cell>
                    <Link className="utrecht-link" href={`/huishoudens/${h.householdId}/acties`}>
                      {h.counts.open} open
                    </Link>
                    {h.counts.overdue > 0 && (
                      <div>
                        <Badge tone="danger">{h.counts.overdue} te laat</Badge>
                      </div>
                    )}
                    {h.counts.unclaimed > 0 && <div className="ct-small">{h.counts.unclaimed} niet opgepakt</div>}
                  </Cell>
                  <Cell>
                    {h.lastMeetingAt ? (
                      <Link className="utrecht-link" href={`/huishoudens/${h.householdId}/documenten/${h.lastMeetingDocumentId}`}>
                        {formatDateTime(h.lastMeetingAt)}
                      </Link>
                    ) : (
                      'Nog geen'
                    )}
                    {h.noRecentMeeting && (
                      <div>
                        <Badge tone="warning">Overleg nodig</Badge>
                      </div>
                    )}
                  </Cell>
                  <Cell>
                    <ul className="ct-reasons">
                      {h.urgency.reasons.map((r) => (
                        <li key={r.code}>{r.message}</li>
                      ))}
                    </ul>
                  </Cell>
                </Row>
              ))}
            </Table>
          </section>
          <NotCarriedOutCard data={o.notCarriedOut} />
        </>
      )}
    </section>
  );
}

function ActionTable({ actions }: { actions: OverviewAction[] }) {
  if (actions.length === 0) return <p className="utrecht-paragraph">Niets in deze lijst.</p>;
  return (
    <Table headers={['Actie', 'Huishouden', 'Eigenaar', 'Opgepakt door', 'Uiterlijk']}>
      {actions.map((a) => (
        <Row key={a.id} data-testid="overview-action">
          <Cell>
            <Link className="utrecht-link" href={`/huishoudens/${a.householdId}/acties#actie-${a.id}`}>
              {a.title}
            </Link>
          </Cell>
          <Cell>{a.household.reference}</Cell>
          <Cell>{a.ownerOrganization?.name ?? '—'}</Cell>
          <Cell>{a.claimedBy ? `${a.claimedBy.name} (${a.claimedBy.organization.name})` : <Badge tone="warning">Niemand</Badge>}</Cell>
          <Cell>{a.dueDate ? a.overdue ? <Badge tone="danger">{formatDate(a.dueDate)}</Badge> : formatDate(a.dueDate) : '—'}</Cell>
        </Row>
      ))}
    </Table>
  );
}
