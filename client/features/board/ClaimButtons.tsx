// The buttons every list of actions offers: claim, release and "Afronden…" (which opens the caller's completion
// form), each only when the shared rule book allows it for this user. The server decides again.
import type { ReactNode } from 'react';
import { Button } from '../../components/ui.tsx';
import type { Action } from '../../../shared/board.ts';
import { actionOps } from './action-ops.ts';

export function ClaimButtons({
  action: a,
  can,
  busy,
  run,
  onComplete,
  children,
}: {
  action: Action;
  can: { claim: boolean; release: boolean; complete: boolean };
  busy: boolean;
  run: (fn: () => Promise<Action>) => Promise<boolean>;
  /** Shows "Afronden…" when given. */
  onComplete?: () => void;
  /** More buttons after these (e.g. "Heropenen" on the board). */
  children?: ReactNode;
}) {
  return (
    <div className="ct-actions">
      {can.claim && (
        <Button kind="primary" busy={busy} onClick={() => run(() => actionOps.claim(a))}>
          Ik pak dit op
        </Button>
      )}
      {can.release && (
        <Button busy={busy} onClick={() => run(() => actionOps.release(a))}>
          Loslaten
        </Button>
      )}
      {can.complete && onComplete && (
        <Button busy={busy} onClick={onComplete}>
          Afronden…
        </Button>
      )}
      {children}
    </div>
  );
}
