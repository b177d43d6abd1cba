// The casus under discussion in meeting mode, as far as this user may see it: at `volledig` the start of the plan
// van aanpak, the board's open actions (live) and the evaluation block of this casusoverleg's minutes; at
// `afspraken` the open actions of their own organisation; otherwise "Besloten casus" and its time slot only.
// The board and the evaluation block are the household's own components, so claiming, completing and
// evaluating work here exactly as on the board and in the minutes.
import { useState, type ReactNode } from 'react';
import { Link } from '../../lib/router.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { fetchHousehold, fetchOrganizations } from '../../lib/queries.ts';
import { useHouseholdRights } from '../../lib/policy.ts';
import { Alert, EmptyState, Heading, LiveNotice, Loading } from '../../components/ui.tsx';
import { formatSlot } from '../../../shared/labels.ts';
import type { Action } from '../../../shared/board.ts';
import type { AgendaItemView, FullAgendaItem, ReferenceAgendaItem } from '../../../shared/casusoverleg.ts';
import { byDue, useActions } from '../board/use-actions.ts';
import { ActionCard } from '../board/ActionCard.tsx';
import { ActionDialog } from '../board/ActionDialog.tsx';
import { EvaluationPanel } from '../meeting/EvaluationPanel.tsx';
import { AgendaItemLabel } from './AgendaItemLabel.tsx';

export function CurrentItem({ item, planSummary, number, count }: { item: AgendaItemView; planSummary: string | null; number: number; count: number }) {
  const title = (
    <>
      <p className="ct-pre-heading">
        Casus {number} van {count} · {formatSlot(item)}
      </p>
      <Heading level={2} id="current-title" className="ct-meeting__case">
        <AgendaItemLabel item={item} links={false} />
      </Heading>
    </>
  );
  if (item.visibility === 'besloten')
    return (
      <section className="ct-card ct-meeting__current" aria-labelledby="current-title" data-testid="current-item">
        {title}
        <p className="utrecht-paragraph">
          Je neemt niet deel aan dit huishouden, of jouw informatieniveau of de geheimhoudingsverklaring geeft (nog) geen toegang. De inhoud wordt hier daarom
          niet getoond.
        </p>
      </section>
    );
  return <VisibleItem item={item} planSummary={planSummary} title={title} />;
}

function VisibleItem({ item, planSummary, title }: { item: FullAgendaItem | ReferenceAgendaItem; planSummary: string | null; title: ReactNode }) {
  const board = useActions(item.householdId);
  const may = useHouseholdRights(item.household);
  const [opened, setOpened] = useState<{ id: string; mode: 'view' | 'complete' } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const open = [...board.actions.values()].filter((a) => a.status === 'open' || a.status === 'claimed').sort(byDue);
  const action = opened ? board.actions.get(opened.id) : undefined;
  return (
    <>
      <section className="ct-card ct-meeting__current" aria-labelledby="current-title" data-testid="current-item">
        {title}
        {item.visibility === 'volledig' ? (
          <>
            <Heading level={3}>Plan van aanpak</Heading>
            <p className="ct-summary" data-testid="plan-summary">
              {planSummary || 'Het plan van aanpak is nog leeg.'}
            </p>
            <p className="utrecht-paragraph">
              <Link className="utrecht-link" href={`/huishoudens/${item.householdId}/documenten/${item.documentId}`}>
                Verslag van dit overleg openen
              </Link>
            </p>
          </>
        ) : (
          <p className="utrecht-paragraph ct-note">
            Jouw informatieniveau is <strong>afspraken</strong>: je ziet de afspraken van je eigen organisatie, niet het plan van aanpak of het verslag.
          </p>
        )}
        <Heading level={3}>Openstaande afspraken</Heading>
        <LiveNotice notice={notice} onClose={() => setNotice(null)} />
        {board.loading && board.actions.size === 0 ? (
          <Loading label="Afspraken laden…" />
        ) : board.error ? (
          <Alert type="error">{board.error.message}</Alert>
        ) : open.length === 0 ? (
          <EmptyState title="Geen openstaande afspraken." />
        ) : (
          <div className="ct-meeting__actions">
            {open.map((a) => (
              <ActionCard
                key={a.id}
                action={a}
                household={item.household}
                onChange={board.apply}
                onOpen={(x, mode = 'view') => setOpened({ id: x.id, mode })}
                onError={setNotice}
              />
            ))}
          </div>
        )}
      </section>
      {item.visibility === 'volledig' && (
        <EvaluationPanel householdId={item.householdId} documentId={item.documentId} canEdit={may('write') && !item.minutesLocked} onEvent={board.onEvent} />
      )}
      {action && opened && <OpenAction item={item} action={action} mode={opened.mode} onChange={board.apply} onClose={() => setOpened(null)} />}
    </>
  );
}

/** An action opened in full: the household's participants and persons are read only when someone opens one. */
function OpenAction({
  item,
  action,
  mode,
  onChange,
  onClose,
}: {
  item: FullAgendaItem | ReferenceAgendaItem;
  action: Action;
  mode: 'view' | 'complete';
  onChange: (a: Action) => void;
  onClose: () => void;
}) {
  const household = useAsync(() => fetchHousehold(item.householdId), [item.householdId]);
  const orgs = useAsync(fetchOrganizations, []);
  if (!household.data || !orgs.data) return null;
  return (
    <ActionDialog
      key={action.id}
      initialMode={mode}
      action={action}
      household={household.data}
      organizations={orgs.data}
      persons={household.data.persons}
      participants={household.data.participants}
      onChange={onChange}
      onClose={onClose}
    />
  );
}
