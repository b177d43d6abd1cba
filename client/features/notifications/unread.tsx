// The signed-in user's unread notification count, for the header and the inbox: read once, and again whenever a
// stream of this tab says something new arrived (or reconnected); the inbox sets it from its own answers.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { get } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useLive } from '../../lib/live.tsx';
import type { UnreadCountResponse } from '../../../shared/notifications.ts';

interface Unread {
  /** null until read. */
  unread: number | null;
  setUnread(n: number): void;
  refresh(): void;
}

const UnreadContext = createContext<Unread | null>(null);

export function UnreadProvider({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const { onNotification } = useLive();
  const [unread, setUnread] = useState<number | null>(null);
  const meId = me?.id;
  const refresh = useCallback(() => {
    if (!meId) return;
    get<UnreadCountResponse>('/api/notifications/unread').then(
      (r) => setUnread(r.unread),
      () => undefined, // signed out meanwhile, or offline: the next hint or reconnect reads it again
    );
  }, [meId]);
  useEffect(() => {
    setUnread(null);
    if (!meId) return;
    refresh();
    return onNotification(refresh);
  }, [meId, refresh, onNotification]);
  const value = useMemo(() => ({ unread, setUnread, refresh }), [unread, refresh]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export function useUnread(): Unread {
  const ctx = useContext(UnreadContext);
  if (!ctx) throw new Error('useUnread outside UnreadProvider');
  return ctx;
}
