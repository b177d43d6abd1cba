// Decides, from the upgrade request alone and before any Yjs message, whether a socket may join a
// document: session cookie, Origin, and the household policy (the same `can` the HTTP routes use).
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { eq } from 'drizzle-orm';
import type { AppEnv, Deps } from '../context.ts';
import { SESSION_COOKIE, clientIp, isSameOrigin } from '../auth/middleware.ts';
import { documents } from '../db/schema.ts';
import { isUuid, roleIn } from '../households/access.ts';
import { can } from '../policies/household.ts';
import { CloseCode } from '../../shared/limits.ts';
import type { Principal } from './connection.ts';

export type UpgradeVerdict =
  | { ok: true; principal: Principal; documentId: string; householdId: string }
  | { ok: false; code: number; reason: string };

const refuse = (code: number, reason: string): UpgradeVerdict => ({ ok: false, code, reason });
// Outsiders and missing documents get the same answer, so ids cannot be probed.
const noAccess = () => refuse(CloseCode.Forbidden, 'Geen toegang tot dit document');

export async function authorizeUpgrade(deps: Deps, c: Context<AppEnv>, documentId: string): Promise<UpgradeVerdict> {
  if (!isSameOrigin(c, deps.config.publicOrigins)) return refuse(CloseCode.Forbidden, 'Verbinding vanaf een andere website geweigerd');
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return refuse(CloseCode.Unauthorized, 'Je bent niet ingelogd');
  const { user, session } = await deps.sessions.validateSessionToken(token);
  if (!user || !session) return refuse(CloseCode.Unauthorized, 'Je sessie is verlopen; log opnieuw in');
  if (!isUuid(documentId)) return noAccess();
  const [document] = await deps.db.select({ householdId: documents.householdId }).from(documents).where(eq(documents.id, documentId));
  if (!document) return noAccess();
  const role = await roleIn(deps.db, user.id, document.householdId);
  if (role === null || !can({ admin: user.admin, role }, 'read')) return noAccess();
  return { ok: true, documentId, householdId: document.householdId, principal: { user, sessionId: session.id, role, ip: clientIp(c) } };
}
