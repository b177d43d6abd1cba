// Factories: every test builds its own data with unique names, straight into the real database.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../server/db/client.ts';
import { documents, householdPersons, households, organizations, participations, users } from '../../server/db/schema.ts';
import { hashPassword } from '../../server/auth/password.ts';
import type { HouseholdRole, InfoLevel, OrganizationKind, PersonRole } from '../../shared/enums.ts';
import { ApiClient, TEST_PASSWORD } from './client.ts';

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

export async function createOrganization(db: Db, kind: OrganizationKind = 'maatschappelijk_werk', name = unique('Organisatie')) {
  const [org] = await db.insert(organizations).values({ name, kind }).returning();
  return org!;
}

export async function createUser(db: Db, opts: { admin?: boolean; organizationId?: string; name?: string; kind?: OrganizationKind } = {}) {
  const organizationId = opts.organizationId ?? (await createOrganization(db, opts.kind)).id;
  const [user] = await db
    .insert(users)
    .values({
      email: `${unique('user')}@example.test`.toLowerCase(),
      name: opts.name ?? unique('Gebruiker'),
      organizationId,
      admin: opts.admin ?? false,
      passwordHash: await testPasswordHash(),
    })
    .returning();
  return user!;
}

export async function createHousehold(
  db: Db,
  opts: { regievoerderId?: string; huisverbodStart?: string | null; persons?: { role: PersonRole; label: string; birthYear?: number }[] } = {},
) {
  const [h] = await db
    .insert(households)
    .values({
      reference: unique('HG').toUpperCase(),
      displayName: unique('Gezin'),
      huisverbodStart: opts.huisverbodStart ?? null,
      hasChildren: true,
      grondslag: 'huisverbod_wth',
    })
    .returning();
  await db.insert(documents).values({ householdId: h!.id, kind: 'plan', title: 'Plan van aanpak' });
  if (opts.regievoerderId) await addParticipant(db, h!.id, opts.regievoerderId, 'regievoerder');
  if (opts.persons?.length) await db.insert(householdPersons).values(opts.persons.map((p) => ({ ...p, householdId: h!.id })));
  return h!;
}

/**
 * A participation, by default at level volledig with the geheimhoudingsverklaring already confirmed (tests of
 * other rules start past the statement; the statement's own tests pass `confirmed: false`).
 */
export async function addParticipant(db: Db, householdId: string, userId: string, role: HouseholdRole, opts: { level?: InfoLevel; confirmed?: boolean } = {}) {
  await db
    .insert(participations)
    .values({ householdId, userId, role, level: opts.level ?? 'volledig', statementConfirmedAt: opts.confirmed === false ? null : new Date() });
}

/** A household with one user in each role, plus an outsider and an admin, each logged in. */
export async function householdWithCast(db: Db, baseUrl: string) {
  const regie = await createUser(db, { kind: 'gemeente' });
  const partner = await createUser(db, { kind: 'politie' });
  const observer = await createUser(db, { kind: 'veilig_thuis' });
  const outsider = await createUser(db, { kind: 'wijkteam' });
  const admin = await createUser(db, { admin: true, kind: 'gemeente' });
  const household = await createHousehold(db, { regievoerderId: regie.id, persons: [{ role: 'slachtoffer', label: 'S.' }] });
  await addParticipant(db, household.id, partner.id, 'partner');
  await addParticipant(db, household.id, observer.id, 'observer');
  const login = async (u: { email: string }) => new ApiClient(baseUrl).login(u.email);
  const [regieApi, partnerApi, observerApi, outsiderApi, adminApi] = await Promise.all([regie, partner, observer, outsider, admin].map(login));
  return {
    household,
    users: { regie, partner, observer, outsider, admin },
    api: { regie: regieApi!, partner: partnerApi!, observer: observerApi!, outsider: outsiderApi!, admin: adminApi! },
  };
}

/** The household's plan van aanpak (every household has one). */
export async function planOf(db: Db, householdId: string) {
  const [plan] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.householdId, householdId), eq(documents.kind, 'plan')));
  return plan!;
}
