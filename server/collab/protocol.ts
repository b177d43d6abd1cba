// The y-websocket wire protocol (y-protocols sync + awareness), decoded strictly: a message is fully parsed
// and validated before anything touches the shared document, so a malformed one can be refused as a whole.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { SAVE_ACK_MESSAGE } from '../../shared/collab-protocol.ts';

/** SaveAck is sent by the server only (see shared/collab-protocol.ts). */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3, SaveAck: SAVE_ACK_MESSAGE } as const;

export type ClientMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  /**
   * Sync step 2 and plain updates are both document changes; the room applies them alike (a sync step 2 stands
   * for every edit the client had, which matters for its save acknowledgement).
   */
  | { kind: 'update'; update: Uint8Array; decoded: DecodedUpdate; syncStep2: boolean }
  | { kind: 'awareness'; entries: AwarenessEntry[] }
  | { kind: 'queryAwareness' };

/** The structs and delete set of an update, parsed once here and checked by the room before applying. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** One client's presence in an awareness update (state null: that client left). */
export interface AwarenessEntry {
  clientID: number;
  clock: number;
  state: Record<string, unknown> | null;
}

export class MalformedMessage extends Error {}

/** Parses one binary frame. Throws MalformedMessage for anything that is not a valid y-websocket message. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          Y.decodeStateVector(payload);
          return { kind: 'syncStep1', stateVector: payload };
        }
        if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
          // Decoding parses every struct and the delete set without applying anything: garbage throws here.
          return { kind: 'update', update: payload, decoded: Y.decodeUpdate(payload), syncStep2: syncType === syncProtocol.messageYjsSyncStep2 };
        }
        throw new MalformedMessage(`unknown sync message ${syncType}`);
      }
      case MessageType.Awareness: {
        return { kind: 'awareness', entries: decodeAwarenessUpdate(decoding.readVarUint8Array(decoder)) };
      }
      case MessageType.QueryAwareness:
        return { kind: 'queryAwareness' };
      default:
        throw new MalformedMessage(`unknown message type ${type}`);
    }
  } catch (err) {
    if (err instanceof MalformedMessage) throw err;
    throw new MalformedMessage(String((err as Error)?.message ?? err));
  }
}

/** Parses every entry first (applyAwarenessUpdate applies them one by one), so a bad one changes nothing. */
function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = JSON.parse(decoding.readVarString(decoder)) as unknown;
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new MalformedMessage('awareness state is not an object');
    entries.push({ clientID, clock, state: state as AwarenessEntry['state'] });
  }
  return entries;
}

/** The awareness update format of y-protocols, for entries the server has checked (and stamped). */
export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientID);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Normalises what ws / @hono/node-server deliver (ArrayBuffer for binary frames) to a Uint8Array. */
export function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}
