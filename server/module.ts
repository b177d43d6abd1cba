// What a feature area plugs into the app: /api routes, root routes (e.g. the /collab WebSocket) and a
// shutdown step. Its own file so the areas and the list of areas (modules.ts) do not import each other.
import type { Hono } from 'hono';
import type { AppEnv } from './context.ts';

export interface Module {
  name: string;
  /** Routes mounted under /api (after auth middleware). */
  api?: Hono<AppEnv>;
  /** Routes mounted at the root, before the single-page-app fallback. */
  mount?: (app: Hono<AppEnv>) => void;
  /** Called on shutdown, before the database closes (flush state). */
  close?: () => Promise<void>;
}
