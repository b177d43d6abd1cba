// Ended sessions (logout, a session ended from Mijn account, a password change, a second factor reset) and
// disabled accounts: every live channel of them (document sockets, event streams) closes and every process's
// session cache lets go, in this process at once and, with Redis, in the others. One signal for all of them:
// access/revocation.ts.
import type { Deps } from '../context.ts';
import { announceAccountRevoked, announceSessionEnded } from '../access/revocation.ts';

export async function announceSessionsEnded(deps: Pick<Deps, 'hub' | 'sessions'>, sessionIds: string[]): Promise<void> {
  // This process's session cache at once; the others through the signal (SessionStore listens to it).
  for (const sessionId of sessionIds) deps.sessions.forget({ sessionId });
  await Promise.all(sessionIds.map((id) => announceSessionEnded(deps.hub, id)));
}

export async function announceAccountDisabled(deps: Pick<Deps, 'hub' | 'sessions'>, userId: string): Promise<void> {
  deps.sessions.forget({ userId });
  await announceAccountRevoked(deps.hub, userId);
}
