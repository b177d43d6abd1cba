// "Opgeslagen" means the server has stored it. The server acknowledges each group commit to the clients
// whose edits it holds (a message of our own, only for clients that ask; stock y-websocket clients never
// see it), and the flush window is short enough that kill -9 of the server loses no edit a screen showed
// as stored and no edit sent more than 250 ms before the kill. The kill runs against the real server as a
// child process, on the engine under test (PGlite directory on disk, or the run's PostgreSQL database).
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { openDatabase } from '../../server/db/client.ts';
import { getCollab } from '../../server/documents/module.ts';
import { SAVE_ACK_MESSAGE, SAVE_ACK_PARAM } from '../../shared/collab-protocol.ts';
import { ApiClient } from '../support/client.ts';
import { appendParagraph, bodyText, connectClient, rawSocket, useCollabServer, waitFor, type CollabClient } from '../support/collab.ts';
import { addParticipant, createHousehold, createUser, householdWithCast, planOf } from '../support/factories.ts';
import { demoPlanVia, startChildServer, type ChildServer } from '../support/child-server.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo.ts';

const env = useCollabServer();
const db = () => env.server.database.db;
const databaseUrl = inject('databaseUrl');
const engine = databaseUrl ? 'PostgreSQL' : 'PGlite';

function updateMessage(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  appendParagraph(doc.getXmlFragment('default'), text);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc, before));
  return encoding.toUint8Array(encoder);
}

describe('save acknowledgements', () => {
  it('tell a client its edits are stored only after the commit that holds them', async () => {
    const { household, api } = await householdWithCast(db(), env.server.url);
    const plan = await planOf(db(), household.id);
    const a = connectClient(env.server.url, api.partner, plan.id, new Y.Doc(), { acks: true });
    env.clients.push(a);
    await a.synced();
    const rooms = getCollab(env.server.deps);
    let committedAtAck = -1;
    a.saves!.onChange(() => {
      // Synchronously at the ack: the commits the server had finished by then.
      if (a.saves!.unsaved === 0) committedAtAck = rooms.batcher.stats.commits;
    });
    const commitsBefore = rooms.batcher.stats.commits;
    appendParagraph(a.fragment, 'Bevestigd opgeslagen');
    expect(a.saves!.unsaved).toBe(1);
    await waitFor(() => a.saves!.unsaved === 0, 'the acknowledgement');
    expect(committedAtAck).toBeGreaterThan(commitsBefore);
    expect(a.saves!.savedThrough).toBe(a.saves!.lastEdit);
    // Stored indeed: a fresh read of the database has it.
    const content = await api.regie.get(`/api/documents/${plan.id}/content`);
    expect(content.body.html).toContain('Bevestigd opgeslagen');
  });

  it('are sent only to clients that ask for them: a stock y-websocket client never receives one', async () => {
    const { household, api } = await householdWithCast(db(), env.server.url);
    const plan = await planOf(db(), household.id);
    const stock = rawSocket(env.server.url, api.partner.cookie, plan.id);
    const asking = rawSocket(env.server.url, api.regie.cookie, `${plan.id}?${SAVE_ACK_PARAM}=1`);
    await Promise.all([stock.opened, asking.opened]);
    const room = () => getCollab(env.server.deps).get(plan.id);
    await waitFor(() => room()?.connections.size === 2, 'both sockets to join');
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(room()!.doc));
    stock.ws.send(updateMessage(local, 'van de gewone client'));
    asking.ws.send(updateMessage(local, 'van de vragende client'));
    await waitFor(() => asking.messages.some((m) => m[0] === SAVE_ACK_MESSAGE), 'an acknowledgement for the asking client');
    await getCollab(env.server.deps).flush();
    await waitFor(() => stock.messages.length > 0 && bodyText(room()!.doc.getXmlFragment('default')).includes('vragende'), 'the stock socket to be served');
    expect(stock.messages.filter((m) => m[0] === SAVE_ACK_MESSAGE)).toEqual([]);
    stock.ws.close();
    asking.ws.close();
  });
});

/** Users and a household straight in the database the child server will use; logged in once it runs. */
async function castFor(d: Parameters<typeof createUser>[0]) {
  const regie = await createUser(d, { kind: 'gemeente' });
  const partner = await createUser(d, { kind: 'politie' });
  const household = await createHousehold(d, { regievoerderId: regie.id });
  await addParticipant(d, household.id, partner.id, 'partner');
  const plan = await planOf(d, household.id);
  return { regie, partner, plan };
}

