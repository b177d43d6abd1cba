// Two server processes' worth of app (two servers, one database, a RedisHub each): a change made
// through one reaches an event stream held by the other. Skipped loudly when Redis is not reachable.
import { describe, expect, it } from 'vitest';
import { householdWithCast } from '../support/factories.ts';
import { createActionVia } from '../support/board.ts';
import { openSse } from '../support/sse.ts';
import { redisAvailable, useRedisServerPair } from '../support/redis.ts';

const redisUp = await redisAvailable('events over Redis');

const env = useRedisServerPair(redisUp);

describe.skipIf(!redisUp)('household events across processes (Redis)', () => {
  it('a stream on server A receives, in order, the changes made through server B', async () => {
    const cast = await householdWithCast(env.database.db, env.b.url);
    const sse = await openSse(`${env.a.url}/api/households/${cast.household.id}/events`, { cookie: cast.api.observer.cookie! });
    await sse.next((m) => m.event === 'ready');
    const action = await createActionVia(cast.api.regie, cast.household.id);
    await cast.api.partner.post(`/api/actions/${action.id}/claim`);
    const got = await sse.take(2);
    expect(got.map((m) => [m.id, m.event])).toEqual([
      ['1', 'action.created'],
      ['2', 'action.updated'],
    ]);
    expect(got[1]!.json().payload.action.claimedBy.id).toBe(cast.users.partner.id);
    sse.close();
  });

  it('removing a participant through server B ends their stream on server A', async () => {
    const cast = await householdWithCast(env.database.db, env.b.url);
    const sse = await openSse(`${env.a.url}/api/households/${cast.household.id}/events`, { cookie: cast.api.partner.cookie! });
    await sse.next((m) => m.event === 'ready');
    expect((await cast.api.regie.delete(`/api/households/${cast.household.id}/participants/${cast.users.partner.id}`)).status).toBe(204);
    expect((await sse.next()).event).toBe('revoked');
    await sse.ended;
  });
});
