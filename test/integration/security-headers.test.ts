// Every response carries the security headers: a CSP without inline script and with frame-ancestors 'none',
// Referrer-Policy, nosniff, X-Frame-Options; HSTS only over HTTPS (as said by a trusted proxy). Source maps are
// never served.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.ts';
import { createUser } from '../support/factories.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const staticDir = mkdtempSync(join(tmpdir(), 'ct-static-'));
mkdirSync(join(staticDir, 'assets'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>');
writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1);\n//# sourceMappingURL=app.js.map');
writeFileSync(join(staticDir, 'assets', 'app.js.map'), '{"version":3,"sources":["secret-source.ts"]}');

let server: TestServer;
let trusted: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { staticDir } });
  trusted = await startTestServer({ database: server.database, config: { staticDir, trustProxy: ['loopback'] } });
});
afterAll(async () => {
  await trusted?.close();
  await server?.close();
});

const get = (s: TestServer, path: string, headers: Record<string, string> = {}) => fetch(s.url + path, { headers });

function directives(csp: string | null) {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  it('the page, an asset, API answers (200, 400, 401, 404) and a refused login all carry them', async () => {
    const user = await createUser(server.database.db);
    const responses = {
      page: await get(server, '/huishoudens'),
      asset: await get(server, '/assets/app.js'),
      health: await get(server, '/api/health'),
      unauthenticated: await get(server, '/api/me'),
      missing: await get(server, '/api/bestaat-niet'),
      badInput: await fetch(server.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"x\\u0000"}' }),
      refused: (await new ApiClient(server.url).post('/api/auth/login', { email: user.email, password: 'fout' })).headers,
    };
    expect(responses.badInput.status).toBe(400);
    for (const [what, r] of Object.entries(responses)) {
      const h = r instanceof Response ? r.headers : r;
      const csp = directives(h.get('content-security-policy'));
      expect(csp.get('script-src'), what).toEqual(["'self'"]);
      expect(csp.get('default-src'), what).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
      expect(csp.get('object-src'), what).toEqual(["'none'"]);
      expect(h.get('referrer-policy'), what).toBe('same-origin');
      expect(h.get('x-content-type-options'), what).toBe('nosniff');
      expect(h.get('x-frame-options'), what).toBe('DENY');
      expect(h.get('strict-transport-security'), what).toBeNull();
    }
  });

  it('HSTS only when a trusted proxy says the request came over HTTPS', async () => {
    expect((await get(trusted, '/api/health', { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    expect((await get(trusted, '/api/health')).headers.get('strict-transport-security')).toBeNull();
    // Anyone else can claim https; that is not believed.
    expect((await get(server, '/api/health', { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security')).toBeNull();
  });

  it('source maps are not served, even when a build left them in the static directory', async () => {
    const map = await get(server, '/assets/app.js.map');
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('secret-source');
  });
});
