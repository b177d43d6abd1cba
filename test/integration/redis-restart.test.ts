// Redis killed and restarted mid-session (a private redis-server, no persistence) under two server
// processes' worth of app sharing one database: an editor on each process keeps typing and the board keeps
// changing through the outage. Once Redis is back, document updates and live events flow between the
// processes again, what was typed during the outage reaches the other side, no edit is lost or written
// twice, and the board stream on the other process has every event once, in order, without a gap.
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { and, eq } from 'drizzle-orm';
import { documents } from '../../server/db/schema.ts';
import { ApiClient } from '../support/client.ts';
import { createActionVia } from '../support/board.ts';
import { connectClient, ownParagraph, waitFor, type CollabClient } from '../support/collab.ts';
import { runCleanups, type Cleanups } from '../support/cluster.ts';
import { householdWithCast } from '../support/factories.ts';
import { startPrivateRedis } from '../support/redis-server.ts';
import { openTestDatabase, startTestServer } from '../support/server.ts';
import { openSse } from '../support/sse.ts';
import { doubleWrites, storedDocument, wordsOf } from '../support/stored-document.ts';

const cleanups: Cleanups = [];
afterAll(() => runCleanups(cleanups));

/** Live events are hints and a stream reconciles with the database every 15 s: after a blip, well before that. */
const EVENTS_BACK_WITHIN_MS = 5_000;

describe('Redis restarted mid-session', () => {
  it('document updates and board events between two processes resume; nothing lost, written twice, skipped or repeated', async () => {
    const redis = await startPrivateRedis('Redis restart', cleanups);
    if (!redis) return;
    const database = await openTestDatabase();
    cleanups.push(() => database.close());
    const a = await startTestServer({ database, config: { redisUrl: redis.url } });
    cleanups.push(() => a.close());
    const b = await startTestServer({ database, config: { redisUrl: redis.url } });
    cleanups.push(() => b.close());
    const { household, api } = await householdWithCast(database.db, a.url);
    const onB = (client: ApiClient) => Object.assign(new ApiClient(b.url), { cookie: client.cookie });
    const [plan] = await database.db
      .select()
      .from(documents)
      .where(and(eq(documents.householdId, household.id), eq(documents.kind, 'plan')));

    // One editor on each process, and the board followed on process B.
    const editors: CollabClient[] = [
      connectClient(a.url, api.partner, plan!.id, new Y.Doc(), { acks: true }),
      connectClient(b.url, onB(api.regie), plan!.id, new Y.Doc(), { acks: true }),
    ];
    cleanups.push(() => {
      for (const e of editors) e.destroy();
    });
    await Promise.all(editors.map((e) => e.synced()));
    const texts = editors.map((e) => ownParagraph(e.fragment));
    const typed: string[] = [];
    const type = (phase: string, n: number) =>
      editors.forEach((_, i) => {
        const word = `${phase}${i}x${n}`;
        texts[i]!.insert(texts[i]!.length, word + ' ');
        typed.push(word);
      });
    const everywhere = (words: string[]) => editors.every((e) => ((have) => words.every((w) => have.has(w)))(wordsOf(e.fragment.toString())));
    const stream = await openSse(`${b.url}/api/households/${household.id}/events`, { cookie: api.observer.cookie! });
    await stream.next((m) => m.event === 'ready');
    const seqs: number[] = [];
    const reading = (async () => {
      for (;;) {
        const m = await stream.next(() => true, 60_000).catch(() => null);
        if (!m) return;
        if (m.event === 'action.created') seqs.push(Number(m.id));
      }
    })();
    const created: string[] = [];
    const create = async (title: string) => created.push((await createActionVia(api.regie, household.id, { title })).id);

    // Before: both ways.
    type('before', 0);
    await create('Voor de storing');
    await waitFor(() => everywhere(typed) && seqs.length === 1, 'edits and the event across processes before the outage');

    // Redis gone for a few seconds (longer than ioredis keeps commands queued): both keep typing, a word
    // every 200 ms, and the board keeps changing through process A.
    await redis.kill();
    for (let n = 0; n < 12; n++) {
      type('during', n);
      if (n % 4 === 0) await create(`Tijdens de storing ${n}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // Each process stores its own editor's edits meanwhile (the database is fine).
    await waitFor(() => editors.every((e) => e.saves!.savedThrough >= 13), 'edits stored during the outage');
    await redis.start();
    const backAt = Date.now();

    // Back: what was typed and changed during the outage reaches the other process, without further edits or events.
    await waitFor(() => everywhere(typed), 'edits typed during the outage at both editors', 10_000);
    const docsBackAfter = Date.now() - backAt;
    await waitFor(() => seqs.length === 4, 'events of the outage on the stream of the other process', EVENTS_BACK_WITHIN_MS).catch((e) => {
      throw new Error(`${e.message}: got seqs ${JSON.stringify(seqs)}`);
    });
    const eventsBackAfter = Date.now() - backAt;

    // And live again, both ways.
    type('after', 0);
    await create('Na de storing');
    await waitFor(() => everywhere(typed) && seqs.length === 5, 'live edits and events after the outage');
    await waitFor(() => editors.every((e) => e.saves!.unsaved === 0), 'every edit shown as stored', 10_000);
    console.log(
      `[Redis restart] outage edits at the other process ${docsBackAfter} ms and outage events on its stream ${eventsBackAfter} ms after Redis was back; ` +
        `stream seqs ${JSON.stringify(seqs)}`,
    );
    stream.close();
    await reading;

    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    expect(created).toHaveLength(5);
    const stored = await storedDocument(database.db, plan!.id);
    expect(typed.filter((w) => !stored.words.has(w))).toEqual([]);
    expect(doubleWrites(stored.rows)).toEqual([]);
  }, 60_000);
});
