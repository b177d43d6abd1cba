// The small rules Mijn acties and Meldingen share between server and browser: which due-date group an action is
// in, which actions are "mine", the daily summary's 7.00 in Dutch time (summer and winter), and that the in-app
// text says "een casus" whenever the server left the reference out.
import { describe, expect, it } from 'vitest';
import { dueGroup, isMine } from '../../shared/my-actions.ts';
import { notificationText } from '../../shared/notifications.ts';
import { nextAmsterdamHour } from '../../server/notifications/schedule.ts';

describe('Mijn acties rules', () => {
  it('groups by due date as the Overzicht regie counts a week (today up to and including today + 7)', () => {
    expect(dueGroup('2026-11-23', '2026-11-24')).toBe('overdue');
    expect(dueGroup('2026-11-24', '2026-11-24')).toBe('thisWeek');
    expect(dueGroup('2026-12-01', '2026-11-24')).toBe('thisWeek');
    expect(dueGroup('2026-12-02', '2026-11-24')).toBe('later');
    expect(dueGroup(null, '2026-11-24')).toBe('none');
  });

  it('an action is mine while open or claimed, when my organisation owns it or I have or was given it', () => {
    const me = { id: 'u1', organization: { id: 'o1' } };
    const base = { status: 'open' as const, ownerOrganization: null, claimedBy: null, assignedUser: null };
    expect(isMine({ ...base, ownerOrganization: { id: 'o1' } } as never, me)).toBe(true);
    expect(isMine({ ...base, status: 'claimed', claimedBy: { id: 'u1' } } as never, me)).toBe(true);
    expect(isMine({ ...base, assignedUser: { id: 'u1' } } as never, me)).toBe(true);
    expect(isMine({ ...base, ownerOrganization: { id: 'o2' } } as never, me)).toBe(false);
    expect(isMine({ ...base, status: 'done', ownerOrganization: { id: 'o1' } } as never, me)).toBe(false);
  });
});

describe('Meldingen rules', () => {
  it('the daily summary is due at 7.00 Dutch time, winter (UTC+1) and summer (UTC+2)', () => {
    expect(nextAmsterdamHour(new Date('2026-01-10T05:00:00Z'), 7).toISOString()).toBe('2026-01-10T06:00:00.000Z');
    expect(nextAmsterdamHour(new Date('2026-01-10T06:00:00Z'), 7).toISOString()).toBe('2026-01-11T06:00:00.000Z');
    expect(nextAmsterdamHour(new Date('2026-07-10T12:00:00Z'), 7).toISOString()).toBe('2026-07-11T05:00:00.000Z');
    // The night summer time starts (29 March 2026): still 7.00 on the clock.
    expect(nextAmsterdamHour(new Date('2026-03-28T23:30:00Z'), 7).toISOString()).toBe('2026-03-29T05:00:00.000Z');
  });

  it('says "een casus" and no title when the server left them out', () => {
    const hidden = { kind: 'action_assigned' as const, reference: null, actionTitle: null, organization: 'Politie Rotterdam' };
    expect(notificationText(hidden)).toBe('Een actie in een casus is toegewezen aan Politie Rotterdam.');
    expect(notificationText({ ...hidden, reference: 'HG-1', actionTitle: 'Bellen' })).toBe('Actie “Bellen” in HG-1 is toegewezen aan Politie Rotterdam.');
    expect(notificationText({ ...hidden, kind: 'participant_removed' })).toBe('Je neemt niet meer deel aan een casus.');
  });
});
