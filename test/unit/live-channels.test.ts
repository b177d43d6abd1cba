// The live-channel registry's race rule: a channel authorised before a revocation arrived, but registered
// after it (the stream or socket was still opening), is ended at registration; one authorised after the
// revocation is not. No database is touched by these paths.
import { afterEach, describe, expect, it } from 'vitest';
import { LiveChannels, type ChannelEnd, type LiveChannel } from '../../server/access/live-channels.ts';
import { announceAccountRevoked, announceParticipationChanged, announceSessionEnded } from '../../server/access/revocation.ts';
import { LocalHub } from '../../server/realtime/hub.ts';
import type { Db } from '../../server/db/client.ts';

const hub = new LocalHub();
const log = { debug() {}, info() {}, warn() {}, error() {} } as never;
const registries: LiveChannels[] = [];
afterEach(() => registries.splice(0).forEach((r) => r.close()));

function registry() {
  const r = new LiveChannels({ db: {} as Db, hub, log }, 3_600_000);
  registries.push(r);
  return r;
}

function channel(sessionId: string, userId = 'u1', householdId = 'h1') {
  const ended: ChannelEnd[] = [];
  const c: LiveChannel = {
    transport: 'stream',
    requester: {
      user: { id: userId, email: '', name: '', admin: false, organization: { id: 'o', name: 'o', kind: 'politie' }, secondFactor: false },
      ip: null,
    },
    sessionId,
    householdId,
    needs: 'readBoard',
    end: (why) => ended.push(why),
  };
  return { c, ended };
}
const later = { expiresAt: new Date(Date.now() + 3_600_000) };

describe('live channels', () => {
  it('ends a channel whose session was logged out while it was opening', async () => {
    const live = registry();
    const authorizedAt = Date.now() - 5;
    await announceSessionEnded(hub, 's-race');
    const { c, ended } = channel('s-race');
    live.register(c, later, authorizedAt);
    expect(ended.map((e) => e.kind)).toEqual(['session']);
    expect(live.size).toBe(0);
  });

  it('keeps a channel authorised after the revocation (a new login), and ends it on the next one', async () => {
    const live = registry();
    await announceAccountRevoked(hub, 'u-later');
    const { c, ended } = channel('s-new', 'u-later');
    const unregister = live.register(c, later, Date.now() + 1);
    expect(ended).toEqual([]);
    await announceParticipationChanged(hub, 'h1', 'u-later', null);
    expect(ended.map((e) => e.kind)).toEqual(['access']);
    unregister();
    expect(live.size).toBe(0);
  });

  it('ends only the channels the revocation names', async () => {
    const live = registry();
    const a = channel('s-a', 'u-a');
    const b = channel('s-b', 'u-b');
    live.register(a.c, later, Date.now());
    live.register(b.c, later, Date.now());
    await announceSessionEnded(hub, 's-a');
    expect([a.ended.length, b.ended.length]).toEqual([1, 0]);
    expect(live.size).toBe(1);
  });
});
