// One casusoverleg: its facts, its agenda (live), and the way into meeting mode and the overview afterwards.
import { useState } from 'react';
import { Link } from '../../lib/router.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert, Button, Heading, Loading } from '../../components/ui.tsx';
import { PageError } from '../../components/ErrorMessage.tsx';
import { formatDateTime, formatTime } from '../../../shared/labels.ts';
import type { CasusoverlegDetail } from '../../../shared/casusoverleg.ts';
import { casusoverlegApi } from './api.ts';
import { useLiveCasusoverleg } from './use-casusoverleg.ts';
import { AddToAgenda, AgendaEditor } from './AgendaEditor.tsx';
import { CasusoverlegForm } from './CasusoverlegForm.tsx';
import { Breadcrumb, LiveBadge, StatusBadge } from './parts.tsx';

export function CasusoverlegPage({ id }: { id: string }) {
  const co = useLiveCasusoverleg(
    id,
    () => casusoverlegApi.get(id),
    (d) => d.revision,
  );
  const planning = useAsync(casusoverlegApi.planning, []);
  const [editing, setEditing] = useState(false);
  const chairAct = useSubmit('Dat lukte niet.');
  if (co.loading && !co.data) return <Loading label="Casusoverleg laden…" />;
  if (co.revoked) return <Gone message={co.revoked} />;
  if (co.error || !co.data)
    return (
      <PageError
        title="Casusoverleg"
        error={co.error ?? { message: 'Niet geladen.' }}
        retry={co.reload}
        back={{ href: '/casusoverleggen', label: 'Naar Casusoverleggen' }}
      />
    );
  const d = co.data;
  const apply = (next: CasusoverlegDetail) => co.setData(next);
  const open = d.status !== 'closed';
  return (
    <article aria-labelledby="co-title">
      <Breadcrumb title={d.title} />
      <header className="ct-document__header">
        <div>
          <Heading level={1} id="co-title">
            {d.title}
          </Heading>
          <p className="ct-meta">
            <StatusBadge status={d.status} /> <LiveBadge live={co.live} />
          </p>
        </div>
        <div className="ct-actions">
          <Link href={`/casusoverleggen/${d.id}/vergadering`} className="utrecht-button utrecht-button--primary-action ct-button-link">
            Vergadermodus
          </Link>
          {d.status !== 'planned' && (
            <Link href={`/casusoverleggen/${d.id}/overzicht`} className="utrecht-button utrecht-button--secondary-action ct-button-link">
              Overzicht van afspraken
            </Link>
          )}
        </div>
      </header>
      {chairAct.error && <Alert type="error">{chairAct.error}</Alert>}
      <section className="ct-card" aria-labelledby="co-facts">
        <Heading level={2} id="co-facts">
          Gegevens
        </Heading>
        {editing && planning.data ? (
          <CasusoverlegForm
            current={d}
            chairCandidates={planning.data.chairCandidates}
            submitLabel="Wijzigingen opslaan"
            onSubmit={async (input) => {
              apply(await casusoverlegApi.update(d.id, input));
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <>
            <dl className="ct-dl">
              <dt>Wanneer</dt>
              <dd>
                {formatDateTime(d.startsAt)}
                {d.endsAt && ` – ${formatTime(d.endsAt)}`}
              </dd>
              {d.place && (
                <>
                  <dt>Plaats</dt>
                  <dd>{d.place}</dd>
                </>
              )}
              {d.onlineLink && (
                <>
                  <dt>Online</dt>
                  <dd>
                    <a className="utrecht-link" href={d.onlineLink} rel="noopener noreferrer" target="_blank">
                      {d.onlineLink}
                    </a>
                  </dd>
                </>
              )}
              <dt>Voorzitter</dt>
              <dd>
                {d.chair.name} ({d.chair.organization})
              </dd>
              <dt>Gepland door</dt>
              <dd>
                {d.plannedBy.name} ({d.plannedBy.organization})
              </dd>
            </dl>
            <div className="ct-actions">
              {d.my.organiser && open && <Button onClick={() => setEditing(true)}>Gegevens wijzigen</Button>}
              {d.my.chair && d.status === 'planned' && d.items.length > 0 && (
                <Button kind="primary" busy={chairAct.busy} onClick={chairAct.submit(async () => apply(await casusoverlegApi.moveTo(d.id, d.items[0]!.id)))}>
                  Overleg starten
                </Button>
              )}
              {d.my.chair && open && (
                <Button busy={chairAct.busy} onClick={chairAct.submit(async () => apply(await casusoverlegApi.close(d.id)))}>
                  Overleg sluiten
                </Button>
              )}
            </div>
          </>
        )}
      </section>
      <section className="ct-card" aria-labelledby="co-agenda">
        <Heading level={2} id="co-agenda">
          Agenda
        </Heading>
        <p className="ct-small">
          Van huishoudens waaraan je niet deelneemt, of waarvan je de inhoud niet ziet, staat alleen het tijdslot hier: "Besloten casus".
        </p>
        <AgendaEditor detail={d} onChange={apply} />
        {open && planning.data && <AddToAgenda detail={d} planning={planning.data} onChange={apply} />}
      </section>
    </article>
  );
}

/** This user no longer sees the casusoverleg (the stream said so): nothing of it stays on screen. */
export function Gone({ message }: { message: string }) {
  return (
    <section aria-labelledby="gone-title" className="ct-gone" data-testid="casusoverleg-gone">
      <Heading level={1} id="gone-title">
        Casusoverleg niet meer beschikbaar
      </Heading>
      <Alert type="warning">{message}</Alert>
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" href="/casusoverleggen">
          Naar Casusoverleggen
        </Link>
      </p>
    </section>
  );
}
