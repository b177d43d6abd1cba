// What keeps every open screen true about access: the signed-in user's own event stream (/api/me/events)
// and the "gone" state of households this user no longer takes part in. A page of a household that is gone
// shows only a Dutch message and a way back (see CaseGate); its offline copies in this browser are deleted.
// A session that ends (logout in another tab, expiry, a disabled account) signs this tab out as well.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { type ApiError, get } from './api.ts';
import { useAuth } from './auth.tsx';
import { purgeOfflineCopies } from './offline.ts';
import type { ParticipationChangedEvent } from '../../shared/board.ts';
import type { MyActionsEvent } from '../../shared/my-actions.ts';

export const REMOVED_MESSAGE = 'Je neemt niet meer deel aan dit huishouden. De inhoud is van dit scherm en uit deze browser verwijderd.';

type ParticipationListener = (e: ParticipationChangedEvent | { householdId: null; role: null; level: null }) => void;

interface LiveState {
  /** householdId → why its pages are cleared. */
  gone: ReadonlyMap<string, string>;
  /** Clears every page of the household and deletes its offline copies here. */
  markGone(householdId: string, message?: string): void;
  /**
   * A live channel of a household was refused or closed (event stream `revoked`, socket 4401/4403): if the
   * session itself is over this tab signs out, otherwise only this household is gone.
   */
  accessLost(householdId: string, message?: string): void;
  /** Participation changes of this user, as they happen (householdId null: the stream (re)connected, re-read). */
  onParticipation(l: ParticipationListener): () => void;
  /**
   * A household event stream is open in this tab (returns the release). Its `revoked` and the document
   * sockets' close codes then cover this tab, so the user stream pauses: a browser allows only six
   * connections per site over HTTP/1.1, shared by all tabs, and each tab should hold at most one stream.
   */
  holdHouseholdStream(): () => void;
  /**
   * Mijn acties is open in this tab: the user's own stream then also carries the changes of the user's actions
   * (`?acties=1`; the server follows every household whose board the user may read). Returns the release.
   */
  followMyActions(): () => void;
  /** Changes of Mijn acties as they happen (only while followed). */
  onMyActions(l: (e: MyActionsEvent) => void): () => void;
  /** "There is a new notification" from whichever stream this tab holds (the count is re-read). */
  onNotification(l: () => void): () => void;
  /** Called by a household stream of this tab that received `notification`. */
  notificationArrived(): void;
}

const LiveContext = createContext<LiveState | null>(null);

export function LiveProvider({ children }: { children: ReactNode }) {
  const { me, endSession } = useAuth();
  const [gone, setGone] = useState<ReadonlyMap<string, string>>(new Map());
  const listeners = useRef(new Set<ParticipationListener>());
  const [householdStreams, setHouseholdStreams] = useState(0);
  const holdHouseholdStream = useCallback(() => {
    setHouseholdStreams((n) => n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      setHouseholdStreams((n) => n - 1);
    };
  }, []);
  const userStreamWanted = householdStreams === 0;
  const [myActionsFollowers, setMyActionsFollowers] = useState(0);
  const followMyActions = useCallback(() => {
    setMyActionsFollowers((n) => n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      setMyActionsFollowers((n) => n - 1);
    };
  }, []);
  const withMyActions = myActionsFollowers > 0;
  const myActionsListeners = useRef(new Set<(e: MyActionsEvent) => void>());
  const notificationListeners = useRef(new Set<() => void>());
  const notificationArrived = useCallback(() => {
    for (const l of notificationListeners.current) l();
  }, []);

  const markGone = useCallback((householdId: string, message = REMOVED_MESSAGE) => {
    setGone((prev) => (prev.get(householdId) === message ? prev : new Map(prev).set(householdId, message)));
    void purgeOfflineCopies(householdId);
  }, []);

  const accessLost = useCallback(
    (householdId: string, message?: string) => {
      // Clear at once (no round trip on the way to a cleared screen), then find out whether the whole
      // session ended, in which case this tab signs out as well.
      markGone(householdId, message ? `${message} De inhoud is van dit scherm en uit deze browser verwijderd.` : REMOVED_MESSAGE);
      get('/api/me').catch((err: ApiError) => {
        if (err.status === 401) endSession('Je sessie is beëindigd. Log opnieuw in om verder te werken.');
      });
    },
    [markGone, endSession],
  );

  // Gone households are forgotten when another user signs in here.
  const meId = me?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signed-in user's id is the trigger, not an input.
  useEffect(() => setGone(new Map()), [meId]);

  useEffect(() => {
    if (!meId || !userStreamWanted) return;
    const source = new EventSource(`/api/me/events?meldingen=1${withMyActions ? '&acties=1' : ''}`);
    source.addEventListener('ready', () => {
      for (const l of listeners.current) l({ householdId: null, role: null, level: null });
      notificationArrived(); // (re)connected: whatever came meanwhile is counted again
    });
    source.addEventListener('notification', notificationArrived);
    source.addEventListener('actions', (msg) => {
      const e = JSON.parse((msg as MessageEvent).data) as MyActionsEvent;
      for (const l of myActionsListeners.current) l(e);
    });
    source.addEventListener('participation', (msg) => {
      const e = JSON.parse((msg as MessageEvent).data) as ParticipationChangedEvent;
      if (e.role === null) markGone(e.householdId);
      else
        setGone((prev) => {
          if (!prev.has(e.householdId)) return prev;
          const next = new Map(prev);
          next.delete(e.householdId);
          return next;
        });
      for (const l of listeners.current) l(e);
    });
    source.addEventListener('ended', (msg) => {
      source.close();
      const { message } = JSON.parse((msg as MessageEvent).data) as { message: string };
      endSession(`${message} Om veiligheidsredenen is de inhoud van dit scherm verwijderd.`);
    });
    return () => source.close();
  }, [meId, userStreamWanted, withMyActions, markGone, endSession, notificationArrived]);

  const onParticipation = useCallback((l: ParticipationListener) => subscribe(listeners.current, l), []);

  const onMyActions = useCallback((l: (e: MyActionsEvent) => void) => subscribe(myActionsListeners.current, l), []);
  const onNotification = useCallback((l: () => void) => subscribe(notificationListeners.current, l), []);

  const value = useMemo(
    () => ({ gone, markGone, accessLost, onParticipation, holdHouseholdStream, followMyActions, onMyActions, onNotification, notificationArrived }),
    [gone, markGone, accessLost, onParticipation, holdHouseholdStream, followMyActions, onMyActions, onNotification, notificationArrived],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): LiveState {
  const ctx = useContext(LiveContext);
  if (!ctx) throw new Error('useLive outside LiveProvider');
  return ctx;
}

/** Adds a listener to a set; returns its removal. */
function subscribe<L>(set: Set<L>, l: L): () => void {
  set.add(l);
  return () => {
    set.delete(l);
  };
}
