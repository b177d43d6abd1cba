// A room on an in-process hub that nobody else listens to (one process, no Redis) publishes none of its
// keystrokes, presence or commits: they would only come back to itself. As soon as a second relay listens to
// the document (another process's room, here on the same hub), everything is published again, and the room
// that joins late still gets the edits made while the first was alone.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentBatch } from '../../server/collab/batcher.ts';
import { DocRelay, docTopic } from '../../server/collab/relay.ts';
import { Room } from '../../server/collab/room.ts';
import { LocalHub } from '../../server/realtime/hub.ts';

const log = { warn() {}, error() {} };

/** The in-process hub, counting what is published per type of relay message. */
class CountingHub extends LocalHub {
  readonly published: string[] = [];
  override publish(topic: string, message: unknown): void {
    if (topic.startsWith('doc:')) this.published.push((message as { type: string }).type);
    super.publish(topic, message);
  }
}

const relays: DocRelay[] = [];
afterEach(() => relays.splice(0).forEach((r) => r.stop()));

function proc(hub: LocalHub) {
  const batch: DocumentBatch = { push: () => {}, idle: true, dispose() {} };
  let room!: Room;
  const relay = new DocRelay(hub, { rooms: () => [room], onError: (err) => console.error(err), onAdopted: () => {} });
  relays.push(relay);
  room = new Room('doc-1', 'hh-1', false, [], 0, batch, {
    onLocalUpdate: (r, u) => relay.publishUpdate(r, u),
    onLocalAwareness: (r, u) => relay.publishAwareness(r, u),
    log,
  });
  relay.attach(room);
  return { room, relay };
}

function type(room: Room, text: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  const before = Y.encodeStateVector(doc);
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('default').insert(0, [p]);
  Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(doc, before), 'client');
}

describe('relay on an in-process hub', () => {
  it('publishes no update, presence or commit while it is the only listener of the document', () => {
    const hub = new CountingHub();
    const a = proc(hub);
    hub.published.length = 0; // the load's own request for missing updates
    type(a.room, 'alleen');
    a.relay.publishSaved(a.room, a.room.latestSeq);
    expect(hub.listenerCount(docTopic('doc-1'))).toBe(1);
    expect(hub.published).toEqual([]);
  });

  it('publishes again once another process listens, and that process catches up on what it missed', () => {
    const hub = new CountingHub();
    const a = proc(hub);
    type(a.room, 'voor ');
    const b = proc(hub);
    expect(b.room.doc.getXmlFragment('default').toString()).toContain('voor');
    hub.published.length = 0;
    type(a.room, 'na');
    a.relay.publishSaved(a.room, a.room.latestSeq);
    expect(hub.published).toEqual(['update', 'saved']);
    expect(b.room.doc.getXmlFragment('default').toString()).toContain('na');
  });
});
