// /api/auth/oidc: the organisations offering sign-in with their own provider, the redirect to it, and the
// callback. Every outcome lands the browser on a page: the app, the second-factor step, or the login page with a reason.
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Deps } from '../context.ts';
import { audit } from '../audit/log.ts';
import { isUuid } from '../access/authorize.ts';
import { OidcError, OidcService } from './oidc.ts';
import { afterFirstFactor } from './sign-in.ts';
import type { OidcProvidersResponse } from '../../shared/auth.ts';
import { listOidcProviders } from './oidc.ts';

const STATE_COOKIE = 'casustafel_oidc';
const COOKIE_PATH = '/api/auth/oidc';

const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
/** Where the provider sends the browser back: fixed per installation (PUBLIC_ORIGIN), else this server's own origin. */
const redirectUri = (c: Context, publicOrigins: string[]) => `${publicOrigins[0] ?? new URL(c.req.url).origin}/api/auth/oidc/callback`;
const safeReturn = (to: string | null | undefined) => (to?.startsWith('/') && !to.startsWith('//') && !to.startsWith('/\\') ? to : null);

export function oidcRoutes(deps: Deps) {
  const service = new OidcService(deps.db, deps.secrets, deps.now);
  const app = new Hono<AppEnv>();

  app.get('/auth/oidc/providers', async (c) => c.json<OidcProvidersResponse>({ providers: await listOidcProviders(deps.db) }));

  app.get('/auth/oidc/:organizationId/start', async (c) => {
    const organizationId = c.req.param('organizationId');
    if (!isUuid(organizationId)) return c.redirect('/inloggen?fout=failed', 302);
    try {
      const { url, state } = await service.start(organizationId, redirectUri(c, deps.config.publicOrigins), safeReturn(c.req.query('terug')));
      setCookie(c, STATE_COOKIE, state, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c), path: COOKIE_PATH, maxAge: 600 });
      return c.redirect(url, 302);
    } catch (err) {
      deps.log.warn('oidc: start failed', { organizationId, err: String((err as Error)?.message ?? err) });
      return c.redirect('/inloggen?fout=failed', 302);
    }
  });

  app.get('/auth/oidc/callback', async (c) => {
    const bound = getCookie(c, STATE_COOKIE) ?? null;
    deleteCookie(c, STATE_COOKIE, { path: COOKIE_PATH, secure: isHttps(c), httpOnly: true, sameSite: 'Lax' });
    const ip = c.get('ip');
    // The URL the provider redirected to, as registered (not as a proxy may have rewritten it).
    const callback = new URL(redirectUri(c, deps.config.publicOrigins));
    callback.search = new URL(c.req.url).search;
    try {
      const result = await service.finish(callback, bound, ip);
      const step = await afterFirstFactor(deps, c, result.userId, 'oidc', result.mfa);
      if (step.step === 'done') return c.redirect(result.returnTo ?? '/', 302);
      return c.redirect('/inloggen' + (result.returnTo ? '?terug=' + encodeURIComponent(result.returnTo) : ''), 302);
    } catch (err) {
      if (!(err instanceof OidcError)) throw err;
      deps.log.warn('oidc: sign-in refused', {
        reason: err.reason,
        organizationId: err.organizationId,
        detail: err.reason === 'token' ? err.message : undefined,
      });
      await audit(deps.db, {
        organizationId: err.organizationId,
        event: 'login.failure',
        target: err.reason === 'unknown_user' ? err.message : null,
        ip,
        details: { method: 'oidc', reason: err.reason },
      });
      return c.redirect(`/inloggen?fout=${err.reason === 'unknown_user' ? 'unknown_user' : 'failed'}`, 302);
    }
  });

  return app;
}
