// The huisverbod clock beyond the day count (shared by server and client): Veilig Thuis's advice step and the
// burgemeester's decision on an extension, recorded by the gemeente.
import { can } from './policy.ts';
import { HUISVERBOD_DAYS, HUISVERBOD_MAX_DAYS, type HouseholdRole, type InfoLevel } from './enums.ts';
import { addDays } from './huisverbod.ts';

/** The title of the advice action the clock puts on the board on day 0. */
export const ADVICE_ACTION_TITLE = 'Advies verlenging huisverbod';

/** Due date of the advice action: day `adviceDay` counted from the start (day 0). */
export const adviceDueDate = (start: string, adviceDay: number) => addDays(start, adviceDay);

/**
 * Who records the burgemeester's decision: the gemeente. That is the household's regievoerder (appointed by the
 * gemeente) or a participant who may write and works for an organisation of kind `gemeente`. Never in a closed case.
 */
export function mayRecordHuisverbodDecision(actor: {
  role: HouseholdRole | null;
  closed: boolean;
  level: InfoLevel | null;
  organizationKind: string;
}): boolean {
  const a = { admin: false, role: actor.role, closed: actor.closed, level: actor.level };
  if (!can(a, 'write')) return false;
  return can(a, 'direct') || actor.organizationKind === 'gemeente';
}

/** The end dates a "verlengd" decision may set: after the first 10 days, at most 28 days after the start. */
export function extensionBounds(start: string): { min: string; max: string } {
  return { min: addDays(start, HUISVERBOD_DAYS + 1), max: addDays(start, HUISVERBOD_MAX_DAYS) };
}
