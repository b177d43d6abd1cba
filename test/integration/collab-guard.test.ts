// A document holds only what its schema allows, whatever arrives on the socket: raw-socket attacks on
// /collab (foreign elements, attributes and marks; updates whose dependencies never arrive; a socket that
// stops reading; forged presence), a legitimate editor that is never refused, and a document already
// poisoned in the database that still reads, prints and exports.
import { describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { Node } from '@tiptap/pm/model';
import { updateYFragment } from '@tiptap/y-tiptap';
import type { JSONContent } from '@tiptap/core';
import { docUpdates, documents } from '../../server/db/schema.ts';
import { getCollab } from '../../server/documents/module.ts';
import { documentSchema } from '../../server/documents/content.ts';
import { CloseCode, MAX_PENDING_BYTES, MAX_PENDING_UPDATES } from '../../shared/limits.ts';
import { appendParagraph, bodyText, connectClient, rawSocket, waitFor, useCollabServer } from '../support/collab.ts';
import { householdWithCast } from '../support/factories.ts';

const env = useCollabServer();

async function castWithPlan() {
  const cast = await householdWithCast(env.server.database.db, env.server.url);
  const [plan] = await env.server.database.db
    .select()
    .from(documents)
    .where(and(eq(documents.householdId, cast.household.id), eq(documents.kind, 'plan')));
  return { ...cast, plan: plan! };
}

async function setup() {
  const { plan, ...cast } = await castWithPlan();
  const other = connectClient(env.server.url, cast.api.regie, plan!.id);
  env.clients.push(other);
  await other.synced();
  const room = () => getCollab(env.server.deps).get(plan!.id)!;
  return { ...cast, plan: plan!, other, room };
}

async function openRaw(cookie: string | null, documentId: string) {
  const socket = rawSocket(env.server.url, cookie, documentId);
  await socket.opened;
  await waitFor(() => socket.messages.length > 0, 'server handshake');
  return socket;
}

function syncUpdateMessage(payload: Uint8Array) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

function syncStep1Message(stateVector: Uint8Array) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, stateVector);
  return encoding.toUint8Array(e);
}

function awarenessMessage(entries: { clientID: number; clock: number; state: unknown }[]) {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(inner, x.clientID);
    encoding.writeVarUint(inner, x.clock);
    encoding.writeVarString(inner, JSON.stringify(x.state));
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

/** A copy of `base` (the room's document) for building an attacker's updates against it. */
function fork(base: Y.Doc) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  return doc;
}

/** The update `edit` makes on a copy of `base`. */
function updateOf(base: Y.Doc, edit: (doc: Y.Doc, body: Y.XmlFragment) => void) {
  const doc = fork(base);
  const sv = Y.encodeStateVector(doc);
  edit(doc, doc.getXmlFragment('default'));
  return Y.encodeStateAsUpdate(doc, sv);
}

