// Two server processes sharing one database and one Redis: a notification made through server B reaches the
// recipient's stream held by server A, and Mijn acties on A follows a claim made through B. Skipped loudly when
// Redis is not reachable.
import { describe, expect, it } from 'vitest';
import { householdWithCast } from '../support/factories.ts';
import { createActionVia } from '../support/board.ts';
import { openSse } from '../support/sse.ts';
import { redisAvailable, useRedisServerPair } from '../support/redis.ts';
import type { MyActionsEvent } from '../../shared/my-actions.ts';

const redisUp = await redisAvailable('notifications over Redis');

const env = useRedisServerPair(redisUp);

describe.skipIf(!redisUp)('notifications and Mijn acties across processes (Redis)', () => {
  it('a notification made through B and a claim made through B reach the streams held by A', async () => {
    const cast = await householdWithCast(env.database.db, env.b.url);
    const stream = await openSse(`${env.a.url}/api/me/events?meldingen=1&acties=1`, { cookie: cast.api.partner.cookie! });
    await stream.next((m) => m.event === 'ready');
    const action = await createActionVia(cast.api.regie, cast.household.id, { title: 'Via B', ownerOrganizationId: cast.users.partner.organizationId });
    // Both arrive, in either order (they travel on different topics).
    const both = await stream.take(2);
    expect(both.map((m) => m.event).sort()).toEqual(['actions', 'notification']);
    expect(both.find((m) => m.event === 'actions')!.json<MyActionsEvent>()).toMatchObject({ type: 'action', action: { id: action.id, status: 'open' } });
    await cast.api.regie.post(`/api/actions/${action.id}/claim`);
    const claimed = await stream.next((m) => m.event === 'actions');
    expect(claimed.json<MyActionsEvent>()).toMatchObject({ type: 'action', action: { id: action.id, status: 'claimed' } });
    stream.close();
  });
});
