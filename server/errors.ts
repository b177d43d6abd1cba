// One error type with a machine-readable code; one handler turns it into { error: { code, message } }.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import type { Logger } from './logger.ts';

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what = 'Niet gevonden') => new AppError(404, 'NOT_FOUND', what);
export const forbidden = (message = 'Je hebt geen toegang tot deze handeling') => new AppError(403, 'FORBIDDEN', message);
export const badRequest = (code: string, message: string, extra?: Record<string, unknown>) => new AppError(400, code, message, extra);
export const conflict = (code: string, message: string, extra?: Record<string, unknown>) => new AppError(409, code, message, extra);

export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}

export function validationError(err: ZodError) {
  const first = err.issues[0];
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  return new AppError(400, 'VALIDATION_FAILED', `${where}${first?.message ?? 'Ongeldige invoer'}`, {
    issues: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

export function makeErrorHandler(log: Logger) {
  return (err: Error, c: Context) => {
    // The request id in every error body, so a user's report leads to the log lines of that request.
    const requestId = c.get('requestId') as string | undefined;
    if (err instanceof ZodError) err = validationError(err);
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return c.json(errorBody(err.code, err.message, { ...err.extra, requestId }), err.status);
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 400 ? 'BAD_REQUEST' : 'HTTP_ERROR';
      return c.json(errorBody(code, err.message || 'Ongeldig verzoek', { requestId }), status);
    }
    // The logger keeps the error's type, code, SQL text and stack, never a failed query's parameters.
    log.error('unhandled error', { route: c.req.routePath, err });
    return c.json(errorBody('INTERNAL', 'Er ging iets mis aan onze kant. Probeer het later opnieuw.', { requestId }), 500);
  };
}
