// The board area as a server module: its /api routes (actions, history, evaluations).
import type { Deps } from '../context.ts';
import type { Module } from '../module.ts';
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { boardRoutes } from './routes.ts';
import { evaluationRoutes } from './evaluation-routes.ts';

export function boardModule(deps: Deps): Module {
  const api = new Hono<AppEnv>();
  api.route('/', boardRoutes(deps));
  api.route('/', evaluationRoutes(deps));
  return { name: 'board', api };
}
