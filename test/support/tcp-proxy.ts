// A TCP proxy in front of PostgreSQL that can go silent the way a failover or a firewall losing its state
// does: connections stop carrying data but are never closed (no FIN, no RST). Connections cut that way stay
// dead after `restore()`; new connections then work again.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export class SilentProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private silent = false;
  /** Connections cut by the last `silence()` (or opened during it). */
  private readonly dead = new Set<Socket>();

  private constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => this.accept(client));
  }

  static async start(targetUrl: string): Promise<SilentProxy> {
    const url = new URL(targetUrl);
    const proxy = new SilentProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `targetUrl` with host and port replaced by the proxy's. */
  urlFor(targetUrl: string): string {
    const url = new URL(targetUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  /** From now on nothing is forwarded, and the connections open now never carry data again. */
  silence(): void {
    this.silent = true;
    for (const s of this.sockets) this.dead.add(s);
  }

  restore(): void {
    this.silent = false;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket) {
    this.track(client);
    if (this.silent) {
      // Accepted by the kernel, never answered: a connect through a black hole.
      this.dead.add(client);
      client.on('data', () => {});
      return;
    }
    const upstream = connect(this.target.port, this.target.host);
    this.track(upstream);
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk) => {
        if (this.dead.has(from) || this.dead.has(to)) return;
        to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    // A real end closes the other side too, unless the pair was cut silently.
    client.on('close', () => !this.dead.has(client) && upstream.destroy());
    upstream.on('close', () => !this.dead.has(upstream) && client.destroy());
  }

  private track(s: Socket) {
    this.sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => {
      this.sockets.delete(s);
      this.dead.delete(s);
    });
  }
}
