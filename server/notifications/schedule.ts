// Wall-clock times in the Netherlands for daily jobs (the daily summary at 7.00, summer and winter time alike).
import { addDays, amsterdamDay } from '../../shared/huisverbod.ts';

const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' });

/** The instant it is `hour`:00 in Amsterdam on `day` (YYYY-MM-DD). */
export function amsterdamTime(day: string, hour: number): Date {
  const hh = String(hour).padStart(2, '0');
  // Amsterdam is UTC+1 in winter and UTC+2 in summer: one of the two names the right instant.
  for (const offset of ['+01:00', '+02:00']) {
    const at = new Date(`${day}T${hh}:00:00${offset}`);
    if (amsterdamDay(at) === day && Number(hourFormat.format(at)) === hour) return at;
  }
  return new Date(`${day}T${hh}:00:00+01:00`);
}

/** The next `hour`:00 in Amsterdam strictly after `now`. */
export function nextAmsterdamHour(now: Date, hour: number): Date {
  const today = amsterdamTime(amsterdamDay(now), hour);
  return today.getTime() > now.getTime() ? today : amsterdamTime(addDays(amsterdamDay(now), 1), hour);
}
