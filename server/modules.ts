// Feature areas beyond the foundation plug in here: each may add /api routes, root routes (e.g. the
// /collab WebSocket) and a shutdown step. Created once per server instance (they may hold state).
import type { Hono } from 'hono';
import type { AppEnv, Deps } from './context.ts';
import { boardModule } from './board/module.ts';
import { eventsModule } from './realtime/routes.ts';
import { overviewModule } from './overview/routes.ts';
import { createDocumentsModule } from './documents/module.ts';
import { meetingsModule } from './meetings/routes.ts';

export interface Module {
  name: string;
  /** Routes mounted under /api (after auth middleware). */
  api?: Hono<AppEnv>;
  /** Routes mounted at the root, before the single-page-app fallback. */
  mount?: (app: Hono<AppEnv>) => void;
  /** Called on shutdown, before the database closes (flush state). */
  close?: () => Promise<void>;
}

export function createModules(deps: Deps): Module[] {
  return [createDocumentsModule(deps), boardModule(deps), eventsModule(deps), overviewModule(deps), meetingsModule(deps)];
}
