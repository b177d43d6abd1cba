// Board mutations; each returns the updated action (applied locally at once, the event confirms it).
import { useState } from 'react';
import { ApiError, patch, post } from '../../lib/api.ts';
import type { Action, ActionResponse } from '../../../shared/board.ts';
import type { ActionInput } from '../../../shared/schemas.ts';

const op = (id: string, verb: string, body: unknown = {}) => post<ActionResponse>(`/api/actions/${id}/${verb}`, body).then((r) => r.action);

export const actionOps = {
  create: (householdId: string, input: ActionInput) => post<ActionResponse>(`/api/households/${householdId}/actions`, input).then((r) => r.action),
  claim: (a: Action) => op(a.id, 'claim'),
  release: (a: Action) => op(a.id, 'release'),
  complete: (a: Action, note: string) => op(a.id, 'complete', { note }),
  reopen: (a: Action) => op(a.id, 'reopen'),
  cancel: (a: Action) => op(a.id, 'cancel'),
  edit: (a: Action, changes: Partial<ActionInput>) => patch<ActionResponse>(`/api/actions/${a.id}`, { ...changes, version: a.version }).then((r) => r.action),
};

/**
 * Runs one board verb from a button: busy while it runs; the answer goes to `onChange`, and so does the current
 * action a refusal brings along (a claim someone else won, a stale edit), with the Dutch reason to `onError`.
 */
export function useActionRunner(onChange: (a: Action) => void, onError: (message: string) => void) {
  const [busy, setBusy] = useState(false);
  async function run(fn: () => Promise<Action>): Promise<boolean> {
    setBusy(true);
    try {
      onChange(await fn());
      return true;
    } catch (err) {
      const current = err instanceof ApiError ? (err.body as { error?: { current?: Action } } | null)?.error?.current : undefined;
      if (current) onChange(current);
      onError(err instanceof ApiError ? err.message : 'Dat lukte niet. Probeer het opnieuw.');
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, run };
}
