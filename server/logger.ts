// Structured JSON logs (pino), one line per event on stdout. Every line written while a request or a
// socket is being handled carries its request id, taken from an AsyncLocalStorage scope, so call sites
// keep the small `Logger` interface and never pass ids by hand.
// No personal data or document content in log lines: log ids, counts and codes, never names, e-mails or text.
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, stdTimeFunctions, type DestinationStream } from 'pino';
import { safeLogFields } from './log-safety.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** What every log line of one request or socket carries. */
export interface LogScope {
  requestId: string;
}

const scope = new AsyncLocalStorage<LogScope>();

/** Runs `fn` so that every log line it causes (also in callbacks and timers it starts) has the scope's fields. */
export function withLogScope<T>(value: LogScope, fn: () => T): T {
  return scope.run(value, fn);
}

export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}

/**
 * Standard output, written asynchronously (pino's sonic-boom): a line never blocks the event loop when the
 * reader of the pipe lags. What is still queued is written synchronously when the process exits, so a clean
 * shutdown loses no line.
 */
let stdoutDestination: ReturnType<typeof pino.destination> | null = null;
function stdout(): DestinationStream {
  if (!stdoutDestination) {
    const dest = pino.destination({ dest: 1, sync: false });
    process.once('exit', () => dest.flushSync());
    stdoutDestination = dest;
  }
  return stdoutDestination;
}

/**
 * `destination` defaults to stdout; tests pass a stream to capture lines.
 * Secret-looking fields are redacted wherever a caller puts them by mistake.
 */
export function createLogger(level: LogLevel, destination: DestinationStream = stdout()): Logger {
  const base = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      // Errors lose their query parameters and quoted values; personal-data keys are dropped (log-safety.ts).
      formatters: { level: (label) => ({ level: label }), log: safeLogFields },
      // `err` is already a safe plain object; pino's own error serializer would fold causes back into the message.
      serializers: { err: (v: unknown) => v },
      mixin: () => scope.getStore() ?? {},
      redact: {
        paths: ['password', 'token', 'cookie', 'authorization', '*.password', '*.token', '*.cookie', '*.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
  const write = (l: Exclude<LogLevel, 'silent'>) => (msg: string, data?: Record<string, unknown>) => {
    if (data) base[l](data, msg);
    else base[l](msg);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
