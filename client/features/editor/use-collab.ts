// One Y.Doc per open document, kept in the browser (IndexedDB) and synced with the server over the
// y-websocket protocol. Created in an effect (not during render) so StrictMode's double mount is harmless.
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { CloseCode } from '../../../shared/limits.ts';
import { reconnectAtOnceOnRestart, showPresenceAfterReconnect } from './reconnect.ts';
import { SaveTracker, keptOfflineStore, saveAckParams } from './save-tracker.ts';

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
  /** Edits on this device that the server has not (yet) confirmed as stored in its database. */
  unsaved: number;
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
  const [state, setState] = useState<CollabState>({ session: null, connection: 'connecting', refusal: null, synced: false, unsaved: 0 });

  useEffect(() => {
    if (!enabled) return;
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`casustafel:${documentId}`, doc);
    const kept = keptOfflineStore(documentId);
    const saves = new SaveTracker({ localOrigin: local, keptOffline: kept.load() });
    const provider = new WebsocketProvider(collabUrl(), documentId, doc, {
      maxBackoffTime: 5000,
      params: { ...saveAckParams },
      WebSocketPolyfill: saves.socketClass(WebSocket),
    });
    saves.attach(doc, provider);
    reconnectAtOnceOnRestart(provider);
    showPresenceAfterReconnect(provider);
    const session = { doc, provider, local };
    let everConnected = false;
    let refused = false;
    const patch = (p: Partial<CollabState>) => setState((s) => ({ ...s, ...p }));
    setState({ session, connection: 'connecting', refusal: null, synced: false, unsaved: saves.unsaved });

    // The badge is derived from the provider's real state each time anything changes, never remembered.
    const connection = (): ConnectionState => {
      if (refused) return 'refused';
      if (provider.wsconnected) return 'connected';
      if (!navigator.onLine) return 'offline';
      return everConnected ? 'reconnecting' : 'connecting';
    };
    const update = () => {
      kept.save(saves.unsaved);
      patch({ connection: connection(), unsaved: saves.unsaved });
    };

    provider.on('status', ({ status }) => {
      if (status === 'connected') everConnected = true;
      update();
    });
    provider.on('sync', (synced) => synced && patch({ synced: true }));
    provider.on('closed', ({ code, reason }) => {
      refused = true;
      patch({ connection: 'refused', refusal: REFUSALS[code] ?? reason ?? 'De verbinding is gesloten.' });
      // The document no longer exists (destroyed with its household): its offline copy goes too.
      if (code === CloseCode.NotFound) void local.clearData();
    });
    const stopSaves = saves.onChange(update);
    // A socket can outlive the network without noticing for ~30 s: when the browser knows the network is
    // gone, close it (the edits stay here and count as unsaved), and open a fresh one when it is back.
    const offline = () => {
      provider.disconnect();
      update();
    };
    const online = () => {
      if (!refused) provider.connect();
      update();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);

    return () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      stopSaves();
      saves.destroy();
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [documentId, enabled]);

  return state;
}
