// One editor as the peers' own clients are: y-websocket's WebsocketProvider (Casustafel, with the session
// cookie and optionally save acknowledgements; the relay) or Hocuspocus's HocuspocusProvider, each on a
// socket of its own. Used by the load worker only.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SaveTracker, saveAckParams } from '../../../client/features/editor/save-tracker.ts';
import { bodyText, cookieWebSocket } from '../../support/collab.ts';

export interface ClientSpec {
  /** Unique over the whole run (edit tokens carry it). */
  key: string;
  protocol: 'y-websocket' | 'hocuspocus';
  /** y-websocket: the server URL the room name is appended to; Hocuspocus: the socket URL. */
  url: string;
  room: string;
  cookie?: string;
  acks?: boolean;
  /** The server process this client is connected to, for targets of several (deliveries across them are counted). */
  group?: number;
}

export interface Client {
  spec: ClientSpec;
  doc: Y.Doc;
  fragment: Y.XmlFragment;
  /** Resolves with the milliseconds from creation to the first full sync; rejects after `timeoutMs`. */
  synced: Promise<number>;
  /** Connections lost after the first sync. */
  drops: number;
  saves: SaveTracker | null;
  destroy(): void;
}

export function openClient(spec: ClientSpec, timeoutMs = 60_000): Client {
  const started = performance.now();
  const doc = new Y.Doc();
  let markSynced!: () => void;
  let failed!: (e: Error) => void;
  const synced = new Promise<number>((resolve, reject) => {
    markSynced = () => resolve(performance.now() - started);
    failed = reject;
  });
  const timer = setTimeout(() => failed(new Error(`no sync within ${timeoutMs} ms`)), timeoutMs);
  let isSynced = false;
  const onSynced = () => {
    if (isSynced) return;
    isSynced = true;
    clearTimeout(timer);
    markSynced();
  };
  const client: Client = { spec, doc, fragment: doc.getXmlFragment('default'), synced, drops: 0, saves: null, destroy: () => {} };
  synced.catch(() => {});

  if (spec.protocol === 'hocuspocus') {
    const socket = new HocuspocusProviderWebsocket({ url: spec.url, WebSocketPolyfill: WebSocket, maxDelay: 1000 });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: spec.room, document: doc });
    provider.attach();
    provider.on('synced', onSynced);
    provider.on('disconnect', () => isSynced && client.drops++);
    client.destroy = () => {
      clearTimeout(timer);
      provider.destroy();
      socket.destroy();
      doc.destroy();
    };
    return client;
  }

  const saves = spec.acks ? new SaveTracker() : null;
  const Socket = cookieWebSocket(spec.cookie ?? null);
  const provider = new WebsocketProvider(spec.url, spec.room, doc, {
    WebSocketPolyfill: (saves ? saves.socketClass(Socket) : Socket) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 1000,
    params: spec.acks ? { ...saveAckParams } : {},
  });
  saves?.attach(doc, provider);
  provider.on('sync', (s: boolean) => s && onSynced());
  provider.on('connection-close', () => isSynced && client.drops++);
  client.saves = saves;
  client.destroy = () => {
    clearTimeout(timer);
    saves?.destroy();
    provider.destroy();
    doc.destroy();
  };
  return client;
}

/** Appends an empty paragraph (or one starting with `text`) and returns its text node. */
export function ownParagraph(client: Client, text = ''): Y.XmlText {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText(text);
  p.insert(0, [t]);
  client.fragment.insert(client.fragment.length, [p]);
  return t;
}

/** The text of each paragraph of the body. */
export const paragraphTexts = (fragment: Y.XmlFragment): string[] => bodyText(fragment).split('\n');
