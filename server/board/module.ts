// The board area as a server module: its /api routes (actions, history, evaluations).
import type { Deps } from '../context.ts';
import type { Module } from '../modules.ts';
import { boardRoutes } from './routes.ts';

export function boardModule(deps: Deps): Module {
  return { name: 'board', api: boardRoutes(deps) };
}
