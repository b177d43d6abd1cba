// The household's actions, kept live: one GET, then the household event stream (SSE) resumed from the
// list's event sequence, so no change between the two is missed. Events are applied to local state
// (newest version wins) rather than refetching; EventSource resends Last-Event-ID on reconnect.
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, get } from '../../lib/api.ts';
import type { Action, ActionListResponse, HouseholdEvent, HouseholdEventType, RevokedEvent } from '../../../shared/board.ts';
import { useLive } from '../../lib/live.tsx';

/** Board order: by due date (none last), then oldest first. */
export const byDue = (a: Action, b: Action) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.createdAt.localeCompare(b.createdAt);

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'revoked';

/** Every household event type the pages listen to. */
export const LIVE_EVENT_TYPES: HouseholdEventType[] = [
  'action.created',
  'action.updated',
  'action.hidden',
  'evaluation.updated',
  'document.updated',
  'attendance.updated',
  'version.created',
  'participants.updated',
];

export function useActions(householdId: string) {
  const [actions, setActions] = useState<Map<string, Action>>(new Map());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [live, setLive] = useState<LiveState>('connecting');
  const [revokedMessage, setRevokedMessage] = useState<string | null>(null);
  const listeners = useRef(new Set<(e: HouseholdEvent) => void>());
  const { accessLost, holdHouseholdStream, notificationArrived } = useLive();

  /** Applies a newer version of an action (from an event or from our own request's response). */
  const apply = useCallback((action: Action) => {
    setActions((prev) => {
      const current = prev.get(action.id);
      if (current && current.version >= action.version) return prev;
      const next = new Map(prev);
      next.set(action.id, action);
      return next;
    });
  }, []);

  const drop = useCallback((actionId: string) => {
    setActions((prev) => {
      if (!prev.has(actionId)) return prev;
      const next = new Map(prev);
      next.delete(actionId);
      return next;
    });
  }, []);

  useEffect(() => {
    let source: EventSource | null = null;
    let cancelled = false;
    const release = holdHouseholdStream();
    setLoading(true);
    get<ActionListResponse>(`/api/households/${householdId}/actions`)
      .then((res) => {
        if (cancelled) return;
        setActions(new Map(res.actions.map((a) => [a.id, a])));
        setLoading(false);
        source = new EventSource(`/api/households/${householdId}/events?lastEventId=${res.eventSeq}&meldingen=1`);
        source.addEventListener('ready', () => setLive('live'));
        source.addEventListener('notification', notificationArrived);
        source.onerror = () => setLive((s) => (s === 'revoked' ? s : 'reconnecting'));
        const onEvent = (msg: MessageEvent) => {
          const event = JSON.parse(msg.data) as HouseholdEvent;
          if (event.type === 'action.created' || event.type === 'action.updated') apply((event.payload as { action: Action }).action);
          // The action left what this participant may see (moved to another organisation): drop it.
          if (event.type === 'action.hidden') drop((event.payload as { actionId: string }).actionId);
          for (const l of listeners.current) l(event);
        };
        for (const type of LIVE_EVENT_TYPES) source.addEventListener(type, onEvent);
        source.addEventListener('revoked', (msg) => {
          setLive('revoked');
          const { message } = JSON.parse((msg as MessageEvent).data) as RevokedEvent;
          setRevokedMessage(message);
          source?.close();
          // Gone means gone: every page of this household clears (see CaseGate).
          accessLost(householdId, message);
        });
      })
      .catch((e: ApiError) => {
        if (!cancelled) {
          setError(e);
          setLoading(false);
        }
      });
    return () => {
      cancelled = true;
      source?.close();
      release();
    };
  }, [householdId, apply, drop, accessLost, holdHouseholdStream, notificationArrived]);

  const onEvent = useCallback((l: (e: HouseholdEvent) => void) => {
    listeners.current.add(l);
    return () => {
      listeners.current.delete(l);
    };
  }, []);

  return { actions, loading, error, live, revokedMessage, apply, onEvent };
}
