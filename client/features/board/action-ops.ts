// Board mutations; each returns the updated action (applied locally at once, the event confirms it).
import { patch, post } from '../../lib/api.ts';
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
