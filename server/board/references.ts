// Checks that what an action points at exists and belongs to the action's household (400 otherwise).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { documents, householdPersons, organizations, participations } from '../db/schema.ts';
import { badRequest } from '../errors.ts';

export interface ActionReferences {
  ownerOrganizationId?: string | null;
  personId?: string | null;
  sourceDocumentId?: string | null;
  assignedUserId?: string | null;
  dueDate?: string | null;
}

export function assertValidDate(day: string | null | undefined): void {
  if (!day) return;
  const d = new Date(day + 'T00:00:00Z');
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) {
    throw badRequest('INVALID_DATE', 'Deze datum bestaat niet.');
  }
}

export async function assertReferences(db: DbOrTx, householdId: string, refs: ActionReferences): Promise<void> {
  assertValidDate(refs.dueDate);
  if (refs.ownerOrganizationId) {
    const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, refs.ownerOrganizationId));
    if (!org) throw badRequest('UNKNOWN_ORGANIZATION', 'Deze organisatie bestaat niet.');
  }
  if (refs.personId) {
    const [p] = await db
      .select({ id: householdPersons.id })
      .from(householdPersons)
      .where(and(eq(householdPersons.id, refs.personId), eq(householdPersons.householdId, householdId)));
    if (!p) throw badRequest('UNKNOWN_PERSON', 'Deze persoon hoort niet bij dit huishouden.');
  }
  if (refs.sourceDocumentId) {
    const [d] = await db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.id, refs.sourceDocumentId), eq(documents.householdId, householdId)));
    if (!d) throw badRequest('UNKNOWN_DOCUMENT', 'Dit document hoort niet bij dit huishouden.');
  }
  if (refs.assignedUserId) {
    const [p] = await db
      .select({ role: participations.role })
      .from(participations)
      .where(and(eq(participations.userId, refs.assignedUserId), eq(participations.householdId, householdId)));
    if (!p || p.role === 'observer') {
      throw badRequest('NOT_A_PARTICIPANT', 'Een actie kan alleen worden toegewezen aan een partner of regievoerder van dit huishouden.');
    }
  }
}
