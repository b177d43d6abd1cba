// "Wie doet wat": the household's live board — Open · Opgepakt · Afgerond (· Vervallen on request).
import { useMemo, useState } from 'react';
import { fetchHousehold, fetchOrganizations } from '../../lib/queries.ts';
import { useMe } from '../../lib/auth.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { Link, useLocation } from '../../lib/router.tsx';
import { Alert, Badge, Button, EmptyState, Heading, LiveNotice, Loading } from '../../components/ui.tsx';
import { PageError } from '../../components/ErrorMessage.tsx';
import type { Action } from '../../../shared/board.ts';
import { byDue, useActions } from './use-actions.ts';
import { ActionCard } from './ActionCard.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { ActionForm } from './ActionForm.tsx';
import { actionOps } from './action-ops.ts';
import { useHouseholdRights } from '../../lib/policy.ts';
import { householdLabel } from '../../../shared/labels.ts';

const COLUMNS: { status: Action['status']; title: string; empty: string }[] = [
  { status: 'open', title: 'Open', empty: 'Geen open acties. Maak een actie aan voor elke afspraak die nog niemand heeft opgepakt.' },
  { status: 'claimed', title: 'Opgepakt', empty: 'Nog niets opgepakt.' },
  { status: 'done', title: 'Afgerond', empty: 'Nog niets afgerond.' },
  { status: 'cancelled', title: 'Vervallen', empty: 'Geen vervallen acties.' },
];

export function BoardPage({ householdId }: { householdId: string }) {
  const me = useMe();
  const { hash } = useLocation();
  const household = useAsync(() => fetchHousehold(householdId), [householdId]);
  const orgs = useAsync(fetchOrganizations, []);
  const board = useActions(householdId);
  const [mine, setMine] = useState(false);
  const [late, setLate] = useState(false);
  const [showCancelled, setShowCancelled] = useState(false);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(hash.startsWith('#actie-') ? hash.slice(7) : null);
  const [openMode, setOpenMode] = useState<'view' | 'complete'>('view');
  const [notice, setNotice] = useState<string | null>(null);
  const open = (a: Action, mode: 'view' | 'complete' = 'view') => {
    setOpenMode(mode);
    setOpenId(a.id);
  };

  const visible = useMemo(() => {
    let list = [...board.actions.values()];
    if (mine) list = list.filter((a) => a.ownerOrganization?.id === me.organization.id || a.claimedBy?.organization.id === me.organization.id);
    if (late) list = list.filter((a) => a.overdue);
    return list.sort(byDue);
  }, [board.actions, mine, late, me]);

  const canWrite = useHouseholdRights(household.data ?? null)('write');
  if ((household.loading && !household.data) || (board.loading && board.actions.size === 0 && !board.error)) return <Loading label="Acties laden…" />;
  if (household.error || board.error)
    return <PageError title="Wie doet wat" error={(household.error ?? board.error)!} retry={household.error ? household.reload : undefined} />;
  const h = household.data!;
  const opened = openId ? board.actions.get(openId) : undefined;
  const columns = COLUMNS.filter((c) => c.status !== 'cancelled' || showCancelled);

  return (
    <section aria-labelledby="board-title" className="ct-board">
      <nav aria-label="Kruimelpad" className="ct-breadcrumb">
        <Link href="/" className="utrecht-link">
          Mijn casussen
        </Link>{' '}
        <span aria-hidden="true">›</span>{' '}
        <Link href={`/huishoudens/${h.id}`} className="utrecht-link">
          {householdLabel(h).reference} {householdLabel(h).name}
        </Link>{' '}
        <span aria-hidden="true">›</span> <span>Wie doet wat</span>
      </nav>
      <header className="ct-document__header">
        <Heading level={1} id="board-title">
          Wie doet wat
        </Heading>
        <div className="ct-status" role="status" aria-live="polite">
          <Badge tone={board.live === 'live' ? 'ok' : board.live === 'revoked' ? 'danger' : 'warning'}>
            {board.live === 'live'
              ? 'Live bijgewerkt'
              : board.live === 'revoked'
                ? 'Geen toegang meer'
                : board.live === 'connecting'
                  ? 'Verbinden…'
                  : 'Opnieuw verbinden…'}
          </Badge>
        </div>
      </header>
      {board.revokedMessage && <Alert type="error">{board.revokedMessage}</Alert>}
      {h.myLevel === 'afspraken' && (
        <p className="utrecht-paragraph ct-note" data-testid="level-notice">
          Jouw informatieniveau is <strong>afspraken</strong>: je ziet de acties van je eigen organisatie. Het plan van aanpak, de verslagen en persoonsgegevens
          zijn niet zichtbaar.
        </p>
      )}
      <LiveNotice notice={notice} onClose={() => setNotice(null)} testId="board-notice" />
      <div className="ct-board__filters" role="group" aria-label="Filters">
        <label className="ct-check">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> Mijn organisatie
        </label>
        <label className="ct-check">
          <input type="checkbox" checked={late} onChange={(e) => setLate(e.target.checked)} /> Achter op schema
        </label>
        <label className="ct-check">
          <input type="checkbox" checked={showCancelled} onChange={(e) => setShowCancelled(e.target.checked)} /> Vervallen tonen
        </label>
        {canWrite && !creating && (
          <Button kind="primary" onClick={() => setCreating(true)}>
            Nieuwe actie
          </Button>
        )}
      </div>
      {creating && orgs.data && (
        <div className="ct-card">
          <Heading level={2}>Nieuwe actie</Heading>
          <ActionForm
            organizations={orgs.data}
            persons={h.persons}
            submitLabel="Actie aanmaken"
            onSubmit={async (input) => {
              board.apply(await actionOps.create(h.id, input));
              setCreating(false);
            }}
            onCancel={() => setCreating(false)}
          />
        </div>
      )}
      <div className="ct-columns" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr))` }}>
        {columns.map((c) => {
          const items = visible.filter((a) => a.status === c.status);
          return (
            <section key={c.status} className="ct-column" aria-labelledby={`col-${c.status}`} data-testid={`column-${c.status}`}>
              <Heading level={2} id={`col-${c.status}`} className="ct-column__title">
                {c.title} <span className="ct-column__count">{items.length}</span>
              </Heading>
              {items.length === 0 ? (
                <p className="ct-small">{mine || late ? 'Niets dat aan de filters voldoet.' : c.empty}</p>
              ) : (
                items.map((a) => <ActionCard key={a.id} action={a} household={h} onChange={board.apply} onOpen={open} onError={setNotice} />)
              )}
            </section>
          );
        })}
      </div>
      {board.actions.size === 0 && !creating && (
        <EmptyState title="Nog geen afspraken op het bord.">
          {canWrite && (
            <p className="utrecht-paragraph">
              Maak een actie aan, of maak er een van tekst in het plan of het verslag (selecteer de tekst en kies "Actie maken").
            </p>
          )}
        </EmptyState>
      )}
      {opened && orgs.data && (
        <ActionDialog
          key={opened.id}
          initialMode={openMode}
          action={opened}
          household={h}
          organizations={orgs.data}
          persons={h.persons}
          participants={h.participants}
          onChange={board.apply}
          onClose={() => setOpenId(null)}
        />
      )}
    </section>
  );
}
