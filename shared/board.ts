// Response shapes of the "wie doet wat" board, its live events, the regievoerder overview and the
// casusoverleg evaluation block. Server presenters produce exactly these; the client consumes them.
import type {
  ActionKind,
  ActionStatus,
  EvaluationReason,
  EvaluationVerdict,
  HouseholdRole,
  HuisverbodDecision,
  InfoLevel,
  OrganizationKind,
  PersonRole,
  Phase,
} from './enums.ts';
import type { HuisverbodTimeline } from './huisverbod.ts';
import type { AttendanceRow, DocumentSummary, Participant, Version } from './api.ts';

export interface OrganizationRef {
  id: string;
  name: string;
  kind: OrganizationKind;
}

export interface UserRef {
  id: string;
  name: string;
  organization: OrganizationRef;
}

export interface PersonRef {
  id: string;
  label: string;
  role: PersonRole;
}

export interface Action {
  id: string;
  householdId: string;
  title: string;
  details: string;
  /** `afspraak`, or a step the huisverbod clock put on the board (`huisverbod_advies`). */
  kind: ActionKind;
  status: ActionStatus;
  ownerOrganization: OrganizationRef | null;
  assignedUser: UserRef | null;
  claimedBy: UserRef | null;
  /** ISO timestamp. */
  claimedAt: string | null;
  /** YYYY-MM-DD (Europe/Amsterdam calendar day). */
  dueDate: string | null;
  person: PersonRef | null;
  completedBy: UserRef | null;
  completedAt: string | null;
  completionNote: string | null;
  sourceDocumentId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: UserRef | null;
  /** dueDate is before today (Europe/Amsterdam) and the action is still open or claimed. */
  overdue: boolean;
}

/** GET /api/households/:id/actions. `eventSeq` is the household's event sequence at read time:
 * connect the event stream with `?lastEventId=<eventSeq>` to receive exactly the changes after this list. */
export interface ActionListResponse {
  actions: Action[];
  eventSeq: number;
}

export interface ActionResponse {
  action: Action;
}

export const ACTION_EVENT_KINDS = ['created', 'claimed', 'released', 'completed', 'reopened', 'edited', 'cancelled', 'assigned'] as const;
export type ActionEventKind = (typeof ACTION_EVENT_KINDS)[number];

export interface ActionHistoryEvent {
  kind: ActionEventKind;
  at: string;
  user: UserRef | null;
  /** field → [old, new] */
  changes: Record<string, [unknown, unknown]>;
}

export interface ActionHistoryResponse {
  events: ActionHistoryEvent[];
}

// --- live household events (SSE) ---

export type HouseholdEventType =
  | 'action.created'
  | 'action.updated'
  /** Sent instead of an update to a participant the action has left (e.g. an `afspraken` partner whose organisation no longer owns it). */
  | 'action.hidden'
  | 'evaluation.updated'
  | 'document.updated'
  | 'attendance.updated'
  | 'version.created'
  | 'participants.updated'
  | 'huisverbod.decided';

export interface EvaluationEventPayload {
  documentId: string;
  evaluation: Evaluation;
}

export interface HouseholdEventPayloads {
  'action.created': { action: Action };
  /** `formerOwnerOrganizationId`: set when this change moved the action to another organisation. */
  'action.updated': { action: Action; formerOwnerOrganizationId?: string | null };
  'action.hidden': { actionId: string };
  'evaluation.updated': EvaluationEventPayload;
  /** A document was vastgesteld (locked) or reopened: open screens re-read it. */
  'document.updated': { document: DocumentSummary };
  'attendance.updated': { documentId: string; attendance: AttendanceRow[] };
  'version.created': { documentId: string; version: Version };
  'participants.updated': { participants: Participant[] };
  /** The burgemeester's decision on the huisverbod was recorded: open household pages re-read the clock. */
  'huisverbod.decided': { decision: HuisverbodDecision };
}

