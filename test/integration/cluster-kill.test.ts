// kill -9 of one of two server processes (the production build, sharing PostgreSQL and Redis, behind a
// round-robin proxy) while 10 editors type into one plan across both. Every editor on the killed process
// reconnects to the other one; nothing a screen showed as stored is lost, nor anything typed more than
// 250 ms before the kill; each client update is written to doc_updates once; presence converges.
// PostgreSQL and Redis only: processes cannot share an embedded PGlite.
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { showPresenceAfterReconnect } from '../../client/features/editor/reconnect.ts';
import { connectClient, ownParagraph, waitFor, type CollabClient } from '../support/collab.ts';
import { runCleanups, type Cleanups } from '../support/cluster.ts';
import { startClusterCase, trackGaps } from '../support/cluster-case.ts';
import { doubleWrites, storedDocument, wordsOf } from '../support/stored-document.ts';

const CLIENTS = 10;
const WORD_EVERY_MS = 150;
const BACK_WITHIN_MS = 2_000;
const cleanups: Cleanups = [];
afterAll(() => runCleanups(cleanups));

interface Typed {
  word: string;
  at: number;
  /** The editor's edit number: shown as stored once its tracker's savedThrough reaches it. */
  edit: number;
}

describe('kill -9 of one of two processes', () => {
  it('while 10 editors type across both: everyone reconnects, nothing stored is lost or written twice, presence converges', async () => {
    const c = await startClusterCase('kill -9 in a cluster', CLIENTS, cleanups);
    if (!c) return;
    const t0 = Date.now();
    const trace: string[] = [];
    const clients: CollabClient[] = c.apis.map((api) => connectClient(c.base, api, c.planId, new Y.Doc(), { acks: true }));
    // The browser's rule for presence across a reconnect.
    for (const cl of clients) showPresenceAfterReconnect(cl.provider);
    cleanups.push(() => {
      for (const cl of clients) cl.destroy();
    });
    await Promise.all(clients.map((cl) => cl.synced()));
    // Presence as an editor sets it (its first state, clock 0, is never relayed by y-protocols).
    clients.forEach((cl, i) => cl.provider.awareness.setLocalStateField('user', { name: `Editor ${i}` }));
    const [killed, survivor] = c.ports as [number, number];
    const onKilled = c.proxy.openTo(killed);
    expect(onKilled, 'editors on both processes').toBeGreaterThanOrEqual(3);
    expect(c.proxy.openTo(survivor)).toBeGreaterThanOrEqual(3);
    const trackers = clients.map((cl, i) => trackGaps(cl, i, trace, t0));

    const typed: Typed[][] = clients.map(() => []);
    const texts = clients.map((cl) => ownParagraph(cl.fragment));
    let typing = true;
    const typers = clients.map(async (cl, i) => {
      for (let n = 0; typing; n++) {
        const word = `w${i}x${n}`;
        texts[i]!.insert(texts[i]!.length, word + ' ');
        typed[i]!.push({ word, at: Date.now(), edit: cl.saves!.lastEdit });
        await new Promise((r) => setTimeout(r, WORD_EVERY_MS));
      }
    });

    // Type until every screen has shown edits as stored, then until every editor typed another word (so
    // the killed process holds updates not yet written), then kill it outright.
    await waitFor(() => clients.every((cl) => cl.saves!.savedThrough >= 5), 'edits shown as stored before the kill', 20_000);
    const counts = typed.map((list) => list.length);
    await waitFor(() => typed.every((list, i) => list.length > counts[i]!), 'another word from every editor');
    const killAt = Date.now();
    const ackedAtKill = clients.map((cl) => cl.saves!.savedThrough);
    trace.push(`${killAt - t0} SIGKILL`);
    c.procs[0]!.child.kill('SIGKILL');
    await c.procs[0]!.exited;
    await waitFor(
      () => c.proxy.openTo(killed) === 0 && c.proxy.openTo(survivor) === CLIENTS && trackers.every((t) => !t.down()),
      'every editor on the surviving process',
      10_000,
    ).catch((e) => {
      throw new Error(`${e.message} (open: ${c.proxy.openTo(killed)}, ${c.proxy.openTo(survivor)})\n${trace.join('\n')}`);
    });
    // Keep typing a while on the survivor, then stop and let every screen settle.
    const until = Date.now() + 1_000;
    await waitFor(() => Date.now() >= until, 'typing after the reconnect');
    typing = false;
    await Promise.all(typers);
    const stoppedTyping = Date.now();
    await waitFor(() => clients.every((cl) => cl.saves!.unsaved === 0), 'every edit shown as stored', 20_000).catch((e) => {
      throw new Error(`${e.message}: unsaved ${JSON.stringify(clients.map((cl) => cl.saves!.unsaved))}`);
    });
    const settledAfter = Date.now() - stoppedTyping;
    // The survivor wrote what the killed process had relayed but not written (its log line says how much).
    const adopted = [...c.procs[1]!.output().matchAll(/"updates":(\d+)[^\n]*writing them here/g)].reduce((n, m) => n + Number(m[1]), 0);

    const dropped = trackers.filter((t) => t.gaps.length > 0);
    const allTyped = typed.flat();
    const everyWord = allTyped.map((t) => t.word);
    const live = await storedDocument(c.database.db, c.planId);
    const missingShownStored = everyWord.filter((w) => !live.words.has(w));
    const shownStoredAtKill = typed.flatMap((list, i) => list.filter((t) => t.edit <= ackedAtKill[i]!));
    console.log(
      `[cluster kill -9] ${onKilled} of ${CLIENTS} editors on the killed process; reconnect gaps (ms): ${JSON.stringify(dropped.map((t) => t.gaps))}; ` +
        `${allTyped.length} words typed, ${shownStoredAtKill.length} shown as stored at the kill, all ${allTyped.length} shown as stored afterwards; ` +
        `${missingShownStored.length} shown as stored but missing from the database (${JSON.stringify(missingShownStored.slice(0, 10))}); ` +
        `the survivor wrote ${adopted} updates the killed process had not; every screen showed all stored ${settledAfter} ms after typing stopped ` +
        `(${Date.now() - killAt} ms after the kill); ${live.rows.length} stored rows`,
    );

    // Every editor of the killed process came back, to the other one, quickly.
    expect(dropped).toHaveLength(onKilled);
    for (const t of dropped) expect(Math.max(...t.gaps), trace.join('\n')).toBeLessThan(BACK_WITHIN_MS);
    // Everything the screens showed as stored is in the database (and so is everything typed before the kill's last 250 ms).
    expect(missingShownStored).toEqual([]);
    expect(allTyped.filter((t) => t.at <= killAt - 250 && !live.words.has(t.word)).map((t) => t.word)).toEqual([]);
    // Each client update is stored once.
    expect(doubleWrites(live.rows)).toEqual([]);
    // Every editor sees every word, and the other nine editors' presence (no ghost of the killed process).
    await waitFor(
      () => clients.every((cl) => ((have) => everyWord.every((w) => have.has(w)))(wordsOf(cl.fragment.toString()))),
      'every word at every editor',
      10_000,
    );
    const others = (i: number) =>
      [...clients[i]!.provider.awareness.getStates()]
        .filter(([id, s]) => id !== clients[i]!.doc.clientID && s.presence)
        .map(([, s]) => s.presence.userId as string)
        .sort();
    const expected = (i: number) => c.userIds.filter((_, j) => j !== i).sort();
    await waitFor(
      () => clients.every((_, i) => JSON.stringify(others(i)) === JSON.stringify(expected(i))),
      'presence of the nine others at every editor',
      10_000,
    ).catch((e) => {
      throw new Error(`${e.message}: ${JSON.stringify(clients.map((_, i) => others(i).length))}`);
    });

    // An editor that came over from the killed process vanishes without a goodbye (its network is gone): its
    // presence goes everywhere all the same (no ghost).
    const leaver = trackers.findIndex((t) => t.gaps.length > 0);
    const vanishing = clients[leaver]!.provider;
    vanishing.shouldConnect = false;
    (vanishing.ws as unknown as { terminate(): void }).terminate();
    const left = c.userIds[leaver]!;
    await waitFor(() => clients.every((_, i) => i === leaver || !others(i).includes(left)), 'the presence of an editor who left gone everywhere', 5_000);

    // A clean stop of the survivor leaves every word typed in the database, still each update once.
    for (const cl of clients) cl.destroy();
    c.procs[1]!.child.kill('SIGTERM');
    expect(await c.procs[1]!.exited, c.procs[1]!.output()).toBe(0);
    const final = await storedDocument(c.database.db, c.planId);
    expect(everyWord.filter((w) => !final.words.has(w))).toEqual([]);
    expect(doubleWrites(final.rows)).toEqual([]);
  }, 120_000);
});
