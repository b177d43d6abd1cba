// Wall-clock time in Europe/Amsterdam, whatever the computer's own time zone: a casusoverleg typed as 14:00
// is 14:00 in Amsterdam, on a laptop set to UTC or New York as well. Used by the meeting form (entering) and
// by the seed; showing goes through the formatters in labels.ts, which also fix the zone.
export const TIME_ZONE = 'Europe/Amsterdam';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Amsterdam wall-clock fields of an instant. */
function wallFields(ms: number) {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: +p.year!, mo: +p.month!, d: +p.day!, h: +p.hour!, mi: +p.minute!, s: +p.second! };
}

/** Amsterdam's offset from UTC at an instant, in ms (+1 h in winter, +2 h in summer). */
function offsetAt(ms: number): number {
  const f = wallFields(ms);
  return Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s) - Math.floor(ms / 1000) * 1000;
}

/** "2026-11-24T14:00" (Amsterdam wall time, as a datetime-local input gives it) → ISO instant. */
export function amsterdamWallTimeToIso(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`not a local date-time: ${local}`);
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  // Subtract the offset valid at the result (twice, so times next to a DST change land right).
  let ms = asUtc - offsetAt(asUtc);
  ms = asUtc - offsetAt(ms);
  return new Date(ms).toISOString();
}

/** ISO instant → "2026-11-24T14:00" in Amsterdam wall time (for a datetime-local input). */
export function isoToAmsterdamWallTime(iso: string | Date): string {
  return amsterdamTimestamp(iso).slice(0, 16).replace(' ', 'T');
}

/** ISO instant → "2026-11-24 14:00:05" in Amsterdam wall time (sortable; for CSV exports). */
export function amsterdamTimestamp(iso: string | Date): string {
  const f = wallFields(new Date(iso).getTime());
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${f.y}-${pad(f.mo)}-${pad(f.d)} ${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}`;
}