/** Events on the signed-in user's own stream (GET /api/me/events). */
export interface ParticipationChangedEvent {
  householdId: string;
  /** The user's role in the household now; null: removed (every open page of it must clear). */
  role: HouseholdRole | null;
  /** The user's information level now (null when removed): open pages re-read what they may show. */
  level: InfoLevel | null;
}

/** The `data` of one SSE message; the SSE `event` is `type` and the SSE `id` is `seq`. */
export interface HouseholdEvent<T extends HouseholdEventType = HouseholdEventType> {
  householdId: string;
  seq: number;
  type: T;
  at: string;
  payload: HouseholdEventPayloads[T];
}

/** `event: ready` sent first on every connection. `resumeFrom` is the seq after which events follow. */
export interface ReadyEvent {
  householdId: string;
  seq: number;
  resumeFrom: number;
}

/** `event: revoked` sent before the server ends a stream because the user's access was removed. */
export interface RevokedEvent {
  householdId: string;
  message: string;
}

// --- regievoerder overview ---

export interface HouseholdRefLite {
  id: string;
  reference: string;
  displayName: string;
}

export type OverviewAction = Action & { household: HouseholdRefLite };

export interface OverviewCounts {
  /** status open or claimed */
  open: number;
  /** status open (nobody has claimed it) */
  unclaimed: number;
  /** open or claimed with dueDate < today */
  overdue: number;
  /** open or claimed with today <= dueDate <= today + 7 */
  dueThisWeek: number;
}

export interface UrgencyReason {
  code: 'overdue_actions' | 'plan_due' | 'plan_overdue' | 'huisverbod_ending' | 'no_recent_meeting' | 'unclaimed_actions' | 'due_this_week';
  message: string;
}

export interface OverviewHousehold {
  householdId: string;
  reference: string;
  displayName: string;
  status: 'open' | 'closed';
  phase: Phase;
  huisverbod: HuisverbodTimeline | null;
  planDocumentId: string | null;
  planEstablished: boolean;
  /** ISO timestamp of the latest casusoverleg (meeting document) in the past, or null. */
  lastMeetingAt: string | null;
  lastMeetingDocumentId: string | null;
  /** No casusoverleg in the last `weeks` weeks. */
  noRecentMeeting: boolean;
  /** See HouseholdSummary.herhaaldIncident. */
  herhaaldIncident: boolean;
  counts: OverviewCounts;
  urgency: { score: number; reasons: UrgencyReason[] };
}

export interface OverviewResponse {
  today: string;
  weeks: number;
  counts: OverviewCounts;
  actions: {
    open: OverviewAction[];
    unclaimed: OverviewAction[];
    overdue: OverviewAction[];
    dueThisWeek: OverviewAction[];
  };
  /** Sorted by urgency, highest first. */
  households: OverviewHousehold[];
  /** Per organisation: agreements evaluated "niet gelukt — niet uitgevoerd door de partner" since `since`, in your households. */
  notCarriedOut: { since: string; organizations: NotCarriedOutCount[] };
}

export interface NotCarriedOutCount {
  organization: OrganizationRef;
  /** Distinct agreements (an agreement evaluated so in two meetings counts once). */
  count: number;
}

// --- casusoverleg evaluation block ---

export interface Evaluation {
  actionId: string;
  verdict: EvaluationVerdict;
  /** Why it was "niet gelukt"; null with any other verdict (and for evaluations saved before reasons existed). */
  reason: EvaluationReason | null;
  note: string;
  evaluatedBy: UserRef | null;
  updatedAt: string;
  /** Send it back with the next save of this evaluation; a save based on an older version gets 409 STALE_VERSION. */
  version: number;
}

/** PUT /api/documents/:id/evaluations (409 STALE_VERSION carries `error.current`: Evaluation | null). */
export interface EvaluationSaveResponse {
  evaluation: Evaluation;
}

export interface EvaluationItem {
  action: Action;
  evaluation: Evaluation | null;
}

export interface EvaluationResponse {
  documentId: string;
  meetingAt: string | null;
  /** meetingAt of the previous casusoverleg; actions open since then are listed. */
  previousMeetingAt: string | null;
  items: EvaluationItem[];
}
