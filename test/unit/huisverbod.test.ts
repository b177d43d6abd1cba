// Huisverbod arithmetic on calendar days, and when the plan deadline warning shows.
import { describe, expect, it } from 'vitest';
import { amsterdamDay, huisverbodTimeline, planDeadlineWarning } from '../../shared/huisverbod.ts';

describe('huisverbod timeline', () => {
  it('counts day 4 of 10 three days after the start, with the plan due ten days after it', () => {
    expect(huisverbodTimeline('2026-11-20', null, '2026-11-23')).toMatchObject({
      day: 4,
      totalDays: 10,
      planDue: '2026-11-30',
      end: '2026-11-30',
      maxEnd: '2026-12-18',
      daysUntilPlanDue: 7,
      active: true,
    });
  });

  it('an extension moves the end, not the plan deadline', () => {
    expect(huisverbodTimeline('2026-11-20', '2026-12-10', '2026-11-23')).toMatchObject({
      totalDays: 20,
      planDue: '2026-11-30',
      end: '2026-12-10',
      extended: true,
    });
  });

  it('is no longer active after its end date', () => {
    expect(huisverbodTimeline('2026-10-01', null, '2026-11-23')!.active).toBe(false);
  });

  it('takes "today" in Europe/Amsterdam, not UTC', () => {
    expect(amsterdamDay(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
  });
});

describe('plan deadline warning', () => {
  const t = (today: string) => huisverbodTimeline('2026-11-20', null, today);
  it('is silent until two days before the plan is due', () => {
    expect(planDeadlineWarning(t('2026-11-27'), false)).toBeNull();
    expect(planDeadlineWarning(t('2026-11-28'), false)).toEqual({ daysLeft: 2 });
  });
  it('keeps warning after the deadline while an extended huisverbod runs, with the days past as a negative number', () => {
    expect(planDeadlineWarning(huisverbodTimeline('2026-11-20', '2026-12-10', '2026-12-01'), false)).toEqual({ daysLeft: -1 });
  });
  it('is silent once a plan is vastgesteld, or without an active huisverbod', () => {
    expect(planDeadlineWarning(t('2026-11-29'), true)).toBeNull();
    expect(planDeadlineWarning(null, false)).toBeNull();
    expect(planDeadlineWarning(t('2026-12-20'), false)).toBeNull();
  });
});
