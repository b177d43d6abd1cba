// Small helpers shared by route modules: body parsing with the shared zod schemas, actor context.
import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv, Deps } from './context.ts';
import { AppError, validationError } from './errors.ts';
import { requireUser } from './auth/middleware.ts';
import type { ActorContext } from './households/service.ts';

export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    const text = await c.req.text();
    body = text.length ? JSON.parse(text) : {};
  } catch {
    throw new AppError(400, 'INVALID_JSON', 'De inhoud van het verzoek is geen geldige JSON.');
  }
  const result = schema.safeParse(body);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** Query parameters validated with a shared zod schema (strings in, typed values out); a bad value is a 400. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const result = schema.safeParse(c.req.query());
  if (!result.success) throw validationError(result.error);
  return result.data;
}

export function actorOf(c: Context<AppEnv>, deps: Deps): ActorContext {
  return { user: requireUser(c), ip: c.get('ip'), now: deps.now() };
}
