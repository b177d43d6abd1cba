import { describe, expect, it } from 'vitest';
import { amsterdamWallTimeToIso, isoToAmsterdamWallTime } from '../../shared/time.ts';
import { formatDateTime } from '../../shared/labels.ts';

describe('Amsterdam wall time', () => {
  it('14:00 typed in winter is 13:00 UTC, in summer 12:00 UTC, and shows as 14:00 again', () => {
    expect(amsterdamWallTimeToIso('2026-11-24T14:00')).toBe('2026-11-24T13:00:00.000Z');
    expect(amsterdamWallTimeToIso('2026-07-01T14:00')).toBe('2026-07-01T12:00:00.000Z');
    expect(isoToAmsterdamWallTime('2026-11-24T13:00:00.000Z')).toBe('2026-11-24T14:00');
    expect(formatDateTime(amsterdamWallTimeToIso('2026-07-01T14:00'))).toContain('14:00');
  });

  it('times next to the change to and from summer time land on the right instant', () => {
    // 29 March 2026: 02:00 → 03:00; 25 October 2026: 03:00 → 02:00.
    expect(amsterdamWallTimeToIso('2026-03-29T01:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(amsterdamWallTimeToIso('2026-03-29T03:30')).toBe('2026-03-29T01:30:00.000Z');
    expect(amsterdamWallTimeToIso('2026-10-25T04:00')).toBe('2026-10-25T03:00:00.000Z');
    for (const iso of ['2026-03-29T01:30:00.000Z', '2026-10-25T03:30:00.000Z', '2026-12-31T23:59:00.000Z']) {
      expect(amsterdamWallTimeToIso(isoToAmsterdamWallTime(iso))).toBe(iso);
    }
  });
});
