// /api/auth/login, /api/auth/logout, /api/me.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import { parseBody } from '../http.ts';
import { audit } from '../audit/log.ts';
import { LoginInput } from '../../shared/schemas.ts';
import { clearSessionCookie, requireUser, setSessionCookie } from './middleware.ts';
import { checkCredentials } from './login.ts';
import { generateSessionToken } from './session.ts';
import { SESSION_ENDED_TOPIC } from '../realtime/hub.ts';

const invalidCredentials = () => new AppError(401, 'INVALID_CREDENTIALS', 'E-mailadres of wachtwoord klopt niet.');

function throttled(retryAfterSeconds: number) {
  return new AppError(
    429,
    'TOO_MANY_ATTEMPTS',
    `Te veel mislukte inlogpogingen. Probeer het over ${retryAfterSeconds} seconden opnieuw.`,
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

export function authRoutes(deps: Deps) {
  const { db, throttle } = deps;
  // Per account: a few tries. Per IP: more, since a whole office may share one address.
  const ipThrottle = deps.ipThrottle;
  const app = new Hono<AppEnv>();

  app.post('/auth/login', async (c) => {
    const input = await parseBody(c, LoginInput);
    const ip = c.get('ip') ?? 'unknown';
    const checks = [
      { t: throttle, key: `account:${input.email}` },
      { t: ipThrottle, key: `ip:${ip}` },
    ];
    for (const { t, key } of checks) {
      const decision = await t.check(key);
      if (!decision.allowed) throw throttled(decision.retryAfterSeconds);
    }
    const result = await checkCredentials(db, input.email, input.password);
    if (!result.ok) {
      for (const { t, key } of checks) await t.fail(key);
      await audit(db, { userId: result.userId, organizationId: result.organizationId, event: 'login.failure', target: input.email, ip });
      throw invalidCredentials();
    }
    await throttle.succeed(checks[0]!.key);
    const token = generateSessionToken();
    const session = await deps.sessions.createSession(token, result.user.id);
    setSessionCookie(c, token, session.expiresAt);
    await audit(db, { userId: result.user.id, organizationId: result.user.organization.id, event: 'login.success', target: input.email, ip });
    return c.json({ user: result.user });
  });

  app.post('/auth/logout', async (c) => {
    const session = c.get('session');
    const user = c.get('user');
    if (session && user) {
      await deps.sessions.invalidateSession(session.id);
      // Live document sockets opened with this session close at once.
      deps.hub.publish(SESSION_ENDED_TOPIC, { sessionId: session.id });
      await audit(db, { userId: user.id, organizationId: user.organization.id, event: 'logout', ip: c.get('ip') });
    }
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  app.get('/me', (c) => c.json({ user: requireUser(c) }));

  return app;
}
