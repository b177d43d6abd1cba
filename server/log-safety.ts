// What may go into a log line: ids, counts, codes and the shape of an error, never the values a failed query
// carried (e-mail addresses, names, document update bytes) nor text a user typed. The logger applies these to
// every line, so a call site that passes an error (or String(err)) cannot leak a query's parameters.

/** Keys whose values are personal data or content by definition; dropped wherever a caller puts them. */
export const PERSONAL_KEYS = [
  'email',
  'password',
  'name',
  'displayName',
  'label',
  'notes',
  'title',
  'details',
  'note',
  'content',
  'html',
  'text',
  'update',
  'params',
  'body',
];

/**
 * Error text without values: the parameter list drizzle appends to a failed query (`\nparams: …`, up to the stack
 * trace), the `Key (email)=(…)` detail of a constraint violation, and quoted values in database messages such as
 * `invalid input syntax for type uuid: "…"`.
 */
export function redactErrorText(s: string): string {
  return s
    .replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, '\nparams: [redacted]')
    .replace(/\bKey \((.*?)\)=\([\s\S]*?\)( already exists| is not present| conflicts)/g, 'Key ($1)=([redacted])$2')
    .replace(/(for type [\w ]+|for encoding "[\w-]+"|value): ("[\s\S]*?"|0x[0-9a-f ]+)/gi, '$1: [redacted]');
}

export interface SafeError {
  type: string;
  message: string;
  /** SQLSTATE or Node error code. */
  code?: string;
  /** The SQL of a failed query, with its $n placeholders (never its parameters). */
  query?: string;
  constraint?: string;
  table?: string;
  column?: string;
  stack?: string;
  cause?: SafeError;
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** An error as a log field: type, message, code, query text, constraint and stack, with values redacted. */
export function safeError(err: unknown, depth = 0): SafeError | string {
  if (!(err instanceof Error)) return redactErrorText(String(err));
  const e = err as Error & Record<string, unknown>;
  const message = redactErrorText(e.message);
  const out: SafeError = { type: e.name || e.constructor?.name || 'Error', message };
  const code = str(e.code);
  if (code) out.code = code;
  // drizzle's DrizzleQueryError: { query, params, cause }; only the statement text is kept.
  if (typeof e.query === 'string') out.query = e.query;
  const constraint = str(e.constraint) ?? str(e.constraint_name);
  if (constraint) out.constraint = constraint;
  const table = str(e.table) ?? str(e.table_name);
  if (table) out.table = table;
  const column = str(e.column) ?? str(e.column_name);
  if (column) out.column = column;
  if (typeof e.stack === 'string') {
    // The stack's first lines repeat the message: keep only the frames.
    const frames = e.stack.indexOf('\n    at ');
    out.stack = frames >= 0 ? e.stack.slice(frames + 1) : undefined;
  }
  if (e.cause !== undefined && depth < 3) {
    const cause = safeError(e.cause, depth + 1);
    out.cause = typeof cause === 'string' ? { type: 'Error', message: cause } : cause;
  }
  return out;
}

const ERROR_KEYS = new Set(['err', 'error', 'cause']);

/** Applied to every log line's fields (see logger.ts). */
export function safeLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (PERSONAL_KEYS.includes(k)) out[k] = '[redacted]';
    else if (ERROR_KEYS.has(k) || v instanceof Error) out[k] = safeError(v);
    else if (typeof v === 'string' && /\nparams: /.test(v)) out[k] = redactErrorText(v);
    else if (v instanceof Uint8Array) out[k] = `[${v.byteLength} bytes]`;
    else out[k] = v;
  }
  return out;
}
