// createApp(deps): middleware order and mounted routes. Never listens (see main.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv, Deps } from './context.ts';
import { AppError, errorBody, makeErrorHandler } from './errors.ts';
import { originCheck, sessionMiddleware } from './auth/middleware.ts';
import { authRoutes } from './auth/routes.ts';
import { adminRoutes } from './admin/routes.ts';
import { householdRoutes } from './households/routes.ts';
import type { Module } from './modules.ts';

export function createApp(deps: Deps, modules: Module[] = []) {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('requestId', crypto.randomUUID());
    const started = performance.now();
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    if (c.req.path.startsWith('/api/')) {
      c.header('Cache-Control', 'no-store');
      deps.log.debug('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
    }
  });

  const api = new Hono<AppEnv>();
  api.use('*', bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json(errorBody('PAYLOAD_TOO_LARGE', 'Het verzoek is te groot.'), 413) }));
  api.use('*', originCheck(deps));
  api.use('*', sessionMiddleware(deps));
  api.get('/health', (c) => c.json({ ok: true, database: deps.database.engine }));
  api.route('/', authRoutes(deps));
  api.route('/', adminRoutes(deps));
  api.route('/households', householdRoutes(deps));
  for (const mod of modules) if (mod.api) api.route('/', mod.api);
  api.all('*', () => {
    throw new AppError(404, 'NOT_FOUND', 'Deze API-route bestaat niet.');
  });
  api.onError(makeErrorHandler(deps.log));
  app.route('/api', api);
  for (const mod of modules) mod.mount?.(app);

  // The built client (vite build → dist/client); every other path is the single-page app.
  const indexPath = join(deps.config.staticDir, 'index.html');
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
