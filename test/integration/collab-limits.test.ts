// Limits on the /collab socket: a malformed or oversized message closes only its sender; the document and
// the other clients are untouched.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { documents } from '../../server/db/schema.ts';
import { getCollab } from '../../server/documents/module.ts';
import { CloseCode, MAX_DOCUMENT_BYTES, MAX_MESSAGE_BYTES } from '../../shared/limits.ts';
import { appendParagraph, bodyText, connectClient, rawSocket, waitFor, type CollabClient, useCollabServer } from '../support/collab.ts';
import { householdWithCast } from '../support/factories.ts';

const env = useCollabServer();

async function setup() {
  const { household, api } = await householdWithCast(env.server.database.db, env.server.url);
  const [plan] = await env.server.database.db
    .select()
    .from(documents)
    .where(and(eq(documents.householdId, household.id), eq(documents.kind, 'plan')));
  const other = connectClient(env.server.url, api.regie, plan!.id);
  env.clients.push(other);
  await other.synced();
  const sender = rawSocket(env.server.url, api.partner.cookie, plan!.id);
  await sender.opened;
  await waitFor(() => sender.messages.length > 0, 'server handshake');
  return { plan: plan!, api, other, sender, room: () => getCollab(env.server.deps).get(plan!.id)! };
}

/** A y-websocket sync "update" message carrying `payload`. */
function syncUpdateMessage(payload: Uint8Array) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** A valid update that appends `text` as a paragraph, built against the room's current state. */
function appendUpdate(base: Y.Doc, text: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const sv = Y.encodeStateVector(doc);
  appendParagraph(doc.getXmlFragment('default'), text);
  return Y.encodeStateAsUpdate(doc, sv);
}

async function stillEditing(other: CollabClient, room: () => Y.Doc, text: string) {
  appendParagraph(other.fragment, text);
  await waitFor(() => bodyText(room().getXmlFragment('default')).includes(text), 'the other client to keep editing');
}

describe('message limits', () => {
  it('closes the sender of an undecodable update with 4400; the document and other clients are untouched', async () => {
    const { other, sender, room } = await setup();
    const before = room().doc.getXmlFragment('default').toString();
    // Truncated real update: decodes its header, then runs out of bytes.
    const valid = appendUpdate(room().doc, 'nooit zichtbaar');
    sender.ws.send(syncUpdateMessage(valid.slice(0, Math.floor(valid.length / 2))));
    expect((await sender.closed).code).toBe(CloseCode.Malformed);
    expect(room().doc.getXmlFragment('default').toString()).toBe(before);
    await stillEditing(other, () => room().doc, 'na het kapotte bericht');
    expect(bodyText(other.fragment)).not.toContain('nooit zichtbaar');
  });

  it('closes the sender of an unknown message type or garbage with 4400', async () => {
    const { sender, other, room } = await setup();
    sender.ws.send(new Uint8Array([9, 1, 2, 3]));
    expect((await sender.closed).code).toBe(CloseCode.Malformed);
    await stillEditing(other, () => room().doc, 'nog steeds');
  });

  it('closes the sender of an oversized message with 4413', async () => {
    const { sender, other, room } = await setup();
    sender.ws.send(syncUpdateMessage(new Uint8Array(MAX_MESSAGE_BYTES + 10)));
    expect((await sender.closed).code).toBe(CloseCode.TooLarge);
    await stillEditing(other, () => room().doc, 'na het grote bericht');
  });

  it('refuses an update that would grow the document past MAX_DOCUMENT_BYTES', async () => {
    const { sender, other, room } = await setup();
    const chunk = 'a'.repeat(MAX_MESSAGE_BYTES - 1024);
    const needed = Math.ceil(MAX_DOCUMENT_BYTES / chunk.length) + 1;
    let closed: { code: number } | null = null;
    void sender.closed.then((c) => (closed = c));
    for (let i = 0; i < needed && !closed; i++) {
      sender.ws.send(syncUpdateMessage(appendUpdate(room().doc, chunk)));
      const length = room().doc.getXmlFragment('default').length;
      await waitFor(() => closed !== null || room().doc.getXmlFragment('default').length > length, 'update applied or refused');
    }
    expect(closed).toMatchObject({ code: CloseCode.TooLarge });
    expect(Y.encodeStateAsUpdate(room().doc).byteLength).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES);
    await stillEditing(other, () => room().doc, 'klein blijft mogelijk');
  });
});
