// What every Hub implementation promises (server/realtime/hub.ts): the in-process LocalHub and the RedisHub
// that several processes share. Live events, revocations and the document relay rely on each of these.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../server/realtime/hub.ts';
import { waitFor } from '../support/collab.ts';

export interface HubUnderTest {
  name: string;
  /** Two processes' hubs on one medium (for the in-process hub: the same hub twice). */
  open(): Promise<{ a: Hub; b: Hub }>;
  /** Resolves once everything published so far has been delivered wherever it will be. */
  drain(): Promise<void>;
}

let topicCounter = 0;
const freshTopic = () => `contract:${process.pid}:${Date.now().toString(36)}:${++topicCounter}`;

interface Probe {
  probe: number;
}
const isProbe = (m: unknown): m is Probe => typeof m === 'object' && m !== null && 'probe' in m;

/**
 * Subscribes `listener` on `to` and waits until messages published on `from` reach it (RedisHub's SUBSCRIBE
 * completes asynchronously). Probe messages are not passed to the listener.
 */
async function subscribed(from: Hub, to: Hub, topic: string, listener: (m: unknown) => void): Promise<() => void> {
  let arrived = false;
  const unsubscribe = to.subscribe(topic, (m) => {
    if (isProbe(m)) arrived = true;
    else listener(m);
  });
  let n = 0;
  await waitFor(
    async () => {
      if (!arrived) await from.publish(topic, { probe: ++n });
      return arrived;
    },
    'the subscription to take effect',
    5_000,
  );
  return unsubscribe;
}

export function hubContract(impl: HubUnderTest) {
  describe(`hub contract: ${impl.name}`, () => {
    let a: Hub;
    let b: Hub;
    beforeEach(async () => {
      ({ a, b } = await impl.open());
    });
    afterEach(async () => {
      await a.close();
      if (b !== a) await b.close();
    });

    it('delivers a message to every subscriber of its topic, on either process, and to no other topic', async () => {
      const topic = freshTopic();
      const other = freshTopic();
      const onA: unknown[] = [];
      const onB: unknown[] = [];
      const elsewhere: unknown[] = [];
      await subscribed(a, a, topic, (m) => onA.push(m));
      await subscribed(a, b, topic, (m) => onB.push(m));
      await subscribed(a, b, other, (m) => elsewhere.push(m));
      await a.publish(topic, { n: 1 });
      await b.publish(topic, { n: 2 });
      await waitFor(() => onA.length === 2 && onB.length === 2, 'both messages at both subscribers');
      expect(new Set(onA.map((m) => (m as { n: number }).n))).toEqual(new Set([1, 2]));
      expect(new Set(onB.map((m) => (m as { n: number }).n))).toEqual(new Set([1, 2]));
      // A message on the other topic, published after both: it arrives, and was the only one there.
      await a.publish(other, { n: 3 });
      await waitFor(() => elsewhere.length === 1, 'the message on the other topic');
      expect(elsewhere).toEqual([{ n: 3 }]);
    });

    it("keeps one publisher's messages to a topic in order, however fast they come", async () => {
      const topic = freshTopic();
      const got: number[] = [];
      await subscribed(a, b, topic, (m) => got.push((m as { n: number }).n));
      const sent = Array.from({ length: 300 }, (_, n) => n);
      await Promise.all(sent.map((n) => a.publish(topic, { n })));
      await waitFor(() => got.length === sent.length, 'every message');
      expect(got).toEqual(sent);
    });

    it('unsubscribing stops delivery to that listener only, and a topic can be subscribed again', async () => {
      const topic = freshTopic();
      const stays: unknown[] = [];
      const goes: unknown[] = [];
      await subscribed(a, b, topic, (m) => stays.push(m));
      const unsubscribe = await subscribed(a, b, topic, (m) => goes.push(m));
      unsubscribe();
      unsubscribe(); // twice is harmless
      await a.publish(topic, { n: 1 });
      await waitFor(() => stays.length === 1, 'the message at the listener that stayed');
      expect(goes).toEqual([]);
      // Every listener gone (the hub lets go of the topic), then subscribed again: delivered again.
      const topic2 = freshTopic();
      const first = await subscribed(a, b, topic2, () => {});
      first();
      const again: unknown[] = [];
      await subscribed(a, b, topic2, (m) => again.push(m));
      await a.publish(topic2, { n: 2 });
      await waitFor(() => again.length === 1, 'the message after subscribing again');
      expect(again).toEqual([{ n: 2 }]);
    });

    it('calling an unsubscribe again later does not touch listeners that subscribed since', async () => {
      const topic = freshTopic();
      const unsubscribe = await subscribed(a, b, topic, () => {});
      unsubscribe();
      const got: unknown[] = [];
      await subscribed(a, b, topic, (m) => got.push(m));
      unsubscribe();
      await a.publish(topic, { n: 1 });
      await waitFor(() => got.length === 1, 'the message at the listener that subscribed since', 3_000);
    });

    it('a listener that throws does not keep the message from the others', async () => {
      const topic = freshTopic();
      const got: unknown[] = [];
      await subscribed(a, b, topic, () => {
        throw new Error('listener failed (expected by the test)');
      });
      await subscribed(a, b, topic, (m) => got.push(m));
      await a.publish(topic, { n: 1 });
      await waitFor(() => got.length === 1, 'the message at the second listener');
    });

    it('delivers nothing to a closed hub, not even to a listener subscribed after closing; publishing on it does not throw', async () => {
      const topic = freshTopic();
      const got: unknown[] = [];
      await subscribed(a, b, topic, (m) => got.push(m));
      await b.close();
      b.subscribe(topic, (m) => got.push(m));
      b.subscribe(freshTopic(), (m) => got.push(m))();
      await a.publish(topic, { n: 1 });
      await b.publish(topic, { n: 2 });
      await impl.drain();
      expect(got).toEqual([]);
    });

    it('a message arrives as the JSON value that was published', async () => {
      const topic = freshTopic();
      const got: unknown[] = [];
      await subscribed(a, b, topic, (m) => got.push(m));
      const message = {
        type: 'action.created',
        seq: 42,
        at: '2026-11-25T10:00:00.000Z',
        payload: { title: 'Gesprek met de school – één keer “voorzichtig”', tags: ['a', 'b'], nested: { none: null, yes: true, n: -1.5 } },
        data: Buffer.from([0, 1, 2, 255]).toString('base64'),
      };
      await a.publish(topic, message);
      await a.publish(topic, 'a plain string');
      await waitFor(() => got.length === 2, 'both messages');
      expect(got).toEqual([message, 'a plain string']);
    });
  });
}
