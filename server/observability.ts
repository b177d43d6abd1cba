// Per-request observability: a request id (taken from a trusted proxy's X-Request-Id or made here) that is
// echoed in the X-Request-Id header, put in every error body and on every log line of the request; one
// access log line per API request; and the HTTP metrics.
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv, Deps } from './context.ts';
import { withLogScope } from './logger.ts';

/** An incoming id is kept only when it is short and plain (it ends up in logs and headers). */
const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestId(incoming: string | undefined): string {
  return incoming && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/** The registered route pattern that answered (`/api/households/:id`), never the raw path: bounded labels, no ids. */
export function routeLabel(c: Context): string {
  const routes = matchedRoutes(c);
  const answered = routes[c.req.routeIndex] ?? routes.at(-1);
  const path = answered?.path ?? '';
  if (path.startsWith('/api/') && path.endsWith('*')) return '/api/*';
  return path || 'unmatched';
}

export function requestContext(deps: Deps): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    const id = requestId(c.req.header('x-request-id'));
    c.set('requestId', id);
    const started = performance.now();
    return withLogScope({ requestId: id }, async () => {
      await next();
      c.header('X-Request-Id', id);
      const path = c.req.path;
      if (!path.startsWith('/api/') && !path.startsWith('/collab/')) return;
      const seconds = (performance.now() - started) / 1000;
      const route = routeLabel(c);
      const status = c.res.status;
      deps.metrics.httpRequest(c.req.method, route, status, seconds);
      // Liveness and readiness probes run every few seconds: logged only at debug level.
      const level = route === '/api/health' || route === '/api/ready' ? 'debug' : status >= 500 ? 'warn' : 'info';
      deps.log[level]('request', { method: c.req.method, route, status, ms: Math.round(seconds * 1000) });
    });
  };
}
