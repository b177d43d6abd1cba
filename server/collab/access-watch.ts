// Keeps open sockets in line with the household policy while they are connected: the households area
// publishes `access:<householdId>` when a participant is removed (role null) or their role changes.
import type { Hub } from '../realtime/hub.ts';
import { CloseCode } from '../../shared/limits.ts';
import type { HouseholdRole } from '../../shared/enums.ts';
import type { CollabConnection } from './connection.ts';

interface AccessChange {
  userId: string;
  householdId: string;
  role: HouseholdRole | null;
}

export class AccessWatch {
  private households = new Map<string, { rooms: number; unsubscribe: () => void }>();

  constructor(
    private readonly hub: Hub,
    /** The connections currently open for a household's documents. */
    private readonly connectionsOf: (householdId: string) => Iterable<CollabConnection>,
  ) {}

  /** Called when a room of the household loads; released when it unloads. */
  watch(householdId: string): () => void {
    let entry = this.households.get(householdId);
    if (!entry) {
      const unsubscribe = this.hub.subscribe(`access:${householdId}`, (message) => this.apply(message as AccessChange));
      this.households.set(householdId, (entry = { rooms: 0, unsubscribe }));
    }
    entry.rooms++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--entry.rooms === 0) {
        entry.unsubscribe();
        this.households.delete(householdId);
      }
    };
  }

  apply(change: AccessChange): void {
    if (!change?.userId || !change.householdId) return;
    for (const conn of this.connectionsOf(change.householdId)) {
      if (conn.userId !== change.userId) continue;
      if (change.role === null) conn.close(CloseCode.Forbidden, 'Je hebt geen toegang meer tot dit document');
      // A new role takes effect on the next message: an observer's updates are then ignored (Room.mayWrite).
      else conn.principal = { ...conn.principal, role: change.role };
    }
  }
}
