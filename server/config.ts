// The only reader of process.env. Parsed once at start-up; invalid settings fail fast.
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  REDIS_URL: z.string().optional(),
  /** Public origin(s) of the app, comma separated, e.g. https://casustafel.example.nl. Used for the Origin check. */
  PUBLIC_ORIGIN: z.string().optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /** Seed demo data into an empty embedded database at start-up (never into DATABASE_URL). */
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  /** Fixed "now" (ISO) for demos and browser tests of date logic; unset in production. */
  FIXED_NOW: z.string().datetime({ offset: true }).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  STATIC_DIR: z.string().default('./dist/client'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  redisUrl?: string;
  publicOrigins: string[];
  sessionDays: number;
  seedDemo: 'auto' | 'never';
  fixedNow?: Date;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  staticDir: string;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL || undefined,
    publicOrigins: (e.PUBLIC_ORIGIN ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    sessionDays: e.SESSION_DAYS,
    seedDemo: e.SEED_DEMO,
    fixedNow: e.FIXED_NOW ? new Date(e.FIXED_NOW) : undefined,
    logLevel: e.LOG_LEVEL,
    staticDir: e.STATIC_DIR,
  };
}
