// One action on the board: what, who owns it, who has it since when, due date, and what you can do.
import { useMe } from '../../lib/auth.tsx';
import { Badge, Button } from '../../components/ui.tsx';
import type { Action } from '../../../shared/board.ts';
import type { HouseholdSummary } from '../../../shared/api.ts';
import { formatDate, formatDateTime, PERSON_ROLE_LABELS } from '../../../shared/labels.ts';
import { boardPermissions } from './permissions.ts';
import { actionOps, useActionRunner } from './action-ops.ts';
import { ClaimButtons } from './ClaimButtons.tsx';

export function ActionCard({
  action: a,
  household,
  onChange,
  onOpen,
  onError,
}: {
  action: Action;
  household: Pick<HouseholdSummary, 'myRole' | 'myLevel' | 'status'>;
  onChange: (a: Action) => void;
  onOpen: (a: Action, mode?: 'view' | 'complete') => void;
  onError: (message: string) => void;
}) {
  const me = useMe();
  const can = boardPermissions(a, me, household);
  const { busy, run } = useActionRunner(onChange, onError);
  return (
    <article
      className={`ct-action ${a.overdue ? 'ct-action--overdue' : ''}`}
      aria-labelledby={`action-${a.id}`}
      data-testid="action-card"
      data-action-id={a.id}
      id={`actie-${a.id}`}
    >
      <h3 className="ct-action__title" id={`action-${a.id}`}>
        <button type="button" className="ct-linkbutton" onClick={() => onOpen(a)}>
          {a.title}
        </button>
      </h3>
      <p className="ct-action__meta">
        {a.ownerOrganization ? (
          <span>
            <span className={`ct-org-dot ct-org--${a.ownerOrganization.kind}`} aria-hidden="true" /> {a.ownerOrganization.name}
          </span>
        ) : (
          <span>Geen eigenaar</span>
        )}
        {a.dueDate && <span>{a.overdue ? <Badge tone="danger">Te laat: {formatDate(a.dueDate)}</Badge> : <>Uiterlijk {formatDate(a.dueDate)}</>}</span>}
        {a.person && (
          <span>
            Betreft {a.person.label} ({PERSON_ROLE_LABELS[a.person.role]})
          </span>
        )}
      </p>
      {a.status === 'claimed' && a.claimedBy && (
        <p className="ct-action__claim" data-testid="claimed-by">
          Opgepakt door {a.claimedBy.name} ({a.claimedBy.organization.name}) sinds {formatDateTime(a.claimedAt)}
        </p>
      )}
      {a.status === 'done' && (
        <p className="ct-action__claim">
          Afgerond{a.completedBy && ` door ${a.completedBy.name}`} op {formatDateTime(a.completedAt)}
          {a.completionNote && `: ${a.completionNote}`}
        </p>
      )}
      <ClaimButtons action={a} can={can} busy={busy} run={run} onComplete={a.status === 'claimed' ? () => onOpen(a, 'complete') : undefined}>
        {can.reopen && (
          <Button busy={busy} onClick={() => run(() => actionOps.reopen(a))}>
            Heropenen
          </Button>
        )}
      </ClaimButtons>
    </article>
  );
}
