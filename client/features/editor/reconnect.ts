// A server process that stops (restart, rolling upgrade) closes its sockets with CloseCode.Restarting:
// reconnect at once instead of after y-websocket's backoff. The stopping process no longer accepts
// connections, so the load balancer sends the new socket to a process that is still running.
import type { WebsocketProvider } from 'y-websocket';
import { CloseCode } from '../../../shared/limits.ts';

export function reconnectAtOnceOnRestart(provider: WebsocketProvider): void {
  provider.on('connection-close', (event) => {
    // y-websocket clears provider.ws right after this event; connect() then opens a new socket now.
    if (event?.code === CloseCode.Restarting) queueMicrotask(() => provider.connect());
  });
}

/**
 * y-websocket drops everyone else's presence when its socket closes but keeps their awareness clocks, so on
 * the next socket the server's copy of a presence that has not changed meanwhile (same clock) is ignored: the
 * others stay invisible until they move. Forgetting those clocks with the presence shows everyone at once.
 */
export function showPresenceAfterReconnect(provider: WebsocketProvider): void {
  provider.on('status', ({ status }) => {
    if (status !== 'disconnected') return;
    const { awareness } = provider;
    for (const id of [...awareness.meta.keys()]) if (id !== awareness.clientID && !awareness.states.has(id)) awareness.meta.delete(id);
  });
}
