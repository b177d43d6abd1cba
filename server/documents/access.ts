// Loads a document and authorises the user on its household in one step (the household policy decides).
// Missing ids, malformed ids and documents of households the user is not in all answer the same 404.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { documents } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { authorizeHousehold, isUuid } from '../households/access.ts';
import type { HouseholdAction } from '../policies/household.ts';
import type { SessionUser } from '../auth/session.ts';
import type { HouseholdRole } from '../../shared/enums.ts';

export type DocumentRow = typeof documents.$inferSelect;

export const documentNotFound = () => new AppError(404, 'NOT_FOUND', 'Dit document bestaat niet of je hebt er geen toegang toe.');

export async function authorizeDocument(
  db: DbOrTx,
  user: SessionUser,
  documentId: string,
  action: HouseholdAction,
): Promise<{ document: DocumentRow; role: HouseholdRole | null }> {
  if (!isUuid(documentId)) throw documentNotFound();
  const [document] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!document) throw documentNotFound();
  try {
    const { role } = await authorizeHousehold(db, user, document.householdId, action);
    return { document, role };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw documentNotFound();
    throw err;
  }
}
