// X-Forwarded-For is believed only from trusted proxies, walking from the nearest hop.
import { describe, expect, it } from 'vitest';
import { TrustedProxies, clientAddress } from '../../server/auth/client-address.ts';
import { loadConfig } from '../../server/config.ts';

describe('client address', () => {
  const none = new TrustedProxies([]);
  const proxies = new TrustedProxies(['loopback', '10.0.0.0/8', '2001:db8::/32']);

  it('without trusted proxies the peer is the client, whatever X-Forwarded-For says', () => {
    expect(clientAddress('127.0.0.1', '1.2.3.4', none)).toBe('127.0.0.1');
    expect(clientAddress('::ffff:192.0.2.7', '1.2.3.4', none)).toBe('192.0.2.7');
  });

  it('behind trusted proxies the first untrusted hop from the right is the client', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.5', proxies)).toBe('203.0.113.5');
    expect(clientAddress('::ffff:10.1.2.3', '6.6.6.6, 203.0.113.5, 10.0.0.9', proxies)).toBe('203.0.113.5');
    expect(clientAddress('2001:db8::1', '2001:db9::5', proxies)).toBe('2001:db9::5');
  });

  it('a peer that is not a trusted proxy cannot name another client', () => {
    expect(clientAddress('198.51.100.1', '203.0.113.5', proxies)).toBe('198.51.100.1');
  });

  it('a malformed hop ends the walk at the proxy that passed it on', () => {
    expect(clientAddress('127.0.0.1', 'evil, 10.0.0.2', proxies)).toBe('10.0.0.2');
    expect(clientAddress('127.0.0.1', '', proxies)).toBe('127.0.0.1');
  });

  it('TRUST_PROXY is validated at start-up; HOST defaults to loopback', () => {
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
});
