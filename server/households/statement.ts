// The geheimhoudingsverklaring (confidentiality statement): its text is an installation setting kept by the
// functioneel beheerder; each participant confirms it once per household before the access seam lets them
// reach any content of it (server/access/authorize.ts, STATEMENT_REQUIRED). Both are audited.
import { createHash } from 'node:crypto';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { installationSettings, participations } from '../db/schema.ts';
import { audit, auditActor } from '../audit/log.ts';
import type { HouseholdGrant } from '../access/authorize.ts';
import type { ActorContext } from './service.ts';
import type { StatementSettingInput } from '../../shared/schemas.ts';
import type { StatementSetting } from '../../shared/api.ts';

const KEY = 'confidentiality_statement';

/** Used until a beheerder sets the installation's own text (README: "Geheimhoudingsverklaring"). */
export const DEFAULT_STATEMENT = [
  'Ik verklaar dat ik de gegevens van dit huishouden uitsluitend gebruik voor het plan van aanpak en voor de taak die mijn organisatie daarin heeft.',
  'Ik deel deze gegevens niet met anderen dan de deelnemers aan deze casus, tenzij een wettelijke plicht mij daartoe verplicht.',
  'Ik neem geheimhouding in acht over alles wat mij in deze casus bekend wordt, ook nadat mijn deelname is beëindigd',
  '(AVG art. 5 en 9, Convenant Zorg- en Veiligheidshuizen, Wet verplichte meldcode).',
].join(' ');

/** A short fingerprint of a text: which version someone confirmed, without copying it into every audit row. */
export const textHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

export async function readStatement(db: Db): Promise<StatementSetting> {
  const [row] = await db.select().from(installationSettings).where(eq(installationSettings.key, KEY));
  return { text: row?.value ?? DEFAULT_STATEMENT, isDefault: !row, updatedAt: row?.updatedAt.toISOString() ?? null };
}

/** The beheerder sets the text; with `reconfirm`, every participant confirms the new text before their next access. */
export async function setStatement(db: Db, input: StatementSettingInput, actor: ActorContext): Promise<StatementSetting> {
  return db.transaction(async (tx) => {
    const values = { key: KEY, value: input.text, updatedBy: actor.user.id, updatedAt: actor.now };
    await tx.insert(installationSettings).values(values).onConflictDoUpdate({ target: installationSettings.key, set: values });
    let reset = 0;
    if (input.reconfirm) {
      const rows = await tx
        .update(participations)
        .set({ statementConfirmedAt: null })
        .where(isNotNull(participations.statementConfirmedAt))
        .returning({ userId: participations.userId });
      reset = rows.length;
    }
    await audit(tx, {
      ...auditActor(actor),
      event: 'settings.statement',
      details: { hash: textHash(input.text), length: input.text.length, reconfirm: input.reconfirm, reset },
    });
    return { text: input.text, isDefault: false, updatedAt: actor.now.toISOString() };
  });
}

/** The participant confirms the statement for this household (once; a repeat is a no-op). Returns when. */
export async function confirmStatement(db: Db, grant: HouseholdGrant, actor: ActorContext): Promise<Date> {
  const p = grant.participation;
  if (!p) throw new Error('confirmStatement needs a participation'); // the route requires one
  if (p.statementConfirmedAt) return p.statementConfirmedAt;
  const { text } = await readStatement(db);
  return db.transaction(async (tx) => {
    // Conditional: of two confirmations at once, one sets it and writes the audit row.
    const [row] = await tx
      .update(participations)
      .set({ statementConfirmedAt: actor.now })
      .where(and(eq(participations.householdId, grant.household.id), eq(participations.userId, actor.user.id), isNull(participations.statementConfirmedAt)))
      .returning({ at: participations.statementConfirmedAt });
    if (!row) return actor.now;
    await audit(tx, {
      ...auditActor(actor),
      householdId: grant.household.id,
      event: 'statement.confirmed',
      target: actor.user.id,
      details: { hash: textHash(text) },
    });
    return row.at ?? actor.now;
  });
}
