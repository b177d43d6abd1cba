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
