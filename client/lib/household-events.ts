// A household's live event stream for pages that do not hold the board (the household page): only events
// from now on, and a revocation clears every page of the household.
import { useEffect, useRef } from 'react';
import type { HouseholdEvent, HouseholdEventType, RevokedEvent } from '../../shared/board.ts';
import { useLive } from './live.tsx';

const TYPES: HouseholdEventType[] = ['participants.updated', 'document.updated', 'version.created', 'huisverbod.decided', 'action.created', 'action.updated'];

export function useHouseholdEvents(householdId: string, enabled: boolean, onEvent: (e: HouseholdEvent) => void) {
  const { accessLost, holdHouseholdStream, notificationArrived } = useLive();
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (!enabled) return;
    const release = holdHouseholdStream();
    const source = new EventSource(`/api/households/${householdId}/events?meldingen=1`);
    source.addEventListener('notification', notificationArrived);
    const listener = (msg: MessageEvent) => handler.current(JSON.parse(msg.data) as HouseholdEvent);
    for (const t of TYPES) source.addEventListener(t, listener);
    source.addEventListener('revoked', (msg) => {
      source.close();
      accessLost(householdId, (JSON.parse((msg as MessageEvent).data) as RevokedEvent).message);
    });
    return () => {
      source.close();
      release();
    };
  }, [householdId, enabled, accessLost, holdHouseholdStream, notificationArrived]);
}
