// What of a household's live events a participant may receive: the event stream passes each event through
// here with the participant's current view, so an `afspraken` partner receives only their organisation's
// actions (without persons or document links) and the participant list, and nothing of the plan, minutes,
// attendance or evaluations. A `signaal` participant has no stream at all (the access seam refuses it).
import type { HouseholdEvent } from '../../shared/board.ts';
import type { InfoLevel } from '../../shared/enums.ts';
import { levelShowsAction } from '../../shared/policy.ts';
import { actionForLevel } from '../board/presenter.ts';

export interface StreamView {
  level: InfoLevel | null;
  organizationId: string;
}

/** The event as this view may see it, a stand-in (`action.hidden`), or null: not sent. */
export function eventForView(e: HouseholdEvent, view: StreamView): HouseholdEvent | null {
  const { level, organizationId } = view;
  if (level === null || level === 'volledig') return e;
  if (level === 'signaal') return null;
  switch (e.type) {
    case 'participants.updated':
      return e;
    case 'action.created':
    case 'action.updated': {
      const { action, formerOwnerOrganizationId } = (e as HouseholdEvent<'action.updated'>).payload;
      if (levelShowsAction(level, organizationId, action.ownerOrganization?.id ?? null)) {
        return { ...e, payload: { action: actionForLevel(action, level) } };
      }
      // It was theirs and moved away: only its id, so their board drops it.
      if (formerOwnerOrganizationId != null && levelShowsAction(level, organizationId, formerOwnerOrganizationId)) {
        const hidden: HouseholdEvent<'action.hidden'> = {
          householdId: e.householdId,
          seq: e.seq,
          at: e.at,
          type: 'action.hidden',
          payload: { actionId: action.id },
        };
        return hidden;
      }
      return null;
    }
    default:
      return null;
  }
}
