// Huisverbod timeline arithmetic on calendar days (YYYY-MM-DD, Europe/Amsterdam), shared by server and client.
import { HUISVERBOD_DAYS, HUISVERBOD_MAX_DAYS } from './enums.ts';

export interface HuisverbodTimeline {
  start: string;
  /** Plan van aanpak must be ready by this day (start + 10 days). */
  planDue: string;
  /** Last day of the huisverbod: the extension if any, else start + 10 days. */
  end: string;
  /** Latest allowed end date (start + 28 days). */
  maxEnd: string;
  extended: boolean;
  /** 1-based day number today (day 1 = start day); 0 before the start. */
  day: number;
  totalDays: number;
  daysUntilPlanDue: number;
  daysUntilEnd: number;
  active: boolean;
}

const DAY_MS = 86_400_000;

export function addDays(isoDay: string, days: number): string {
  const d = new Date(isoDay + 'T00:00:00Z');
  return new Date(d.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(fromIsoDay: string, toIsoDay: string): number {
  return Math.round((Date.parse(toIsoDay + 'T00:00:00Z') - Date.parse(fromIsoDay + 'T00:00:00Z')) / DAY_MS);
}

/** Today's calendar date in Europe/Amsterdam. */
/** Made once: building an Intl.DateTimeFormat costs far more than formatting with it (it ran per action presented). */
const AMSTERDAM_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

export function amsterdamDay(now: Date): string {
  return AMSTERDAM_DAY.format(now);
}

export function huisverbodTimeline(start: string, extendedUntil: string | null, today: string): HuisverbodTimeline;
export function huisverbodTimeline(start: string | null, extendedUntil: string | null, today: string): HuisverbodTimeline | null;
export function huisverbodTimeline(start: string | null, extendedUntil: string | null, today: string): HuisverbodTimeline | null {
  if (!start) return null;
  const planDue = addDays(start, HUISVERBOD_DAYS);
  const end = extendedUntil ?? planDue;
  const day = daysBetween(start, today) + 1;
  return {
    start,
    planDue,
    end,
    maxEnd: addDays(start, HUISVERBOD_MAX_DAYS),
    extended: extendedUntil !== null,
    day: Math.max(0, day),
    totalDays: daysBetween(start, end),
    daysUntilPlanDue: daysBetween(today, planDue),
    daysUntilEnd: daysBetween(today, end),
    active: day >= 1 && daysBetween(today, end) >= 0,
  };
}

/**
 * The warning on the household page: from two days before the plan van aanpak is due (and after), as long as
 * the huisverbod runs and no plan is vastgesteld. Null when there is nothing to warn about.
 */
export function planDeadlineWarning(t: HuisverbodTimeline | null, planEstablished: boolean): { daysLeft: number } | null {
  if (!t?.active || planEstablished || t.daysUntilPlanDue > 2) return null;
  return { daysLeft: t.daysUntilPlanDue };
}
