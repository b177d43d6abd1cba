// The one place for a casus: header, huisverbod timeline, documents, persons, participants.
import { fetchHousehold } from '../lib/queries.ts';
import { useAsync } from '../lib/use-async.ts';
import { Link } from '../lib/router.tsx';
import { useRef } from 'react';
import { Heading, Loading } from '../components/ui.tsx';
import { PageError } from '../components/ErrorMessage.tsx';
import { useHouseholdEvents } from '../lib/household-events.ts';
import type { HouseholdEvent } from '../../shared/board.ts';
import { HerhaaldBadge, PhaseBadge } from '../components/badges.tsx';
import { INFO_LEVEL_HELP, PACKAGE_LABEL, PROFILE_INFO, ROLE_LABELS, householdLabel } from '../../shared/labels.ts';
import type { HouseholdDetail } from '../../shared/api.ts';
import { HuisverbodPanel } from './household/HuisverbodPanel.tsx';
import { PersonsPanel } from './household/PersonsPanel.tsx';
import { ParticipantsPanel } from './household/ParticipantsPanel.tsx';
import { DocumentsPanel } from './household/DocumentsPanel.tsx';
import { PhasePanel } from './household/PhasePanel.tsx';
import { ProfilePanel } from './household/ProfilePanel.tsx';
import { GrondslagPanel } from './household/GrondslagPanel.tsx';
import { ClosureBanner, CloseCase } from './household/ClosurePanel.tsx';
import { useHouseholdRights } from '../lib/policy.ts';

