// The client's address: the socket's peer, or, only when that peer is a trusted proxy (TRUST_PROXY), the
// nearest untrusted address in X-Forwarded-For. Anyone can send X-Forwarded-For; believing it from an
// untrusted peer would let an attacker pick a fresh address for every guess.
import { BlockList, isIP } from 'node:net';

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) → `10.0.0.1`. */
export function normalizeAddress(address: string): string {
  const a = address.trim();
  return a.toLowerCase().startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

export class TrustedProxies {
  private readonly list = new BlockList();
  readonly empty: boolean;

  /** Entries: an address (`10.0.0.5`, `::1`), a CIDR range (`10.0.0.0/8`), or `loopback`. Throws on anything else. */
  constructor(entries: readonly string[]) {
    this.empty = entries.length === 0;
    for (const raw of entries) {
      const entry = raw.trim();
      if (entry === 'loopback') {
        this.list.addSubnet('127.0.0.0', 8, 'ipv4');
        this.list.addAddress('::1', 'ipv6');
        continue;
      }
      const [addr, bits, extra] = entry.split('/');
      const family = isIP(addr ?? '');
      if (!addr || !family || extra !== undefined) throw new Error(`TRUST_PROXY: "${entry}" is not an address, a CIDR range or "loopback"`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (bits === undefined) {
        this.list.addAddress(addr, type);
        continue;
      }
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw new Error(`TRUST_PROXY: "${entry}" has an invalid prefix length`);
      this.list.addSubnet(addr, prefix, type);
    }
  }

  has(address: string): boolean {
    if (this.empty) return false;
    const a = normalizeAddress(address);
    const family = isIP(a);
    return family !== 0 && this.list.check(a, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/**
 * Walks X-Forwarded-For from the right (the entry the nearest proxy added) while the hop is trusted; the first
 * untrusted address is the client. A malformed entry ends the walk at the proxy that passed it on.
 */
export function clientAddress(peer: string | null, forwardedFor: string | undefined, trusted: TrustedProxies): string | null {
  if (!peer) return null;
  let client = normalizeAddress(peer);
  if (!forwardedFor || !trusted.has(client)) return client;
  const hops = forwardedFor.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]!);
    if (!isIP(hop)) break;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
}
