// One Y.Doc per open document, kept in the browser (IndexedDB) and synced with the server over the
// y-websocket protocol. Created in an effect (not during render) so StrictMode's double mount is harmless.
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { CloseCode } from '../../../shared/limits.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  local: IndexeddbPersistence;
}

export interface CollabState {
  session: CollabSession | null;
  connection: ConnectionState;
  /** Why the server refused or closed the connection for good (Dutch). */
  refusal: string | null;
  /** The server's state has been received at least once (content is complete). */
  synced: boolean;
  /** Local changes not yet handed to the server. */
  saving: 'saved' | 'saving' | 'offline';
}

export function collabUrl() {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

const REFUSALS: Record<number, string> = {
  [CloseCode.Unauthorized]: 'Je sessie is verlopen. Log opnieuw in om verder te werken.',
  [CloseCode.Forbidden]: 'Je hebt (niet langer) toegang tot dit document.',
  [CloseCode.NotFound]: 'Dit document bestaat niet of je hebt er geen toegang toe.',
  [CloseCode.TooLarge]: 'Je laatste wijziging was te groot om op te slaan. Herlaad de pagina.',
  [CloseCode.Malformed]: 'De verbinding is verbroken door een ongeldig bericht. Herlaad de pagina.',
};

export function useCollab(documentId: string, enabled: boolean): CollabState {
  const [state, setState] = useState<CollabState>({ session: null, connection: 'connecting', refusal: null, synced: false, saving: 'saved' });

  useEffect(() => {
    if (!enabled) return;
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`casustafel:${documentId}`, doc);
    const provider = new WebsocketProvider(collabUrl(), documentId, doc, { maxBackoffTime: 5000 });
    const session = { doc, provider, local };
    let everConnected = false;
    let pendingTimer: ReturnType<typeof setTimeout> | undefined;
    const patch = (p: Partial<CollabState>) => setState((s) => ({ ...s, ...p }));
    setState({ session, connection: 'connecting', refusal: null, synced: false, saving: 'saved' });

    provider.on('status', ({ status }) => {
      if (status === 'connected') everConnected = true;
      patch({
        connection: status === 'connected' ? 'connected' : status === 'connecting' ? (everConnected ? 'reconnecting' : 'connecting') : navigator.onLine ? 'reconnecting' : 'offline',
        saving: status === 'connected' ? 'saved' : 'offline',
      });
    });
    provider.on('sync', (synced) => synced && patch({ synced: true }));
    provider.on('closed', ({ code, reason }) => patch({ connection: 'refused', refusal: REFUSALS[code] ?? reason ?? 'De verbinding is gesloten.' }));
    // A local edit is "saving" until the socket has handed it off; the server persists within ~250 ms.
    const onUpdate = (_u: Uint8Array, origin: unknown) => {
      if (origin === provider || origin === local) return;
      if (!provider.wsconnected) return patch({ saving: 'offline' });
      patch({ saving: 'saving' });
      clearTimeout(pendingTimer);
      const settle = () => {
        if (provider.ws && provider.ws.bufferedAmount > 0) pendingTimer = setTimeout(settle, 200);
        else pendingTimer = setTimeout(() => patch({ saving: provider.wsconnected ? 'saved' : 'offline' }), 400);
      };
      settle();
    };
    doc.on('update', onUpdate);
    const offline = () => patch({ connection: 'offline', saving: 'offline' });
    const online = () => provider.connect();
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);

    return () => {
      clearTimeout(pendingTimer);
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      doc.off('update', onUpdate);
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [documentId, enabled]);

  return state;
}
