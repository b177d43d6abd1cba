// The signal that a household was closed, reopened or destroyed, for live parts of every process (the
// collab rooms switch read-only; a destroyed household's sockets close with 4404). Carried by the hub,
// so with REDIS_URL it reaches every server process.
import type { Hub } from '../realtime/hub.ts';

const TOPIC = 'household-lifecycle';

export interface LifecycleChange {
  householdId: string;
  kind: 'closed' | 'reopened' | 'destroyed';
}

export const announceLifecycle = (hub: Hub, change: LifecycleChange) => hub.publish(TOPIC, change);

export function onLifecycle(hub: Hub, listener: (change: LifecycleChange) => void): () => void {
  return hub.subscribe(TOPIC, (m) => {
    const c = m as LifecycleChange | null;
    if (c && typeof c.householdId === 'string' && (c.kind === 'closed' || c.kind === 'reopened' || c.kind === 'destroyed')) listener(c);
  });
}