export function HouseholdPage({ id }: { id: string }) {
  const { data, error, loading, reload, setData } = useAsync(() => fetchHousehold(id), [id]);
  const latest = useRef(data);
  latest.current = data;
  const may = useHouseholdRights(data ?? null);
  // Participants added or removed on another screen, and meetings vastgesteld or reopened, show at once.
  useHouseholdEvents(id, !!data && may('readBoard'), (e) => {
    const h = latest.current;
    if (!h) return;
    if (e.type === 'participants.updated') setData({ ...h, participants: (e as HouseholdEvent<'participants.updated'>).payload.participants });
    if (e.type === 'document.updated') {
      const d = (e as HouseholdEvent<'document.updated'>).payload.document;
      setData({ ...h, documents: h.documents.map((x) => (x.id === d.id ? { ...x, lockedAt: d.lockedAt } : x)) });
    }
    // The huisverbod clock on the timeline: the advice step follows the board, a recorded decision re-reads the page.
    if (e.type === 'action.created' || e.type === 'action.updated') {
      const action = (e as HouseholdEvent<'action.updated'>).payload.action;
      if (action.kind === 'huisverbod_advies' && h.huisverbodClock) setData({ ...h, huisverbodClock: { ...h.huisverbodClock, advice: action } });
      else if (action.kind === 'huisverbod_advies') void reload();
    }
    if (e.type === 'huisverbod.decided') void reload();
  });
  if (loading && !data) return <Loading />;
  if (error) return <PageError title="Huishouden" error={error} retry={reload} />;
  const h = data!;
  if (h.myLevel === 'signaal') return <SignaalPage household={h} />;
  const isRegie = may('direct');
  const afspraken = h.myLevel === 'afspraken';
  const plan = h.documents.find((d) => d.kind === 'plan');
  return (
    <article aria-labelledby="household-title" className="ct-household">
      <nav aria-label="Kruimelpad" className="ct-breadcrumb">
        <Link href="/" className="utrecht-link">
          Mijn casussen
        </Link>{' '}
        <span aria-hidden="true">›</span> <span>{householdLabel(h).reference}</span>
      </nav>
      <header className="ct-household__header">
        <div>
          <p className="ct-pre-heading">
            {h.reference}
            {h.myRole && <> · jouw rol: {ROLE_LABELS[h.myRole]}</>}
          </p>
          <Heading level={1} id="household-title">
            {householdLabel(h).name}
          </Heading>
          <p className="ct-meta">
            <PhaseBadge phase={h.phase} />
            {!afspraken && <span>{h.profile ? PROFILE_INFO[h.profile].label : 'Geen gezinsprofiel'}</span>}
            {!afspraken && <span>{PACKAGE_LABEL(h.package, h.hasChildren)}</span>}
            {h.status === 'closed' && <span>Casus gesloten</span>}
            {h.herhaaldIncident && <HerhaaldBadge />}
          </p>
          {h.herhaaldIncident && (
            <p className="ct-small" data-testid="herhaald-explanation">
              Dit huisverbod of deze heropening valt binnen 12 maanden na een eerder huisverbod of een eerdere afsluiting met dezelfde persoon of personen
              (zelfde naam en geboortejaar). Ga na wat er eerder is gebeurd.
            </p>
          )}
        </div>
        <nav aria-label="Onderdelen van deze casus" className="ct-tabs">
          {may('read') && plan && (
            <Link className="utrecht-button utrecht-button--primary-action ct-button-link" href={`/huishoudens/${h.id}/documenten/${plan.id}`}>
              Plan van aanpak
            </Link>
          )}
          {may('readBoard') && (
            <Link className="utrecht-button utrecht-button--secondary-action ct-button-link" href={`/huishoudens/${h.id}/acties`}>
              Wie doet wat
            </Link>
          )}
          {may('audit') && (
            <Link className="utrecht-button utrecht-button--secondary-action ct-button-link" href={`/huishoudens/${h.id}/logboek`}>
              Logboek
            </Link>
          )}
        </nav>
      </header>

      <ClosureBanner household={h} onChange={reload} />

      {afspraken && (
        <p className="utrecht-paragraph ct-note" data-testid="level-notice">
          Jouw informatieniveau bij dit huishouden is <strong>afspraken</strong>: {INFO_LEVEL_HELP.afspraken}
        </p>
      )}

      {h.contentHidden && !afspraken && (
        <p className="utrecht-paragraph ct-note">
          Je beheert dit huishouden als functioneel beheerder. De inhoud (personen, plan, verslagen, acties) is alleen zichtbaar voor deelnemers.
        </p>
      )}

      <div className="ct-grid">
        <div className="ct-grid__main">
          {!afspraken && <HuisverbodPanel household={h} onChange={reload} />}
          {!h.contentHidden && <DocumentsPanel household={h} onChange={reload} />}
          {!h.contentHidden && <PersonsPanel household={h} onChange={reload} />}
        </div>
        <div className="ct-grid__side">
          <GrondslagPanel household={h} onChange={reload} />
          {!afspraken && <ProfilePanel household={h} onChange={reload} />}
          {!h.contentHidden && <PhasePanel household={h} onChange={reload} canChange={isRegie} />}
          <ParticipantsPanel household={h} onChange={reload} />
          <CloseCase household={h} onChange={reload} />
        </div>
      </div>
    </article>
  );
}

/** `signaal`: only that the household is in the casusoverleg, and whom to contact. */
function SignaalPage({ household: h }: { household: HouseholdDetail }) {
  return (
    <article aria-labelledby="household-title" className="ct-household" data-testid="signaal-page">
      <nav aria-label="Kruimelpad" className="ct-breadcrumb">
        <Link href="/" className="utrecht-link">
          Mijn casussen
        </Link>{' '}
        <span aria-hidden="true">›</span> <span>Besloten casus</span>
      </nav>
      <Heading level={1} id="household-title">
        Besloten casus
      </Heading>
      <p className="utrecht-paragraph ct-note" data-testid="level-notice">
        Jouw informatieniveau bij dit huishouden is <strong>signaal</strong>: {INFO_LEVEL_HELP.signaal} Neem voor meer informatie contact op met de
        regievoerder.
      </p>
      <section className="ct-card" aria-labelledby="regie-title">
        <Heading level={2} id="regie-title">
          Regievoerder
        </Heading>
        <ul className="ct-participants">
          {h.participants.map((p) => (
            <li key={p.user.id} className="ct-participant" data-testid="participant">
              <span className={`ct-org-dot ct-org--${p.organization.kind}`} aria-hidden="true" />
              <span>
                <span className="ct-strong">{p.user.name}</span>
                <span className="ct-small">
                  {' '}
                  · {p.organization.name} · <a href={`mailto:${p.user.email}`}>{p.user.email}</a>
                </span>
              </span>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
