// Who is in the document now (from Yjs awareness), with their organisation colour.
import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';

export interface PresenceUser {
  name: string;
  organization: string;
  color: string;
  userId: string;
}

export function usePresence(provider: WebsocketProvider | null): PresenceUser[] {
  const [users, setUsers] = useState<PresenceUser[]>([]);
  useEffect(() => {
    if (!provider) return;
    const update = () => {
      const seen = new Map<string, PresenceUser>();
      for (const state of provider.awareness.getStates().values()) {
        const u = state.presence as PresenceUser | undefined;
        if (u?.userId && !seen.has(u.userId)) seen.set(u.userId, u);
      }
      setUsers([...seen.values()]);
    };
    update();
    provider.awareness.on('change', update);
    return () => provider.awareness.off('change', update);
  }, [provider]);
  return users;
}

export function PresenceList({ users }: { users: PresenceUser[] }) {
  return (
    <section aria-label="Nu in dit document" className="ct-presence">
      <span className="ct-small">Nu in dit document ({users.length}):</span>
      <ul className="ct-presence__list">
        {users.map((u) => (
          <li key={u.userId} className="ct-presence__user" data-testid="presence-user">
            <span className="ct-presence__dot" style={{ background: u.color }} aria-hidden="true" />
            {u.name} <span className="ct-small">({u.organization})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