function paragraph(text: string, attrs: Record<string, unknown> = {}) {
  const p = new Y.XmlElement('paragraph');
  for (const [k, v] of Object.entries(attrs)) p.setAttribute(k, v as string);
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** Attacks that each write something outside the schema, in a different part of the Y structure. */
const POISONS: [string, (doc: Y.Doc, body: Y.XmlFragment) => void][] = [
  [
    'a script element',
    (_d, body) => {
      const s = new Y.XmlElement('script');
      s.insert(0, [new Y.XmlText('alert(1)')]);
      body.insert(body.length, [s]);
    },
  ],
  ['an unknown attribute on a paragraph', (_d, body) => body.insert(body.length, [paragraph('klik', { onclick: 'alert(1)' })])],
  ['an unknown attribute set on an existing paragraph', (_d, body) => (body.get(1) as Y.XmlElement).setAttribute('style', 'display:none')],
  [
    'an unknown mark',
    (_d, body) => {
      const p = paragraph('');
      body.insert(body.length, [p]);
      (p.get(0) as Y.XmlText).insert(0, 'gemarkeerd', { blink: {} });
    },
  ],
  [
    'a known mark with an unknown attribute',
    (_d, body) => {
      const p = paragraph('');
      body.insert(body.length, [p]);
      (p.get(0) as Y.XmlText).insert(0, 'link', { link: { href: 'https://example.test', onmouseover: 'x' } });
    },
  ],
  [
    'an embed inside text',
    (_d, body) => {
      const p = paragraph('tekst');
      body.insert(body.length, [p]);
      (p.get(0) as Y.XmlText).insertEmbed(1, { image: 'x' });
    },
  ],
  ['another root type', (doc) => doc.getMap('evil').set('x', 'y')],
  ['a map inside the body', (_d, body) => body.insert(body.length, [new Y.XmlHook('evil') as unknown as Y.XmlElement])],
];

describe('documents only hold what the schema allows', () => {
  it('refuses an update outside the schema and closes its sender with 4422: nothing applied, broadcast or stored', async () => {
    const { api, plan, other, room } = await setup();
    const before = room().doc.getXmlFragment('default').toString();
    for (const [what, poison] of POISONS) {
      const sender = await openRaw(api.partner.cookie, plan.id);
      sender.ws.send(syncUpdateMessage(updateOf(room().doc, poison)));
      expect((await sender.closed).code, what).toBe(CloseCode.SchemaViolation);
      expect(room().doc.getXmlFragment('default').toString(), what).toBe(before);
      expect(room().doc.share.has('evil'), what).toBe(false);
    }
    appendParagraph(other.fragment, 'nog steeds bewerkbaar');
    await waitFor(() => bodyText(room().doc.getXmlFragment('default')).includes('nog steeds bewerkbaar'), 'the other client to keep editing');
    expect(other.fragment.toString()).not.toMatch(/script|onclick|blink|style=/);
    await getCollab(env.server.deps).flush(plan.id);
    const rows = await env.server.database.db.select({ data: docUpdates.data }).from(docUpdates).where(eq(docUpdates.documentId, plan.id));
    const stored = new Y.Doc();
    for (const r of rows) Y.applyUpdate(stored, r.data);
    expect(stored.getXmlFragment('default').toString()).not.toMatch(/script|onclick|blink|style=/);
  });

  it('refuses a foreign element hidden behind a dependency that arrives later', async () => {
    const { api, plan, room } = await setup();
    const attacker = fork(room().doc);
    const sv = Y.encodeStateVector(attacker);
    const body = attacker.getXmlFragment('default');
    body.insert(body.length, [paragraph('eerst')]);
    const first = Y.encodeStateAsUpdate(attacker, sv);
    const sv2 = Y.encodeStateVector(attacker);
    // Inserted after the new paragraph: its parent is only known once `first` is there.
    body.insert(body.length, [new Y.XmlElement('iframe')]);
    const second = Y.encodeStateAsUpdate(attacker, sv2);
    const sender = await openRaw(api.partner.cookie, plan.id);
    sender.ws.send(syncUpdateMessage(second));
    sender.ws.send(syncUpdateMessage(first));
    expect((await sender.closed).code).toBe(CloseCode.SchemaViolation);
    expect(room().doc.getXmlFragment('default').toString()).not.toContain('iframe');
  });

  it('never refuses an editor on the real schema: every node, mark and attribute the toolbar and action chips produce', async () => {
    const { api, plan, room } = await setup();
    const editor = connectClient(env.server.url, api.partner, plan.id);
    env.clients.push(editor);
    await editor.synced();
    let closed: unknown = null;
    editor.provider.on('connection-close', (e) => (closed ??= e));
    const schema = documentSchema();
    const meta = { mapping: new Map(), isOMark: new Map() };
    // As y-prosemirror writes each editor transaction: the fragment is made equal to the new document.
    const write = (json: JSONContent) => editor.doc.transact(() => updateYFragment(editor.doc, editor.fragment, Node.fromJSON(schema, json), meta));
    const text = (t: string, marks?: NonNullable<JSONContent['marks']>): JSONContent => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
    const all = (checked: boolean, level: number, start: number, href: string): JSONContent => ({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level }, content: [text('Kop')] },
        { type: 'heading', attrs: { level: 3 }, content: [text('Kop 3')] },
        { type: 'heading', attrs: { level: 1 }, content: [text('Kop 1')] },
        {
          type: 'paragraph',
          content: [
            text('vet', [{ type: 'bold' }]),
            text('cursief', [{ type: 'italic' }]),
            text('beide', [{ type: 'bold' }, { type: 'italic' }]),
            text('door', [{ type: 'strike' }]),
            text('onder', [{ type: 'underline' }]),
            text('code', [{ type: 'code' }]),
            text('link', [{ type: 'link', attrs: { href } }]),
            { type: 'hardBreak' },
            text(' '),
            { type: 'actionRef', attrs: { actionId: '00000000-0000-4000-8000-000000000001', title: 'Intake plannen' } },
          ],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', content: [text('punt')] },
                { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('genest')] }] }] },
              ],
            },
          ],
        },
        { type: 'orderedList', attrs: { start }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('een')] }] }] },
        {
          type: 'taskList',
          content: [
            {
              type: 'taskItem',
              attrs: { checked },
              content: [
                { type: 'paragraph', content: [text('taak')] },
                {
                  type: 'taskList',
                  content: [{ type: 'taskItem', attrs: { checked: !checked }, content: [{ type: 'paragraph', content: [text('subtaak')] }] }],
                },
              ],
            },
          ],
        },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [text('citaat')] }] },
        { type: 'codeBlock', attrs: { language: 'text' }, content: [text('x = 1')] },
        { type: 'horizontalRule' },
        { type: 'paragraph' },
      ],
    });
    write(all(false, 2, 1, 'https://example.test/a'));
    write(all(true, 3, 4, 'https://example.test/b'));
    // Marks and attributes removed again, blocks deleted.
    write({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [text('vet eraf')] },
        { type: 'heading', attrs: { level: 2 }, content: [text('Kop')] },
      ],
    });
    write(all(false, 2, 2, 'https://example.test/c'));
    await waitFor(() => room().doc.getXmlFragment('default').toString() === editor.fragment.toString(), 'the server to hold every edit');
    expect(closed).toBeNull();
    const content = await api.regie.get(`/api/documents/${plan.id}/content`);
    expect(content.status).toBe(200);
    expect(content.body.json).toEqual(Node.fromJSON(schema, all(false, 2, 2, 'https://example.test/c')).toJSON());
  });

  it('an update that arrives before the edit it builds on waits, then both apply', async () => {
    const { api, plan, room } = await setup();
    const writer = fork(room().doc);
    const sv = Y.encodeStateVector(writer);
    const p = paragraph('eerst ');
    writer.getXmlFragment('default').insert(writer.getXmlFragment('default').length, [p]);
    const first = Y.encodeStateAsUpdate(writer, sv);
    const sv2 = Y.encodeStateVector(writer);
    (p.get(0) as Y.XmlText).insert(6, 'daarna');
    const second = Y.encodeStateAsUpdate(writer, sv2);
    const sender = await openRaw(api.partner.cookie, plan.id);
    sender.ws.send(syncUpdateMessage(second));
    sender.ws.send(syncUpdateMessage(first));
    await waitFor(() => bodyText(room().doc.getXmlFragment('default')).includes('eerst daarna'), 'both updates applied');
    expect(sender.ws.readyState).toBe(sender.ws.OPEN);
    expect(room().doc.store.pendingStructs).toBeNull();
  });

  it('closes a sender whose updates wait for dependencies that never arrive; nothing of them is kept', async () => {
    const { api, plan, other, room } = await setup();
    const writer = fork(room().doc);
    const p = paragraph('');
    writer.getXmlFragment('default').insert(writer.getXmlFragment('default').length, [p]);
    // The paragraph itself is never sent: everything typed into it waits for it.
    const chunk = 'x'.repeat(48 * 1024);
    const sender = await openRaw(api.partner.cookie, plan.id);
    let closed: { code: number } | null = null;
    void sender.closed.then((c) => (closed = c));
    for (let sent = 0; sent < MAX_PENDING_UPDATES + Math.ceil(MAX_PENDING_BYTES / chunk.length) + 2 && !closed; sent++) {
      const sv = Y.encodeStateVector(writer);
      (p.get(0) as Y.XmlText).insert(0, chunk);
      sender.ws.send(syncUpdateMessage(Y.encodeStateAsUpdate(writer, sv)));
      if (sent % 8 === 7) await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => closed !== null, 'the sender to be closed');
    expect(closed).toMatchObject({ code: CloseCode.TooLarge });
    expect(room().doc.store.pendingStructs).toBeNull();
    const started = Date.now();
    appendParagraph(other.fragment, 'niet vertraagd');
    await waitFor(() => bodyText(room().doc.getXmlFragment('default')).includes('niet vertraagd'), 'the other client to keep editing');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('closes a socket that stops reading once too much is queued for it', async () => {
    const { api, plan, users, other, room } = await setup();
    // About 1 MB of document, so every full sync the reader asks for is large.
    for (let i = 0; i < 3; i++) appendParagraph(other.fragment, `${i}`.repeat(350 * 1024));
    await waitFor(
      () => room().doc.getXmlFragment('default').length >= other.fragment.length && bodyText(room().doc.getXmlFragment('default')).includes('222'),
      'the large document on the server',
    );
    const reader = await openRaw(api.observer.cookie, plan.id);
    (reader.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const mine = () => [...room().connections].some((c) => c.userId === users.observer.id);
    expect(mine()).toBe(true);
    const ask = syncStep1Message(new Uint8Array([0]));
    for (let i = 0; i < 60 && mine(); i++) {
      reader.ws.send(ask);
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() => !mine(), 'the stalled reader to be closed');
    appendParagraph(other.fragment, 'verder');
    await waitFor(() => bodyText(room().doc.getXmlFragment('default')).includes('verder'), 'the other client to keep editing');
  });
});

describe('presence comes from the session', () => {
  it("shows the sender's own name and organisation, one client per socket; forged names and other client ids are dropped", async () => {
    const { api, plan, users, other, room } = await setup();
    const sender = await openRaw(api.partner.cookie, plan.id);
    const fake = { name: `${users.regie.name} · Gemeente`, color: '#000000' };
    sender.ws.send(
      awarenessMessage([
        {
          clientID: 424242,
          clock: 1,
          state: {
            user: fake,
            presence: { userId: users.regie.id, name: users.regie.name, organization: 'Gemeente', color: '#000' },
            cursor: null,
            script: '<x>',
          },
        },
        { clientID: 434343, clock: 1, state: { user: { name: 'Verzonnen persoon', color: '#f00' }, presence: { userId: 'x', name: 'Verzonnen' } } },
        // Another user's presence, taken over.
        { clientID: other.doc.clientID, clock: 99, state: { user: { name: 'Overgenomen', color: '#f00' } } },
      ]),
    );
    await waitFor(() => other.provider.awareness.getStates().has(424242), 'the sender presence at the other client');
    const seen = other.provider.awareness.getStates().get(424242)!;
    expect(seen.presence).toMatchObject({ userId: users.partner.id, name: users.partner.name });
    expect(seen.user.name).toMatch(new RegExp(`^${users.partner.name} · `));
    expect(seen).not.toHaveProperty('script');
    expect(other.provider.awareness.getStates().has(434343)).toBe(false);
    expect(room().awareness.getStates().has(434343)).toBe(false);
    // A later entry for another id from the same socket is dropped too.
    sender.ws.send(awarenessMessage([{ clientID: 454545, clock: 1, state: { user: { name: 'Nog een' } } }]));
    appendParagraph(other.fragment, 'na de presence');
    await waitFor(() => bodyText(room().doc.getXmlFragment('default')).includes('na de presence'), 'messages processed');
    expect(room().awareness.getStates().has(454545)).toBe(false);
    const own = room().awareness.getStates().get(other.doc.clientID) as { user?: { name: string } } | undefined;
    expect(own?.user?.name ?? '').not.toBe('Overgenomen');
    expect([...room().awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === 'Overgenomen')).toBe(false);
  });
});

describe('a document poisoned in the database', () => {
  it('content, print, PDF and a version still answer 200 without the foreign content; it is logged by document id only', async () => {
    const { api, plan } = await castWithPlan();
    const poisoned = new Y.Doc();
    const body = poisoned.getXmlFragment('default');
    body.insert(0, [paragraph('Gewone tekst')]);
    for (const [, poison] of POISONS) poison(poisoned, body);
    const marked = paragraph('');
    body.insert(body.length, [marked]);
    (marked.get(0) as Y.XmlText).insert(0, 'vet en vreemd', { bold: {}, blink: {} });
    await env.server.database.db.insert(docUpdates).values({ documentId: plan.id, data: Y.encodeStateAsUpdate(poisoned) });
    const warn = vi.spyOn(env.server.deps.log, 'warn');
    try {
      const content = await api.regie.get(`/api/documents/${plan.id}/content`);
      expect(content.status).toBe(200);
      expect(content.body.html).toContain('Gewone tekst');
      expect(content.body.html).toContain('<strong>vet en vreemd</strong>');
      expect(content.body.html).not.toMatch(/script|alert|onclick|blink|iframe/);
      const print = await api.regie.get(`/api/documents/${plan.id}/export`);
      expect(print.status).toBe(200);
      expect(print.body.html).toContain('Gewone tekst');
      const pdf = await fetch(`${env.server.url}/api/documents/${plan.id}/export.pdf`, { headers: { cookie: api.regie.cookie! } });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const version = await api.regie.post(`/api/documents/${plan.id}/versions`, { name: 'Met vreemde inhoud' });
      expect(version.status).toBe(201);
      const read = await api.regie.get(`/api/documents/${plan.id}/versions/${version.body.version.id}`);
      expect(read.status).toBe(200);
      expect(read.body.content.html).toContain('Gewone tekst');
      const logged = warn.mock.calls.filter(([msg]) => msg.includes('outside the schema'));
      expect(logged.length).toBeGreaterThan(0);
      expect(logged[0]![1]).toMatchObject({ documentId: plan.id });
      expect(JSON.stringify(logged)).not.toMatch(/Gewone|alert|vreemd/);
    } finally {
      warn.mockRestore();
    }
  });
});
