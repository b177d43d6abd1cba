// Casusoverleggen: the regional meetings this user takes part in (a household of theirs on the agenda, or as
// chair), upcoming and past; a regievoerder plans a new one here.
import { useState } from 'react';
import { Link, navigate } from '../../lib/router.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { Button, EmptyState, Heading, Loading } from '../../components/ui.tsx';
import { PageError } from '../../components/ErrorMessage.tsx';
import { Cell, Row, Table } from '../../components/Table.tsx';
import { formatDateTime, formatTime } from '../../../shared/labels.ts';
import type { CasusoverlegSummary } from '../../../shared/casusoverleg.ts';
import { casusoverlegApi } from './api.ts';
import { CasusoverlegForm } from './CasusoverlegForm.tsx';
import { StatusBadge } from './parts.tsx';

export function CasusoverleggenPage() {
  const list = useAsync(casusoverlegApi.list, []);
  const planning = useAsync(casusoverlegApi.planning, []);
  const [planningOpen, setPlanningOpen] = useState(false);
  if (list.loading && !list.data) return <Loading label="Casusoverleggen laden…" />;
  if (list.error || !list.data) return <PageError title="Casusoverleggen" error={list.error ?? { message: 'Niet geladen.' }} retry={list.reload} />;
  const mayPlan = (planning.data?.households.length ?? 0) > 0;
  return (
    <section aria-labelledby="co-title">
      <div className="ct-list-header">
        <Heading level={1} id="co-title">
          Casusoverleggen
        </Heading>
        {mayPlan && !planningOpen && (
          <Button kind="primary" onClick={() => setPlanningOpen(true)}>
            Casusoverleg plannen
          </Button>
        )}
      </div>
      <p className="utrecht-paragraph ct-small">
        Regionale overleggen waarin een huishouden van jou op de agenda staat, of die je voorzit. Van huishoudens waaraan je niet deelneemt zie je alleen het
        tijdslot.
      </p>
      {planningOpen && planning.data && (
        <div className="ct-card">
          <Heading level={2}>Casusoverleg plannen</Heading>
          <CasusoverlegForm
            chairCandidates={planning.data.chairCandidates}
            submitLabel="Overleg plannen"
            onSubmit={async (input) => navigate(`/casusoverleggen/${(await casusoverlegApi.plan(input)).id}`)}
            onCancel={() => setPlanningOpen(false)}
          />
        </div>
      )}
      <MeetingList title="Komende en lopende overleggen" id="co-upcoming" items={list.data.upcoming} empty="Er staat geen casusoverleg gepland." />
      <MeetingList title="Gesloten overleggen" id="co-past" items={list.data.past} empty="Nog geen gesloten overleggen." />
    </section>
  );
}

function MeetingList({ title, id, items, empty }: { title: string; id: string; items: CasusoverlegSummary[]; empty: string }) {
  return (
    <section className="ct-card" aria-labelledby={id}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {items.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <Table headers={['Overleg', 'Wanneer', 'Waar', 'Voorzitter', 'Agenda']}>
          {items.map((c) => (
            <Row key={c.id} data-testid="casusoverleg-row">
              <Cell>
                <Link href={`/casusoverleggen/${c.id}`} className="utrecht-link ct-strong">
                  {c.title}
                </Link>{' '}
                <StatusBadge status={c.status} />
              </Cell>
              <Cell>
                {formatDateTime(c.startsAt)}
                {c.endsAt && ` – ${formatTime(c.endsAt)}`}
              </Cell>
              <Cell>{c.place || (c.onlineLink ? 'Online' : '—')}</Cell>
              <Cell>{c.chair.name}</Cell>
              <Cell>{c.itemCount === 1 ? '1 huishouden' : `${c.itemCount} huishoudens`}</Cell>
            </Row>
          ))}
        </Table>
      )}
    </section>
  );
}
