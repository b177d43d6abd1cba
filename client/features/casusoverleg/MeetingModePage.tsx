// Meeting mode: the casus under discussion for the room's big screen ("Presentatie": large type, no site header)
// and for each laptop. Only the chair moves on ("Volgende casus"); every open screen follows live, each showing
// the casus as far as its own user may see it.
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert, Button, Heading, Loading } from '../../components/ui.tsx';
import { PageError } from '../../components/ErrorMessage.tsx';
import { formatDateTime, formatSlot } from '../../../shared/labels.ts';
import { casusoverlegApi } from './api.ts';
import { useLiveCasusoverleg } from './use-casusoverleg.ts';
import { AgendaItemLabel } from './AgendaItemLabel.tsx';
import { CurrentItem } from './CurrentItem.tsx';
import { Gone } from './CasusoverlegPage.tsx';
import { Breadcrumb, LiveBadge, StatusBadge } from './parts.tsx';

type Layout = 'laptop' | 'presentatie';

export function MeetingModePage({ id }: { id: string }) {
  const { search } = useLocation();
  const layout: Layout = search.get('weergave') === 'presentatie' ? 'presentatie' : 'laptop';
  const mode = useLiveCasusoverleg(
    id,
    () => casusoverlegApi.meeting(id),
    (m) => m.casusoverleg.revision,
  );
  const act = useSubmit('Dat lukte niet.');
  if (mode.loading && !mode.data) return <Loading label="Vergadermodus laden…" />;
  if (mode.revoked) return <Gone message={mode.revoked} />;
  if (mode.error || !mode.data)
    return (
      <PageError
        title="Vergadermodus"
        error={mode.error ?? { message: 'Niet geladen.' }}
        retry={mode.reload}
        back={{ href: '/casusoverleggen', label: 'Naar Casusoverleggen' }}
      />
    );
  const { casusoverleg: d, current } = mode.data;
  const index = current ? d.items.findIndex((i) => i.id === current.item.id) : -1;
  const next = d.status === 'planned' ? d.items[0] : index >= 0 ? d.items[index + 1] : undefined;
  // The chair's screen re-reads at once; the live hint re-reads everyone else's.
  const chairDoes = (change: () => Promise<unknown>) =>
    act.submit(async () => {
      await change();
      await mode.reload();
    });
  return (
    <article className={`ct-meeting ct-meeting--${layout}`} aria-labelledby="meeting-title" data-testid="meeting-mode">
      {layout === 'laptop' && <Breadcrumb title={d.title} id={d.id} here="Vergadermodus" />}
      <header className="ct-meeting__header">
        <div>
          <Heading level={1} id="meeting-title">
            {d.title}
          </Heading>
          <p className="ct-meta">
            <span>{formatDateTime(d.startsAt)}</span>
            {d.place && <span>{d.place}</span>}
            <StatusBadge status={d.status} /> <LiveBadge live={mode.live} />
          </p>
        </div>
        <div className="ct-actions">
          {d.my.chair && d.status !== 'closed' && next && (
            <Button kind="primary" busy={act.busy} onClick={chairDoes(() => casusoverlegApi.moveTo(d.id, next.id))}>
              {d.status === 'planned' ? 'Overleg starten' : 'Volgende casus'}
            </Button>
          )}
          {d.my.chair && d.status === 'in_progress' && !next && (
            <Button kind="primary" busy={act.busy} onClick={chairDoes(() => casusoverlegApi.close(d.id))}>
              Overleg sluiten
            </Button>
          )}
          {d.status === 'closed' && (
            <Link href={`/casusoverleggen/${d.id}/overzicht`} className="utrecht-button utrecht-button--primary-action ct-button-link">
              Overzicht van afspraken
            </Link>
          )}
          <fieldset className="ct-segmented ct-meeting__layout">
            <legend className="ct-visually-hidden">Weergave</legend>
            {(['laptop', 'presentatie'] as const).map((l) => (
              <Button
                key={l}
                kind={l === layout ? 'primary' : 'secondary'}
                aria-pressed={l === layout}
                onClick={() => navigate(`/casusoverleggen/${d.id}/vergadering${l === 'presentatie' ? '?weergave=presentatie' : ''}`, { replace: true })}
              >
                {l === 'laptop' ? 'Laptop' : 'Presentatie'}
              </Button>
            ))}
          </fieldset>
        </div>
      </header>
      {act.error && <Alert type="error">{act.error}</Alert>}
      <p className="ct-visually-hidden" role="status">
        {current ? `Nu aan de beurt: casus ${index + 1} van ${d.items.length}` : ''}
      </p>
      <div className="ct-meeting__grid">
        <div className="ct-meeting__main">
          {current ? (
            <CurrentItem key={current.item.id} item={current.item} planSummary={current.planSummary} number={index + 1} count={d.items.length} />
          ) : (
            <section className="ct-card ct-meeting__waiting" aria-live="polite">
              <Heading level={2}>{d.status === 'closed' ? 'Het overleg is gesloten.' : 'Het overleg is nog niet gestart.'}</Heading>
              <p className="utrecht-paragraph">
                {d.status === 'closed'
                  ? 'Bekijk het overzicht van nieuwe en gewijzigde afspraken.'
                  : d.my.chair
                    ? 'Start het overleg; iedereen die de vergadermodus open heeft, volgt je.'
                    : `Zodra ${d.chair.name} het overleg start, verschijnt hier de eerste casus.`}
              </p>
            </section>
          )}
        </div>
        <aside className="ct-meeting__side" aria-labelledby="meeting-agenda">
          <Heading level={2} id="meeting-agenda">
            Agenda
          </Heading>
          <ol className="ct-agenda ct-agenda--compact">
            {d.items.map((i) => (
              <li key={i.id} className="ct-agenda__item" aria-current={i.id === current?.item.id ? 'step' : undefined} data-testid="meeting-agenda-item">
                <span className="ct-agenda__slot">{formatSlot(i)}</span>
                <span className="ct-agenda__what">
                  <AgendaItemLabel item={i} links={false} />
                </span>
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </article>
  );
}
