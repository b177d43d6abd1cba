// The revocation signal across processes: two servers sharing one database and one Redis. A logout, a
// disabled account or a removed participation handled by server B ends the socket AND the event stream the
// same user holds on server A within 1 s. Skipped loudly when Redis is not reachable (required in CI).
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/limits.ts';
import { householdWithCast } from '../support/factories.ts';
import { createActionVia } from '../support/board.ts';
import { redisAvailable, useRedisServerPair } from '../support/redis.ts';
import { expectBothEnd, openChannels } from '../support/revocation.ts';
import { ApiClient } from '../support/client.ts';

const redisUp = await redisAvailable('revocation over Redis');
const env = useRedisServerPair(redisUp);

describe.skipIf(!redisUp)('revocation across processes (Redis)', () => {
  it('a logout on server B ends the socket and the stream on server A; no event after it reaches the stream', async () => {
    const cast = await householdWithCast(env.database.db, env.b.url);
    const ch = await openChannels(env.a, cast, env.a.url);
    expect((await cast.api.partner.post('/api/auth/logout')).status).toBe(204);
    await createActionVia(cast.api.regie, cast.household.id);
    await expectBothEnd(ch, CloseCode.Unauthorized, /uitgelogd/);
    await expect(ch.sse.next((m) => m.event === 'action.created', 0)).rejects.toThrow();
  });

  it('an account disabled on server B ends its channels on server A', async () => {
    const cast = await householdWithCast(env.database.db, env.b.url);
    const ch = await openChannels(env.a, cast, env.a.url);
    expect((await cast.api.admin.patch(`/api/users/${cast.users.partner.id}`, { disabled: true })).status).toBe(200);
    await expectBothEnd(ch, CloseCode.Unauthorized, /beëindigd/);
  });

  it('HTTP on server A refuses a session at once after a logout or a disabled account on server B (its session cache is told)', async () => {
    const cast = await householdWithCast(env.database.db, env.b.url);
    const onA = (api: ApiClient) => Object.assign(new ApiClient(env.a.url), { cookie: api.cookie }) as ApiClient;
    const partnerOnA = onA(cast.api.partner);
    const observerOnA = onA(cast.api.observer);
    // Both sessions are now validated, and kept, on server A.
    expect((await partnerOnA.get('/api/me')).status).toBe(200);
    expect((await observerOnA.get('/api/me')).status).toBe(200);
    expect((await cast.api.partner.post('/api/auth/logout')).status).toBe(204);
    expect((await partnerOnA.get('/api/me')).status).toBe(401);
    expect((await cast.api.admin.patch(`/api/users/${cast.users.observer.id}`, { disabled: true })).status).toBe(200);
    expect((await observerOnA.get(`/api/households/${cast.household.id}/actions`)).status).toBe(401);
  });

  it('a participation removed on server B ends its channels on server A', async () => {
    const cast = await householdWithCast(env.database.db, env.b.url);
    const ch = await openChannels(env.a, cast, env.a.url);
    expect((await cast.api.regie.delete(`/api/households/${cast.household.id}/participants/${cast.users.partner.id}`)).status).toBe(204);
    await expectBothEnd(ch, CloseCode.Forbidden, /niet meer deel/);
  });
});
