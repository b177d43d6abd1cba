// Response shapes of the regional casusoverleg: its agenda as one viewer may see it, meeting mode, and the
// overview of agreements after the meeting. What an agenda item shows is decided per viewer on the server
// (server/casusoverleg/visibility.ts); the client renders what it gets and never widens it.
import type { Action } from './board.ts';
import type { CasusoverlegStatus, HouseholdRole, HouseholdStatus, InfoLevel, OrganizationKind, EvaluationVerdict } from './enums.ts';

export interface PersonRefLite {
  id: string;
  name: string;
  organization: string;
}

/** How much of an agenda item the viewer sees: its household in full, only its reference, or nothing ("Besloten casus"). */
export type AgendaItemVisibility = 'volledig' | 'afspraken' | 'besloten';

interface AgendaItemBase {
  id: string;
  position: number;
  slotStart: string;
  slotMinutes: number;
  /** The viewer may change this item's time slot or take it off the agenda (the chair, the planner, or the household's regievoerder). */
  mayEdit: boolean;
}

/** "Besloten casus": only the time slot; never a reference, a name or an id of the household. */
export interface ClosedAgendaItem extends AgendaItemBase {
  visibility: 'besloten';
}

/** The viewer's own standing in the item's household (what the client asks the shared rule book about). */
export interface AgendaHouseholdRights {
  myRole: HouseholdRole | null;
  myLevel: InfoLevel | null;
  status: HouseholdStatus;
}

export interface ReferenceAgendaItem extends AgendaItemBase {
  visibility: 'afspraken';
  householdId: string;
  reference: string;
  household: AgendaHouseholdRights;
}

export interface FullAgendaItem extends AgendaItemBase {
  visibility: 'volledig';
  householdId: string;
  reference: string;
  displayName: string;
  /** This household's minutes of this casusoverleg (a `meeting` document). */
  documentId: string;
  minutesLocked: boolean;
  household: AgendaHouseholdRights;
}

export type AgendaItemView = ClosedAgendaItem | ReferenceAgendaItem | FullAgendaItem;

export interface CasusoverlegSummary {
  id: string;
  title: string;
  startsAt: string;
  /** The end of the last time slot (null with an empty agenda). */
  endsAt: string | null;
  place: string;
  onlineLink: string;
  status: CasusoverlegStatus;
  chair: PersonRefLite;
  itemCount: number;
}

export interface CasusoverlegDetail extends CasusoverlegSummary {
  currentItemId: string | null;
  startedAt: string | null;
  closedAt: string | null;
  plannedBy: PersonRefLite;
  /** Bumped by every change; a live hint carries only this number. */
  revision: number;
  items: AgendaItemView[];
  my: {
    /** The voorzitter: starts the meeting, moves it on ("Volgende casus") and closes it. */
    chair: boolean;
    /** The chair or the planner: changes the facts, the order and any item's slot. */
    organiser: boolean;
  };
}

/** GET /api/casusoverleggen */
export interface CasusoverlegListResponse {
  upcoming: CasusoverlegSummary[];
  past: CasusoverlegSummary[];
}

/** GET/POST/PATCH /api/casusoverleggen/:id and the agenda routes. */
export interface CasusoverlegResponse {
  casusoverleg: CasusoverlegDetail;
}

/** GET /api/casusoverleggen/planning: what the signed-in user can put on an agenda, and who can chair. */
export interface CasusoverlegPlanningResponse {
  /** Open households the user directs (only these can they put on an agenda). */
  households: { id: string; reference: string; displayName: string }[];
  /** The user and the people they work with in those households. */
  chairCandidates: PersonRefLite[];
}

/** GET /api/casusoverleggen/:id/vergadering: meeting mode. */
export interface MeetingModeResponse {
  casusoverleg: CasusoverlegDetail;
  /** The item under discussion as this viewer may see it, with the plan summary only at `volledig`. */
  current: { item: AgendaItemView; planSummary: string | null } | null;
}

/** Live hint on GET /api/casusoverleggen/:id/events (`event: changed`): no content, re-read over HTTP. */
export interface CasusoverlegHint {
  casusoverlegId: string;
  revision: number;
}

// --- after the meeting: new and changed agreements per organisation ---

export interface OverviewAgreement {
  action: Action;
  /** Created during the meeting (else: changed during it). */
  isNew: boolean;
  /** The verdict given in this casusoverleg's evaluation block, if any. */
  verdict: EvaluationVerdict | null;
  household: { id: string; reference: string; displayName: string };
}

export interface OverviewOrganization {
  /** The owning organisation; null: agreements nobody owns. */
  organization: { id: string; name: string; kind: OrganizationKind } | null;
  agreements: OverviewAgreement[];
}

/** GET /api/casusoverleggen/:id/overzicht: as far as the viewer's households and levels reach. */
export interface CasusoverlegOverviewResponse {
  casusoverleg: CasusoverlegSummary;
  /** The meeting window the agreements were made or changed in. */
  window: { from: string; to: string };
  /** The chair closed the meeting (before that the overview is "tot nu toe"). */
  final: boolean;
  organizations: OverviewOrganization[];
  /** Agenda items the viewer does not see into (their agreements are not in this overview). */
  closedItems: number;
}
