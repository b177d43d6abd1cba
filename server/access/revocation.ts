// The one revocation signal: typed announcements that close every live channel (document socket, event
// stream) of a session, an account or a participation at once, in this process and, through the hub
// (RedisHub with REDIS_URL), in every other. Routes and domain code call these helpers; the topic is private.
import type { Hub } from '../realtime/hub.ts';
import type { HouseholdRole } from '../../shared/enums.ts';

const TOPIC = 'access-revocation';

export type Revocation =
  /** Logout or an ended session. */
  | { kind: 'session'; sessionId: string }
  /** An account disabled (or all its sessions ended). */
  | { kind: 'account'; userId: string }
  /** A participation removed (role null) or its role changed: live channels re-check through the seam. */
  | { kind: 'participation'; householdId: string; userId: string; role: HouseholdRole | null };

/** Awaited, so a revocation is on its way to every process before the answer that caused it. */
const announce = (hub: Hub, r: Revocation) => Promise.resolve(hub.publish(TOPIC, r));

export const announceSessionEnded = (hub: Hub, sessionId: string) => announce(hub, { kind: 'session', sessionId });
export const announceAccountRevoked = (hub: Hub, userId: string) => announce(hub, { kind: 'account', userId });
export const announceParticipationChanged = (hub: Hub, householdId: string, userId: string, role: HouseholdRole | null) =>
  announce(hub, { kind: 'participation', householdId, userId, role });

function isRevocation(m: unknown): m is Revocation {
  const r = m as Revocation | null;
  if (!r || typeof r !== 'object') return false;
  if (r.kind === 'session') return typeof r.sessionId === 'string';
  if (r.kind === 'account') return typeof r.userId === 'string';
  return r.kind === 'participation' && typeof r.householdId === 'string' && typeof r.userId === 'string';
}

export function onRevocation(hub: Hub, listener: (r: Revocation) => void): () => void {
  return hub.subscribe(TOPIC, (m) => {
    if (isRevocation(m)) listener(m);
  });
}
