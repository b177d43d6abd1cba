// Checks an e-mail and password. Unknown accounts still cost one argon2 verify, so timing does not tell
// which e-mail addresses exist.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organizations, users } from '../db/schema.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import type { SessionUser } from './session.ts';

export type LoginResult = { ok: true; user: SessionUser } | { ok: false; userId: string | null; organizationId: string | null };

export async function checkCredentials(
  db: Db,
  email: string,
  password: string,
  verify: (passwordHash: string, password: string) => Promise<boolean> = verifyPassword,
): Promise<LoginResult> {
  const [row] = await db
    .select({ user: users, organization: { id: organizations.id, name: organizations.name, kind: organizations.kind } })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.email, email));
  if (!row) {
    await verify(await dummyPasswordHash(), password);
    return { ok: false, userId: null, organizationId: null };
  }
  const ok = (await verify(row.user.passwordHash, password)) && !row.user.disabled;
  if (!ok) return { ok: false, userId: row.user.id, organizationId: row.organization.id };
  const { id, name, admin } = row.user;
  return { ok: true, user: { id, email: row.user.email, name, admin, organization: row.organization, secondFactor: false } };
}

/** The signed-in user as sessions present it; null when the account is gone or disabled. */
export async function sessionUserById(db: Db, userId: string, secondFactor: boolean): Promise<SessionUser | null> {
  const [row] = await db
    .select({ user: users, organization: { id: organizations.id, name: organizations.name, kind: organizations.kind } })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId));
  if (!row || row.user.disabled) return null;
  const { id, email, name, admin } = row.user;
  return { id, email, name, admin, organization: row.organization, secondFactor };
}
