// A real OpenID Connect provider (oidc-provider) on loopback for the OIDC sign-in tests, and a tiny
// redirect-following "browser" with one cookie jar per origin. The provider's login and consent screens are
// replaced by a handler that signs in the account the test names next (with the amr/acr the test wants).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

export interface IdpAccount {
  email: string;
  name?: string;
}

export interface TestIdp {
  issuer: string;
  provider: Provider;
  /** The account (and how it authenticated) the next sign-in at the IdP produces. */
  nextLogin(accountId: string, how?: { amr?: string[]; acr?: string }): void;
  close(): Promise<void>;
}

export async function startTestIdp(opts: {
  accounts: Record<string, IdpAccount>;
  clients: { clientId: string; clientSecret: string; redirectUris: string[] }[];
}): Promise<TestIdp> {
  let next: { accountId: string; amr?: string[]; acr?: string } | null = null;
  let provider!: Provider;
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/interaction/'))
      return void interact(req, res).catch((err) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  provider = new Provider(issuer, {
    clients: opts.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' } as never] },
    cookies: { keys: ['test-idp-cookie-key'] },
    claims: { acr: null, amr: null, auth_time: null, sid: null, iss: null, openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    acrValues: ['urn:casustafel:test:pwd', 'urn:casustafel:test:multi-factor'],
    findAccount: async (_ctx, sub) => {
      const account = opts.accounts[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, email: account.email, email_verified: true, name: account.name ?? account.email }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false }, claimsParameter: { enabled: true } },
    conformIdTokenClaims: false,
  });

  async function interact(req: http.IncomingMessage, res: http.ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      if (!next) throw new Error('test IdP: no account named for the next sign-in');
      const login = next;
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: login.accountId, amr: login.amr, acr: login.acr } },
        { mergeWithLastSubmission: false },
      );
    }
    const grant = details.grantId
      ? (await provider.Grant.find(details.grantId))!
      : new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
    grant.addOIDCScope('openid email profile');
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  return {
    issuer,
    provider,
    nextLogin(accountId, how = {}) {
      next = { accountId, ...how };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Follows redirects like a browser, keeping cookies per origin; stops at the first non-redirect or at a page of `appOrigin` outside /api/. */
export class RedirectBrowser {
  readonly jars = new Map<string, Map<string, string>>();

  constructor(readonly appOrigin: string) {}

  cookieHeader(origin: string): string {
    return [...(this.jars.get(origin) ?? new Map())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Requests `url` and follows redirects; returns the URL it stopped at and that response's status. */
  async go(url: string, opts: { stopBefore?: (u: URL) => boolean } = {}): Promise<{ url: URL; status: number }> {
    let current = new URL(url);
    for (let hops = 0; hops < 20; hops++) {
      if (opts.stopBefore?.(current)) return { url: current, status: 0 };
      const res = await fetch(current, { redirect: 'manual', headers: { cookie: this.cookieHeader(current.origin) } });
      const jar = this.jars.get(current.origin) ?? new Map<string, string>();
      this.jars.set(current.origin, jar);
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const i = pair!.indexOf('=');
        const name = pair!.slice(0, i).trim();
        const value = pair!.slice(i + 1);
        if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
      await res.arrayBuffer();
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, status: res.status };
      current = new URL(location, current);
      if (current.origin === this.appOrigin && !current.pathname.startsWith('/api/')) return { url: current, status: res.status };
    }
    throw new Error('too many redirects');
  }
}
