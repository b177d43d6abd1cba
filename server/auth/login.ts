// Checks an e-mail and password. Unknown accounts still cost one argon2 verify, so timing does not tell
// which e-mail addresses exist.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organizations, users } from '../db/schema.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import type { SessionUser } from './session.ts';

export type LoginResult = { ok: true; user: SessionUser } | { ok: false; userId: string | null; organizationId: string | null };

export async function checkCredentials(db: Db, email: string, password: string): Promise<LoginResult> {
  const [row] = await db
    .select({ user: users, organization: { id: organizations.id, name: organizations.name, kind: organizations.kind } })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.email, email));
  if (!row) {
    await verifyPassword(await dummyPasswordHash(), password);
    return { ok: false, userId: null, organizationId: null };
  }
  const ok = (await verifyPassword(row.user.passwordHash, password)) && !row.user.disabled;
  if (!ok) return { ok: false, userId: row.user.id, organizationId: row.organization.id };
  const { id, name, admin } = row.user;
  return { ok: true, user: { id, email: row.user.email, name, admin, organization: row.organization } };
}
