// Ended sessions (logout, a session ended from Mijn account, a password change, a second factor reset):
// every live channel of those sessions (document sockets, event streams) closes, in this process and, with
// Redis, in the others. One signal for all of them: access/revocation.ts.
import type { Deps } from '../context.ts';
import { announceSessionEnded } from '../access/revocation.ts';

export async function announceSessionsEnded(deps: Pick<Deps, 'hub' | 'sessions'>, sessionIds: string[]): Promise<void> {
  // This process's session cache at once; the others through the signal (SessionStore listens to it).
  for (const sessionId of sessionIds) deps.sessions.forget({ sessionId });
  await Promise.all(sessionIds.map((id) => announceSessionEnded(deps.hub, id)));
}
