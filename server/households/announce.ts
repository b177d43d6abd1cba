// Tells open screens that a household's participants changed: the household's own event stream gets the new
// participant list (the household page updates live), and the affected user's own stream gets their new role
// in it ("Mijn casussen" gains or loses the row; a removed user's open pages of it clear at once).
// Revocation of live connections (the access topic) is published separately by the caller.
import type { Db } from '../db/client.ts';
import type { Hub } from '../realtime/hub.ts';
import { withHouseholdEvents } from '../realtime/events.ts';
import type { ParticipationChangedEvent } from '../../shared/board.ts';
import type { HouseholdRole, InfoLevel } from '../../shared/enums.ts';
import { listParticipants } from './service.ts';

/** Topic of one user's own live stream (GET /api/me/events). */
export const userTopic = (userId: string) => `user:${userId}`;

export async function announceParticipation(
  deps: { db: Db; hub: Hub },
  householdId: string,
  userId: string,
  now: { role: HouseholdRole; level: InfoLevel } | null,
  at: Date,
): Promise<void> {
  await withHouseholdEvents(deps, at, async (tx, emit) => emit(householdId, 'participants.updated', { participants: await listParticipants(tx, householdId) }));
  const change: ParticipationChangedEvent = { householdId, role: now?.role ?? null, level: now?.level ?? null };
  deps.hub.publish(userTopic(userId), change);
}
