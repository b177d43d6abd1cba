// The hub contract (test/contracts/hub.ts) against the in-process hub and against the Redis hub (two
// connections, as two processes have). The Redis part is skipped loudly without Redis (a failure in CI).
import { Redis } from 'ioredis';
import { LocalHub } from '../../server/realtime/hub.ts';
import { RedisHub } from '../../server/realtime/redis-hub.ts';
import { hubContract } from '../contracts/hub.ts';
import { waitFor } from '../support/collab.ts';
import { REDIS_URL, redisAvailable } from '../support/redis.ts';

hubContract({
  name: 'LocalHub',
  open: async () => {
    const hub = new LocalHub();
    return { a: hub, b: hub };
  },
  // Delivery is synchronous: nothing is on its way.
  drain: async () => {},
});

if (await redisAvailable('hub contract on Redis')) {
  hubContract({
    name: 'RedisHub',
    open: async () => ({ a: await RedisHub.connect(REDIS_URL), b: await RedisHub.connect(REDIS_URL) }),
    // Redis handles commands one at a time and writes each message to every subscriber before the next:
    // once a marker published after everything else has come back, all of it has been delivered.
    drain: async () => {
      const sub = new Redis(REDIS_URL);
      const pub = new Redis(REDIS_URL);
      const channel = `contract-drain:${process.pid}:${Date.now()}`;
      let back = false;
      sub.on('message', () => (back = true));
      await sub.subscribe(channel);
      await pub.publish(channel, 'x');
      await waitFor(() => back, 'the drain marker');
      sub.disconnect();
      pub.disconnect();
    },
  });
}
