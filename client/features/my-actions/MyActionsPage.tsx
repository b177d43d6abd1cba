// "Mijn acties": the open and claimed actions of the user's organisation and their own, across all their
// households, grouped by due date (te laat · deze week · later · zonder datum), live, with claim, release and
// complete right here (the board's own verbs and routes; the server decides) and a filter per household.
import { useMemo, useState } from 'react';
import { useMe } from '../../lib/auth.tsx';
import { Link } from '../../lib/router.tsx';
import { Badge, Button, EmptyState, Heading, LiveNotice, Loading, TextInput } from '../../components/ui.tsx';
import { PageError } from '../../components/ErrorMessage.tsx';
import type { Action } from '../../../shared/board.ts';
import { DUE_GROUP_LABELS, DUE_GROUPS, dueGroup, type MyAction } from '../../../shared/my-actions.ts';
import { formatDate } from '../../../shared/labels.ts';
import { boardPermissions } from '../board/permissions.ts';
import { actionOps, useActionRunner } from '../board/action-ops.ts';
import { ClaimButtons } from '../board/ClaimButtons.tsx';
import { useMyActions } from './use-my-actions.ts';

/** Within a group: by due date, then the ones nobody has yet, then the oldest first. */
const order = (a: MyAction, b: MyAction) =>
  (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
  Number(a.status === 'claimed') - Number(b.status === 'claimed') ||
  a.createdAt.localeCompare(b.createdAt);

export function MyActionsPage() {
  const me = useMe();
  const { data, error, apply, reload } = useMyActions();
  const [householdId, setHouseholdId] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const groups = useMemo(() => {
    const shown = (data?.actions ?? []).filter((a) => !householdId || a.householdId === householdId).sort(order);
    return DUE_GROUPS.map((g) => ({ group: g, items: shown.filter((a) => dueGroup(a.dueDate, data!.today) === g) })).filter((g) => g.items.length);
  }, [data, householdId]);

  if (error && !data) return <PageError title="Mijn acties" error={error} retry={reload} />;
  if (!data) return <Loading label="Acties laden…" />;
  return (
    <section aria-labelledby="my-actions-title" className="ct-my-actions">
      <Heading level={1} id="my-actions-title">
        Mijn acties
      </Heading>
      <p className="utrecht-paragraph">
        De open en opgepakte acties van {me.organization.name} en van jou, in alle casussen waaraan je deelneemt. Deze lijst wordt live bijgewerkt.
      </p>
      {data.gated.length > 0 && (
        <ul className="ct-gated" aria-label="Casussen waarvan je de acties nog niet ziet">
          {data.gated.map((g) => (
            <li key={g.householdId} data-testid="my-actions-gated">
              {g.reference}:{' '}
              <Link href={`/huishoudens/${g.householdId}`} className="utrecht-link">
                {g.reason === 'statement' ? 'bevestig eerst de geheimhoudingsverklaring' : 'bevestig eerst je tweede factor'}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {data.households.length > 1 && (
        <label className="ct-check ct-my-actions__filter">
          Casus
          <select
            className="utrecht-select ct-select-inline"
            value={householdId}
            onChange={(e) => setHouseholdId(e.target.value)}
            data-testid="my-actions-filter"
          >
            <option value="">alle casussen</option>
            {data.households.map((h) => (
              <option key={h.id} value={h.id}>
                {h.reference}
              </option>
            ))}
          </select>
        </label>
      )}
      <LiveNotice notice={notice} onClose={() => setNotice(null)} testId="my-actions-notice" />
      {groups.length === 0 && (
        <EmptyState title={householdId ? 'Geen open acties in deze casus.' : 'Je hebt geen open acties.'}>
          <p className="utrecht-paragraph">Acties van je organisatie en acties die jij oppakt, verschijnen hier vanzelf.</p>
        </EmptyState>
      )}
      {groups.map(({ group, items }) => (
        <section key={group} aria-labelledby={`due-${group}`} className="ct-section" data-testid={`my-actions-${group}`}>
          <Heading level={2} id={`due-${group}`}>
            {DUE_GROUP_LABELS[group]} <span className="ct-column__count">{items.length}</span>
          </Heading>
          <ul className="ct-my-actions__list">
            {items.map((a) => (
              <li key={a.id}>
                <MyActionItem action={a} onChange={apply} onError={setNotice} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function MyActionItem({ action: a, onChange, onError }: { action: MyAction; onChange: (a: Action) => void; onError: (m: string) => void }) {
  const me = useMe();
  const can = boardPermissions(a, me, a.household);
  const { busy, run } = useActionRunner(onChange, onError);
  const [completing, setCompleting] = useState(false);
  const [note, setNote] = useState('');
  return (
    <article
      className={`ct-action ${a.overdue ? 'ct-action--overdue' : ''}`}
      aria-labelledby={`my-action-${a.id}`}
      data-testid="my-action"
      data-action-id={a.id}
    >
      <h3 className="ct-action__title" id={`my-action-${a.id}`}>
        <Link href={`/huishoudens/${a.householdId}/acties#actie-${a.id}`} className="utrecht-link">
          {a.title}
        </Link>
      </h3>
      <p className="ct-action__meta">
        <span className="ct-strong">{a.household.reference}</span>
        <span>{a.ownerOrganization ? a.ownerOrganization.name : 'Geen eigenaar'}</span>
        {a.dueDate && <span>{a.overdue ? <Badge tone="danger">Te laat: {formatDate(a.dueDate)}</Badge> : <>Uiterlijk {formatDate(a.dueDate)}</>}</span>}
      </p>
      <p className="ct-action__claim" data-testid="my-action-status">
        {a.status === 'claimed' && a.claimedBy
          ? `Opgepakt door ${a.claimedBy.id === me.id ? 'jou' : `${a.claimedBy.name} (${a.claimedBy.organization.name})`}`
          : 'Nog door niemand opgepakt'}
      </p>
      {completing ? (
        <form
          className="ct-inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await run(() => actionOps.complete(a, note))) setCompleting(false);
          }}
        >
          <TextInput label="Hoe is het afgerond? (optioneel)" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          <div className="ct-actions">
            <Button kind="primary" type="submit" busy={busy}>
              Afronden
            </Button>
            <Button onClick={() => setCompleting(false)}>Annuleren</Button>
          </div>
        </form>
      ) : (
        <ClaimButtons action={a} can={can} busy={busy} run={run} onComplete={() => setCompleting(true)} />
      )}
    </article>
  );
}
