// The legal basis (grondslag) for sharing a household's data and the partner that brought the case in.
// Recorded at creation; a change always carries a reason and is audited (the Logboek shows both).
import { eq, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { households, organizations } from '../db/schema.ts';
import { badRequest } from '../errors.ts';
import { audit, auditActor } from '../audit/log.ts';
import type { GrondslagChangeInput } from '../../shared/schemas.ts';
import type { Organization } from '../../shared/api.ts';
import type { HouseholdRow } from '../access/authorize.ts';
import type { ActorContext } from './service.ts';

export async function assertOrganizationExists(db: DbOrTx, organizationId: string): Promise<Organization> {
  const [org] = await prepared(db, 'organization_by_id', (db) =>
    db
      .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
      .from(organizations)
      .where(eq(organizations.id, sql.placeholder('organizationId')))
      .prepare('organization_by_id'),
  ).execute({ organizationId });
  if (!org) throw badRequest('UNKNOWN_ORGANIZATION', 'Deze organisatie bestaat niet.');
  return org;
}

export async function referringOrganization(db: DbOrTx, household: HouseholdRow): Promise<Organization | null> {
  return household.referringOrganizationId ? assertOrganizationExists(db, household.referringOrganizationId) : null;
}

export async function changeGrondslag(db: Db, household: HouseholdRow, input: GrondslagChangeInput, actor: ActorContext): Promise<HouseholdRow> {
  return db.transaction(async (tx) => {
    await assertOrganizationExists(tx, input.referringOrganizationId);
    const [h] = await tx
      .update(households)
      .set({ grondslag: input.grondslag, grondslagNote: input.grondslagNote, referringOrganizationId: input.referringOrganizationId, updatedAt: actor.now })
      .where(eq(households.id, household.id))
      .returning();
    await audit(tx, {
      ...auditActor(actor),
      householdId: household.id,
      event: 'household.grondslag',
      target: input.grondslag,
      details: {
        from: { grondslag: household.grondslag, referringOrganizationId: household.referringOrganizationId },
        to: { grondslag: input.grondslag, referringOrganizationId: input.referringOrganizationId },
        reason: input.reason,
      },
    });
    return h!;
  });
}
