// Adapts the session functions to Hono: cookie ↔ c.var.user, the Origin (CSRF) check, and requireUser.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from './session.ts';
import { clientAddress } from './client-address.ts';

export const SESSION_COOKIE = 'casustafel_session';

/** Over HTTPS: the request URL says so, or a trusted proxy (TRUST_PROXY) does in X-Forwarded-Proto. */
export function isHttps(c: Context<AppEnv>) {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.get('forwardedHttps') === true;
}

export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c), httpOnly: true, sameSite: 'Lax' });
}

function peerAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/** The client's address as set by clientAddressMiddleware (X-Forwarded-For only behind TRUST_PROXY). */
export function clientIp(c: Context<AppEnv>): string | null {
  return c.get('ip') ?? null;
}

/** First middleware: who the client is (c.var.ip) and whether a trusted proxy says it came over HTTPS. */
export function clientAddressMiddleware(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const peer = peerAddress(c);
    c.set('ip', clientAddress(peer, c.req.header('x-forwarded-for'), deps.trustedProxies));
    const proto = c.req.header('x-forwarded-proto');
    c.set('forwardedHttps', !!peer && !!proto && deps.trustedProxies.has(peer) && proto.split(',')[0]!.trim() === 'https');
    await next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when the request comes from a page of this app (or from a non-browser client that sends no Origin). */
export function isSameOrigin(c: Context, allowed: string[]): boolean {
  const origin = c.req.header('origin');
  if (origin) {
    if (origin === new URL(c.req.url).origin) return true;
    const host = c.req.header('host');
    if (host && (origin === `http://${host}` || origin === `https://${host}`)) return true;
    return allowed.includes(origin);
  }
  // No Origin: browsers still send Sec-Fetch-Site on modern engines; refuse cross-site.
  return c.req.header('sec-fetch-site') !== 'cross-site';
}

/** Refuses state-changing requests from a foreign origin (CSRF protection for cookie sessions). */
export function originCheck(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method) && !isSameOrigin(c, deps.config.publicOrigins)) {
      throw new AppError(403, 'FOREIGN_ORIGIN', 'Dit verzoek komt van een andere website en is geweigerd.');
    }
    await next();
  };
}

/** Reads the session cookie; sets c.var.user / c.var.session (null when absent or invalid). */
export function sessionMiddleware(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token) {
      c.set('user', null);
      c.set('session', null);
      return next();
    }
    const result = await deps.sessions.validateSessionToken(token);
    if (!result.session) {
      clearSessionCookie(c);
      c.set('user', null);
      c.set('session', null);
      return next();
    }
    if (result.fresh) setSessionCookie(c, token, result.session.expiresAt);
    c.set('user', result.user);
    c.set('session', result.session);
    return next();
  };
}

export function requireUser(c: Context<AppEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw new AppError(401, 'UNAUTHENTICATED', 'Je bent niet ingelogd of je sessie is verlopen.');
  return user;
}

export function requireAdmin(c: Context<AppEnv>): SessionUser {
  const user = requireUser(c);
  if (!user.admin) throw new AppError(403, 'FORBIDDEN', 'Alleen een functioneel beheerder mag dit doen.');
  return user;
}
