// createApp(deps): middleware order and mounted routes. Never listens (see main.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv, Deps } from './context.ts';
import { AppError, errorBody, makeErrorHandler } from './errors.ts';
import { clientAddressMiddleware, originCheck, sessionMiddleware } from './auth/middleware.ts';
import { AccessRefused, recordRefusal } from './access/refusal.ts';
import { authRoutes } from './auth/routes.ts';
import { adminRoutes } from './admin/routes.ts';
import { accountRoutes } from './auth/account-routes.ts';
import { oidcRoutes } from './auth/oidc-routes.ts';
import { identityAdminRoutes } from './auth/admin-routes.ts';
import { householdRoutes } from './households/routes.ts';
import type { Module } from './module.ts';
import { isWellFormedPath } from '../shared/schemas.ts';
import { bearerMatches } from './metrics.ts';
import { requestContext } from './observability.ts';
import { securityHeaders } from './security-headers.ts';

export function createApp(deps: Deps, modules: Module[] = []) {
  const app = new Hono<AppEnv>();

  app.use('*', requestContext(deps));
  app.use('*', clientAddressMiddleware(deps));
  app.use('*', ...securityHeaders());
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
  });
  if (deps.config.metricsToken) {
    const token = deps.config.metricsToken;
    app.get('/metrics', async (c) => {
      if (!bearerMatches(c.req.header('authorization'), token))
        return c.json(errorBody('UNAUTHORIZED', 'Geen toegang.', { requestId: c.get('requestId') }), 401);
      const { body, contentType } = await deps.metrics.render();
      return c.body(body, 200, { 'Content-Type': contentType });
    });
  }

  const api = new Hono<AppEnv>();
  // Probes first: no body, no session lookup, no audit.
  api.get('/ready', async (c) => {
    const report = await deps.readiness.check();
    return c.json(report, report.ok ? 200 : 503);
  });
  // Liveness. Asks the database each time, with a short bound: a database that went silent shows as down (503).
  api.get('/health', async (c) => {
    const up = await deps.database.ping(deps.config.durability.healthDbTimeoutMs);
    return c.json({ ok: up, database: up ? 'up' : 'down', engine: deps.database.engine }, up ? 200 : 503);
  });
  const limitBody = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) => c.json(errorBody('PAYLOAD_TOO_LARGE', 'Het verzoek is te groot.', { requestId: c.get('requestId') }), 413),
  });
  // No GET or HEAD handler reads a body; the limit's check (`c.req.raw.body`) would build a whole WHATWG
  // Request on every read-only request for nothing.
  api.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  // Route parameters are decoded from the path: one check here keeps NULs and broken escapes out of every id.
  api.use('*', async (c, next) => {
    if (!isWellFormedPath(c.req.path)) throw new AppError(400, 'BAD_PATH', 'Het adres bevat tekens die niet zijn toegestaan.');
    await next();
  });
  api.use('*', originCheck(deps));
  api.use('*', sessionMiddleware(deps));
  api.route('/', authRoutes(deps));
  api.route('/', oidcRoutes(deps));
  api.route('/', accountRoutes(deps));
  api.route('/', identityAdminRoutes(deps));
  api.route('/', adminRoutes(deps));
  api.route('/households', householdRoutes(deps));
  for (const mod of modules) if (mod.api) api.route('/', mod.api);
  api.all('*', () => {
    throw new AppError(404, 'NOT_FOUND', 'Deze API-route bestaat niet.');
  });
  const answerError = makeErrorHandler(deps.log);
  api.onError(async (err, c) => {
    // Every refused attempt on a household's data is audited (NEN 7513), outside the transaction that threw it.
    const user = c.get('user');
    if (err instanceof AccessRefused && user) {
      await recordRefusal(deps.auditWriter, err, { user, ip: c.get('ip'), via: 'http', request: `${c.req.method} ${c.req.path}` }).catch((e) =>
        deps.log.error('audit of a refused attempt failed', { err: String(e) }),
      );
    }
    return answerError(err, c);
  });
  app.route('/api', api);
  for (const mod of modules) mod.mount?.(app);

  // The built client (vite build → dist/client); every other path is the single-page app.
  const indexPath = join(deps.config.staticDir, 'index.html');
  // Source maps are not built for production (vite.config.ts); should a build leave some, they are not served.
  app.get('*', async (c, next) => (c.req.path.endsWith('.map') ? c.text('Niet gevonden', 404) : next()));
  app.use('/assets/*', serveStatic({ root: deps.config.staticDir }));
  app.get('*', serveStatic({ root: deps.config.staticDir }));
  let indexHtml: string | undefined;
  app.get('*', (c) => {
    if (indexHtml === undefined) {
      if (!existsSync(indexPath)) return c.text('De client is nog niet gebouwd: voer `npm run build` uit.', 503);
      indexHtml = readFileSync(indexPath, 'utf8');
    }
    return c.html(indexHtml);
  });
  app.onError(makeErrorHandler(deps.log));
  return app;
}
