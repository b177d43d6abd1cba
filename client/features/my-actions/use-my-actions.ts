// Mijn acties, kept live: one GET, then the changes the user's own stream passes on while the page is open
// (`followMyActions`). A change is applied when it is newer than what the page has (by version), kept when the
// action is still "mine" (shared/my-actions.ts isMine) and dropped otherwise; a household that is no longer
// followed (removed, closed, level lowered) loses its items at once. A reconnect or a participation change re-reads.
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, get } from '../../lib/api.ts';
import { useLive } from '../../lib/live.tsx';
import { useMe } from '../../lib/auth.tsx';
import type { Action } from '../../../shared/board.ts';
import { isMine, type MyAction, type MyActionsEvent, type MyActionsResponse } from '../../../shared/my-actions.ts';

export function useMyActions() {
  const me = useMe();
  const { followMyActions, onMyActions, onParticipation } = useLive();
  const [data, setData] = useState<MyActionsResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  /** The newest version seen of every action (also of ones dropped), so an older answer never brings one back. */
  const seen = useRef(new Map<string, number>());
  const loads = useRef(0);

  const load = useCallback(async () => {
    const mine = ++loads.current;
    try {
      const res = await get<MyActionsResponse>('/api/my-actions');
      if (mine !== loads.current) return;
      setData((prev) => {
        const newer = new Map((prev?.actions ?? []).map((a) => [a.id, a]));
        const actions = res.actions.flatMap((a) => {
          const known = seen.current.get(a.id) ?? 0;
          if (known <= a.version) {
            seen.current.set(a.id, a.version);
            return [a];
          }
          const local = newer.get(a.id);
          return local ? [local] : [];
        });
        return { ...res, actions };
      });
      setError(null);
    } catch (e) {
      if (mine === loads.current) setError(e as ApiError);
    }
  }, []);

  /** Applies an action as it is now (from the stream or from our own request's answer). */
  const apply = useCallback(
    (action: Action) => {
      if ((seen.current.get(action.id) ?? 0) >= action.version) return;
      seen.current.set(action.id, action.version);
      setData((prev) => {
        if (!prev) return prev;
        const household = prev.households.find((h) => h.id === action.householdId);
        const rest = prev.actions.filter((a) => a.id !== action.id);
        if (!household || !isMine(action, me)) return { ...prev, actions: rest };
        return { ...prev, actions: [...rest, { ...action, household } satisfies MyAction] };
      });
    },
    [me],
  );

  useEffect(() => followMyActions(), [followMyActions]);
  useEffect(() => {
    void load();
    const onEvent = (e: MyActionsEvent) => {
      if (e.type === 'action') {
        apply(e.action);
        return;
      }
      setData(
        (prev) =>
          prev && {
            ...prev,
            actions: prev.actions.filter((a) => (e.type === 'gone' ? a.householdId !== e.householdId : a.id !== e.actionId)),
          },
      );
      if (e.type === 'gone') void load();
    };
    const offActions = onMyActions(onEvent);
    // Added to or removed from a household, another level, or the stream (re)connected: read the list again.
    const offParticipation = onParticipation(() => void load());
    return () => {
      offActions();
      offParticipation();
    };
  }, [load, apply, onMyActions, onParticipation]);

  return { data, error, apply, reload: load };
}