interface Typed {
  token: string;
  sentAt: number;
  /** The writer's edit number: shown as stored once its tracker's savedThrough reaches it. */
  edit: number;
}

describe(`kill -9 of the server (${engine})`, () => {
  it('loses no edit a screen showed as stored, and no edit sent more than 250 ms before the kill', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casustafel-kill-'));
    // PGlite: the child seeds the demo data into its own directory (the test cannot open it alongside).
    // PostgreSQL: users and a household of this test, straight into the run's database.
    const childEnv: Record<string, string> = databaseUrl
      ? { DATABASE_URL: databaseUrl, DATA_DIR: dir }
      : { DATA_DIR: dir, SEED_DEMO: 'auto', LOG_LEVEL: 'info' };
    let child: ChildServer = await startChildServer(childEnv);
    let partner: ApiClient, regie: ApiClient, planId: string;
    if (databaseUrl) {
      const setupDb = await openDatabase({ databaseUrl, dataDir: '' });
      const cast = await castFor(setupDb.db);
      await setupDb.close();
      partner = await new ApiClient(child.url).login(cast.partner.email);
      regie = await new ApiClient(child.url).login(cast.regie.email);
      planId = cast.plan.id;
    } else {
      // The demo data is written right after the server starts listening.
      const started = child;
      await waitFor(() => started.output().includes('demo data seeded'), 'the demo data', 60_000);
      partner = await new ApiClient(child.url).login('politie@politie.test', DEMO_PASSWORD);
      regie = await new ApiClient(child.url).login('regie@gemeente.test', DEMO_PASSWORD);
      planId = (await demoPlanVia(regie, 'HG-2026-0142')).planId;
    }
    const writers: CollabClient[] = [];
    for (const api of [partner, regie, partner]) writers.push(connectClient(child.url, api, planId, new Y.Doc(), { acks: true }));
    await Promise.all(writers.map((w) => w.synced()));

    const typed: Typed[][] = writers.map(() => []);
    let n = 0;
    const timer = setInterval(() => {
      writers.forEach((w, i) => {
        const token = `k${i}-${n}`;
        appendParagraph(w.fragment, token);
        typed[i]!.push({ token, sentAt: Date.now(), edit: w.saves!.lastEdit });
      });
      n++;
    }, 20);
    // Type for a while, and make sure screens have shown edits as stored before the kill.
    await waitFor(() => n >= 100 && writers.every((w) => w.saves!.savedThrough > 0), 'typing with acknowledgements');
    clearInterval(timer);
    const killAt = Date.now();
    const acked = writers.map((w) => w.saves!.savedThrough);
    child.proc.kill('SIGKILL');
    // No client may bring its edits back: the server alone must have them.
    for (const w of writers) w.destroy();
    await child.exited;

    child = await startChildServer({ ...childEnv, SEED_DEMO: 'never' }, child.port);
    const content = await regie.get(`/api/documents/${planId}/content`);
    expect(content.status).toBe(200);
    const html: string = content.body.html;
    child.proc.kill('SIGTERM');
    await child.exited;

    const all = typed.flat();
    const missing = all.filter((t) => !html.includes(`>${t.token}<`));
    const shownStored = typed.flatMap((list, i) => list.filter((t) => t.edit <= acked[i]!));
    const old = all.filter((t) => t.sentAt <= killAt - 250);
    console.log(
      `[kill -9, ${engine}] ${all.length} edits typed, ${shownStored.length} shown as stored, ${missing.length} lost` +
        (missing.length
          ? ` (sent ${Math.min(...missing.map((t) => killAt - t.sentAt))}–${Math.max(...missing.map((t) => killAt - t.sentAt))} ms before the kill)`
          : ''),
    );
    expect(shownStored.length).toBeGreaterThan(0);
    expect(missing.filter((t) => shownStored.includes(t)).map((t) => t.token)).toEqual([]);
    expect(missing.filter((t) => old.includes(t)).map((t) => t.token)).toEqual([]);
    // Two starts of a real server process (PGlite opens its directory each time): slow on a busy machine.
  }, 150_000);
});
