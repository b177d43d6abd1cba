// The schema guard on its own: where a struct lands decides what it may be, concurrent edits of legitimate
// editors pass (even into content another user deleted), and missing dependencies are "waiting", not refused.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentRules, inspectUpdate } from '../../server/collab/schema-guard.ts';

function serverWith(build: (body: Y.XmlFragment) => void) {
  const doc = new Y.Doc();
  doc.transact(() => build(doc.getXmlFragment('default')));
  return doc;
}

function clientOf(server: Y.Doc) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  return doc;
}

function edit(client: Y.Doc, fn: (body: Y.XmlFragment) => void) {
  const sv = Y.encodeStateVector(client);
  fn(client.getXmlFragment('default'));
  return Y.encodeStateAsUpdate(client, sv);
}

const check = (server: Y.Doc, update: Uint8Array) => inspectUpdate(server, Y.decodeUpdate(update), documentRules());

function heading(text: string, level = 2) {
  const h = new Y.XmlElement('heading');
  h.setAttribute('level', level as unknown as string);
  h.insert(0, [new Y.XmlText(text)]);
  return h;
}

describe('schema guard', () => {
  it('accepts edits into an element another user deleted meanwhile (Yjs drops them)', () => {
    const server = serverWith((b) => b.insert(0, [heading('Kop')]));
    const client = clientOf(server);
    server.getXmlFragment('default').delete(0, 1);
    const typed = edit(client, (b) => ((b.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(3, ' erbij'));
    const level = edit(client, (b) => (b.get(0) as Y.XmlElement).setAttribute('level', 3 as unknown as string));
    expect(check(server, typed)).toEqual({ ok: true, waiting: false });
    Y.applyUpdate(server, typed);
    expect(check(server, level)).toEqual({ ok: true, waiting: false });
    Y.applyUpdate(server, level);
    expect(server.store.pendingStructs).toBeNull();
  });

  it('knows overlapping marks by their hashed key, and refuses unknown marks hashed the same way', () => {
    const server = serverWith((b) => b.insert(0, [heading('Kop')]));
    const client = clientOf(server);
    const text = () => (client.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(
      check(
        server,
        edit(client, () => text().format(0, 2, { 'bold--AbCd12+/': {} })),
      ),
    ).toMatchObject({ ok: true });
    expect(
      check(
        server,
        edit(client, () => text().format(0, 2, { 'blink--AbCd12+/': {} })),
      ),
    ).toMatchObject({ ok: false });
  });

  it('refuses object values, attributes on text and a nested document node', () => {
    const server = serverWith((b) => b.insert(0, [heading('Kop')]));
    const client = clientOf(server);
    const objectLevel = edit(client, (b) => (b.get(0) as Y.XmlElement).setAttribute('level', { evil: true } as unknown as string));
    expect(check(server, objectLevel)).toMatchObject({ ok: false, reason: expect.stringContaining('level') });
    const textAttr = edit(client, (b) => ((b.get(0) as Y.XmlElement).get(0) as Y.XmlText).setAttribute('onclick', 'x'));
    expect(check(server, textAttr)).toMatchObject({ ok: false });
    const nested = edit(client, (b) => b.insert(0, [new Y.XmlElement('doc')]));
    expect(check(server, nested)).toMatchObject({ ok: false });
  });

  it('calls an update waiting when structs or deletions it needs are missing, and applied ones already known', () => {
    const server = serverWith((b) => b.insert(0, [heading('Kop')]));
    const client = clientOf(server);
    const first = edit(client, (b) => b.insert(1, [heading('Nieuw')]));
    const second = edit(client, (b) => ((b.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'x'));
    const deletion = edit(client, (b) => b.delete(1, 1));
    expect(check(server, second)).toEqual({ ok: true, waiting: true });
    expect(check(server, first)).toEqual({ ok: true, waiting: false });
    Y.applyUpdate(server, first);
    expect(check(server, first)).toEqual({ ok: true, waiting: false });
    expect(check(server, second)).toEqual({ ok: true, waiting: false });
    expect(check(clientOf(serverWith((b) => b.insert(0, [heading('Kop')]))), deletion)).toMatchObject({ waiting: true });
  });
});
