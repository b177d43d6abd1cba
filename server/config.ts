// The only reader of process.env. Parsed once at start-up; invalid settings fail fast with one line per
// problem that names the setting and never repeats its value (values may hold passwords).
import { z } from 'zod';
import { TrustedProxies } from './auth/client-address.ts';
import { HUISVERBOD_ADVICE_DAY, HUISVERBOD_DAYS } from '../shared/enums.ts';

const Env = z.object({
  /** `production`: never seeds demo data and checks the settings a real installation needs. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address to listen on. Loopback by default: put a reverse proxy in front, or set 0.0.0.0 to expose it. */
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  REDIS_URL: z.string().optional(),
  /** Public origin(s) of the app, comma separated, e.g. https://casustafel.example.nl. Used for the Origin check. */
  PUBLIC_ORIGIN: z.string().optional(),
  /**
   * Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed: comma-separated addresses, CIDR
   * ranges or `loopback`, e.g. `loopback,10.0.0.0/8`. Unset: the socket's peer is the client.
   */
  TRUST_PROXY: z.string().optional(),
  /** Key material for secrets at rest (TOTP secrets, OIDC client secrets); unset → generated into DATA_DIR/secret.key. */
  SECRET_KEY: z.string().min(16).optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /** How long a validated session is kept in the process (ms); every end or change reaches it at once; 0 = off. */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** Seed demo data into an empty embedded database at start-up (never into DATABASE_URL). */
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  /** Fixed "now" (ISO) for demos and browser tests of date logic; unset in production. */
  FIXED_NOW: z.string().datetime({ offset: true }).optional(),
  /** Months a closed case is kept before it goes on the vernietigingslijst (see README: why 60). */
  RETENTION_MONTHS: z.coerce.number().int().min(1).max(240).default(60),
  /** Day of the huisverbod (day 0 = its start) by which Veilig Thuis's advice on an extension is due; within the first 10 days. */
  HUISVERBOD_ADVICE_DAY: z.coerce.number().int().min(1).max(HUISVERBOD_DAYS).default(HUISVERBOD_ADVICE_DAY),
  /** How often each process looks for due jobs (retention marking); 0 turns the timer off (jobs then run only when called). */
  JOBS_TICK_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Notification e-mails (smtp:// or smtps://, with credentials if needed); unset → no e-mail at all. */
  SMTP_URL: z.string().optional(),
  /** The sender of notification e-mails, e.g. `Casustafel <noreply@casustafel.example.nl>`. */
  SMTP_FROM: z.string().default('Casustafel <noreply@localhost>'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  STATIC_DIR: z.string().default('./dist/client'),
  /** Prometheus metrics on their own listener (keep it off the public network). */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().optional(),
  /** Prometheus metrics at /metrics on the main port, for `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Longest time a document update waits in memory before its group commit starts. */
  FLUSH_WINDOW_MS: z.coerce.number().int().min(10).max(1000).default(100),
  /** A database connection silent this long during a query is destroyed (PostgreSQL; also its statement_timeout). */
  DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(15_000),
  /** Connecting (TCP + startup) to PostgreSQL may take this long. */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  /** A group commit of document updates that takes longer is counted as failed and retried. */
  DB_WRITE_TIMEOUT_MS: z.coerce.number().int().min(200).max(600_000).default(5_000),
  /** /api/health reports the database down when `SELECT 1` takes longer. */
  HEALTH_DB_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  /** Shutdown waits this long for pending document updates; what is left goes to a spill file in DATA_DIR. */
  SHUTDOWN_FLUSH_MS: z.coerce.number().int().min(0).max(600_000).default(8_000),
  /** On SIGTERM: report not ready and keep serving this long before no longer accepting connections. */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(15_000).default(0),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  redisUrl?: string;
  publicOrigins: string[];
  /** Trusted reverse proxies (addresses, CIDR ranges, `loopback`); see auth/client-address.ts. */
  trustProxy: string[];
  sessionDays: number;
  sessionCacheMs: number;
  secretKey?: string;
  seedDemo: 'auto' | 'never';
  fixedNow?: Date;
  /** Retention period of a closed case, in months. */
  retentionMonths: number;
  /** Day (after the start, day 0) the advice action "Advies verlenging huisverbod" is due. */
  huisverbodAdviceDay: number;
  /** Job timer per process, in milliseconds; 0 = no timer. */
  jobsTickMs: number;
  /** SMTP server for notification e-mails; undefined: no e-mail. */
  smtpUrl?: string;
  smtpFrom: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  staticDir: string;
  production: boolean;
  metricsPort?: number;
  metricsHost: string;
  metricsToken?: string;
  /** Timeouts and windows that keep saving bounded when the database goes silent (see the Env comments). */
  durability: {
    flushWindowMs: number;
    dbQueryTimeoutMs: number;
    dbConnectTimeoutMs: number;
    dbWriteTimeoutMs: number;
    healthDbTimeoutMs: number;
    shutdownFlushMs: number;
  };
  shutdownDrainMs: number;
}

/** Invalid settings: `problems` holds one line per problem, safe to print (no values). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.join('\n')}`);
  }
}

const isOrigin = (s: string) => {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s;
  } catch {
    return false;
  }
};

/** Checks zod cannot express per field; each message names the setting, never its value. */
function crossChecks(e: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const origins = (e.PUBLIC_ORIGIN ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const o of origins)
    if (!isOrigin(o)) problems.push('PUBLIC_ORIGIN: each entry must be an origin like https://casustafel.example.nl (scheme and host, no path)');
  if (e.DATABASE_URL && !/^postgres(ql)?:\/\//.test(e.DATABASE_URL)) problems.push('DATABASE_URL: must start with postgres:// or postgresql://');
  if (e.REDIS_URL && !/^rediss?:\/\//.test(e.REDIS_URL)) problems.push('REDIS_URL: must start with redis:// or rediss://');
  if (e.SMTP_URL && !/^smtps?:\/\/[^/\s]+/.test(e.SMTP_URL)) problems.push('SMTP_URL: must start with smtp:// or smtps:// and name a host');
  if (e.NODE_ENV === 'production') {
    if (origins.length === 0) problems.push('PUBLIC_ORIGIN: required in production (the address people use, e.g. https://casustafel.example.nl)');
    if (origins.some((o) => o.startsWith('http:') && !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(o)))
      problems.push('PUBLIC_ORIGIN: must use https in production');
    if (e.FIXED_NOW) problems.push('FIXED_NOW: not allowed in production (it freezes the clock)');
    if (!e.SECRET_KEY) problems.push('SECRET_KEY: required in production (encrypts TOTP keys and OIDC client secrets; keep it out of database backups)');
    if (e.METRICS_PORT !== undefined && e.METRICS_PORT === (e.PORT ?? '3000')) problems.push('METRICS_PORT: must differ from PORT');
  }
  return problems;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset (`FOO=` in an env file).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(present);
  // zod's messages describe the expected form, not the received value.
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
  problems.push(...crossChecks(present));
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const trustProxy = (e.TRUST_PROXY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    new TrustedProxies(trustProxy);
  } catch (err) {
    throw new Error(`Invalid configuration: ${(err as Error).message}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL || undefined,
    publicOrigins: (e.PUBLIC_ORIGIN ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxy,
    sessionDays: e.SESSION_DAYS,
    sessionCacheMs: e.SESSION_CACHE_MS,
    secretKey: e.SECRET_KEY || undefined,
    seedDemo: e.SEED_DEMO,
    fixedNow: e.FIXED_NOW ? new Date(e.FIXED_NOW) : undefined,
    retentionMonths: e.RETENTION_MONTHS,
    huisverbodAdviceDay: e.HUISVERBOD_ADVICE_DAY,
    jobsTickMs: e.JOBS_TICK_SECONDS * 1000,
    smtpUrl: e.SMTP_URL || undefined,
    smtpFrom: e.SMTP_FROM,
    logLevel: e.LOG_LEVEL,
    staticDir: e.STATIC_DIR,
    production: e.NODE_ENV === 'production',
    metricsPort: e.METRICS_PORT,
    metricsHost: e.METRICS_HOST ?? e.HOST,
    metricsToken: e.METRICS_TOKEN,
    durability: {
      flushWindowMs: e.FLUSH_WINDOW_MS,
      dbQueryTimeoutMs: e.DB_QUERY_TIMEOUT_MS,
      dbConnectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
      dbWriteTimeoutMs: e.DB_WRITE_TIMEOUT_MS,
      healthDbTimeoutMs: e.HEALTH_DB_TIMEOUT_MS,
      shutdownFlushMs: e.SHUTDOWN_FLUSH_MS,
    },
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
  };
}

/** For commands (server, backup, restore): the config, or one line per problem on stderr and exit code 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems) process.stderr.write(`Invalid setting ${problem}\n`);
    process.exit(1);
  }
}
