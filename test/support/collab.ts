// Node Yjs clients for collab tests: y-websocket's WebsocketProvider over a `ws` class that sends the
// session cookie, plus raw sockets for protocol-level cases and a polling helper (no blind sleeps).
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { afterAll, beforeAll } from 'vitest';
import type { ApiClient } from './client.ts';
import { SaveTracker, saveAckParams } from '../../client/features/editor/save-tracker.ts';
import { startTestServer, type TestServer } from './server.ts';

/** A `ws` WebSocket that sends the given cookie (and optionally an Origin) on the upgrade request. */
export function cookieWebSocket(cookie: string | null, extraHeaders: Record<string, string> = {}) {
  return class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { ...(cookie ? { cookie } : {}), ...extraHeaders } });
    }
  };
}

export const collabUrl = (baseUrl: string) => baseUrl.replace(/^http/, 'ws') + '/collab';

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** What the server confirmed as stored (only with `acks: true`, like the browser's editor). */
  saves: SaveTracker | null;
  fragment: Y.XmlFragment;
  /** Resolves on the provider's next 'synced' (true). */
  synced(): Promise<void>;
  destroy(): void;
}

export function connectClient(baseUrl: string, api: ApiClient, documentId: string, doc = new Y.Doc(), opts: { acks?: boolean } = {}): CollabClient {
  const saves = opts.acks ? new SaveTracker() : null;
  const socket = cookieWebSocket(api.cookie);
  const provider = new WebsocketProvider(collabUrl(baseUrl), documentId, doc, {
    WebSocketPolyfill: (saves ? saves.socketClass(socket) : socket) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
    params: opts.acks ? { ...saveAckParams } : {},
  });
  saves?.attach(doc, provider);
  return {
    doc,
    provider,
    saves,
    fragment: doc.getXmlFragment('default'),
    synced: () =>
      provider.synced
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const on = (s: boolean) => {
              if (!s) return;
              provider.off('sync', on);
              resolve();
            };
            provider.on('sync', on);
          }),
    destroy: () => {
      saves?.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(check: () => boolean | Promise<boolean>, what = 'condition', timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Appends a paragraph with `text` at the end of the document body. */
export function appendParagraph(fragment: Y.XmlFragment, text: string) {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [p]);
}

/** Appends an empty paragraph and returns its text, for an editor typing into a paragraph of its own. */
export function ownParagraph(fragment: Y.XmlFragment): Y.XmlText {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  p.insert(0, [t]);
  fragment.insert(fragment.length, [p]);
  return t;
}

/** Plain text of the body, paragraphs joined by newlines. */
export function bodyText(fragment: Y.XmlFragment): string {
  return fragment
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((c) => (c instanceof Y.XmlText ? c.toString() : ''))
            .join('')
        : '',
    )
    .join('\n');
}

export interface RawSocket {
  ws: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
  messages: Uint8Array[];
  opened: Promise<void>;
}

/** A bare socket on /collab/:documentId for protocol-level tests. */
export function rawSocket(baseUrl: string, cookie: string | null, documentId: string, headers: Record<string, string> = {}): RawSocket {
  const Ctor = cookieWebSocket(cookie, headers);
  const ws = new Ctor(`${collabUrl(baseUrl)}/${documentId}`);
  ws.binaryType = 'arraybuffer';
  const messages: Uint8Array[] = [];
  ws.on('message', (data: ArrayBuffer) => messages.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  return { ws, closed, messages, opened };
}

/** A server for this test file plus the collab clients its tests open (destroyed after the file). */
export function useCollabServer() {
  const env = { clients: [] as CollabClient[] } as { server: TestServer; clients: CollabClient[] };
  beforeAll(async () => {
    env.server = await startTestServer();
  });
  afterAll(async () => {
    for (const c of env.clients) c.destroy();
    await env.server?.close();
  });
  return env;
}
