// The response contract of the API beyond the board (board shapes are in board.ts): every JSON body the
// client reads has its type here. Server presenters are typed with these (a drift is a compile error on
// the server), and the client reads responses through the same types (no hand-copied shapes in client/).
// Why shared types and not Hono's typed client: the routes are split per area into separate Hono apps
// mounted at run time, and the contract must also cover service return values the routes wrap; plain
// types give the same compile-time check at both ends without chaining every route through one app type.
import type { JSONContent } from '@tiptap/core';
import type { CloseReason, Grondslag, HouseholdRole, HuisverbodDecision, InfoLevel, OrganizationKind, PersonRole, Phase, Profile } from './enums.ts';
import type { HuisverbodTimeline } from './huisverbod.ts';
import type { Action } from './board.ts';

export interface Organization {
  id: string;
  name: string;
  kind: OrganizationKind;
}

/** GET /api/me, POST /api/auth/login: the signed-in user. */
export interface Me {
  id: string;
  email: string;
  name: string;
  admin: boolean;
  organization: { id: string; name: string; kind: string };
  /** This session passed a second factor (households of a "twee-factor verplicht" organisation need it). */
  secondFactor: boolean;
}
export interface MeResponse {
  user: Me;
  /** Told after sign-in until dismissed: a functioneel beheerder reset the second factor. */
  notice?: 'second_factor_reset';
}

export interface HuisverbodSummary {
  start: string;
  extendedUntil: string | null;
  extendedBy: string | null;
  extendedAt: string | null;
  timeline: HuisverbodTimeline;
}

/** One household as listed in Mijn casussen. */
export interface HouseholdSummary {
  id: string;
  reference: string;
  displayName: string;
  status: 'open' | 'closed';
  phase: Phase;
  profile: Profile | null;
  package: number | null;
  hasChildren: boolean;
  huisverbod: HuisverbodSummary | null;
  /** The organisation holding the regie (the gemeente's appointed party), when set. */
  regieOrganizationId: string | null;
  myRole: HouseholdRole | null;
  /**
   * The signed-in user's information level here (null without a participation). Below `volledig` the
   * fields the level does not reach are emptied by the server: `afspraken` keeps the reference, `signaal`
   * not even that (displayName and reference are '', profile/package/huisverbod null).
   */
  myLevel: InfoLevel | null;
  /** Whether the signed-in participant still has to confirm the geheimhoudingsverklaring (content refused until then). */
  statementRequired: boolean;
  /** Set when the case is closed: read-only for everyone, destroyed after retentionEndsAt. */
  closure: HouseholdClosure | null;
  /**
   * "Herhaald incident": this huisverbod or reopening came within 12 months of an earlier huisverbod or closure of
   * the same person(s) (server/households/herhaald.ts). Never says which other household.
   */
  herhaaldIncident: boolean;
  createdAt: string;
  updatedAt: string;
}
export interface HouseholdClosure {
  closedAt: string;
  reason: CloseReason | null;
  note: string;
  /** "wordt vernietigd na": closedAt + the installation's retention period. */
  retentionEndsAt: string | null;
}
export interface HouseholdListResponse {
  households: HouseholdSummary[];
}

export interface Person {
  id: string;
  role: PersonRole;
  label: string;
  birthYear: number | null;
  notes: string;
}

export interface Participant {
  role: HouseholdRole;
  level: InfoLevel;
  since: string;
  user: { id: string; name: string; email: string };
  organization: Organization;
}

/** A plan or casusoverleg minutes, as listed and as opened. */
export interface DocumentSummary {
  id: string;
  householdId: string;
  kind: 'plan' | 'meeting';
  title: string;
  meetingAt: string | null;
  lockedAt: string | null;
  /** The latest heropenen of vastgestelde minutes, with its reason; null if never reopened. */
  reopenedAt: string | null;
  reopenReason: string | null;
}

export interface PhaseChange {
  id: string;
  from: Phase | null;
  to: Phase;
  reason: string;
  at: string;
  by: string | null;
}

/** GET /api/households/:id. */
export interface HouseholdDetail extends HouseholdSummary {
  /** The legal basis for sharing; null only for households created before it was recorded. */
  grondslag: Grondslag | null;
  grondslagNote: string;
  /** The partner that brought the case in. */
  referringOrganization: Organization | null;
  contentHidden: boolean;
  persons: Person[];
  participants: Participant[];
  documents: DocumentSummary[];
  planEstablished: boolean;
  phaseHistory: PhaseChange[];
  /** The huisverbod clock's advice step and the burgemeester's decision; null without a huisverbod or content. */
  huisverbodClock: HuisverbodClock | null;
}

/** The burgemeester's decision on extending the huisverbod, as recorded by the gemeente. */
export interface HuisverbodDecisionRecord {
  decision: HuisverbodDecision;
  /** The day the burgemeester decided (YYYY-MM-DD). */
  decidedOn: string;
  note: string;
  /** With "verlengd": the new last day. */
  extendedUntil: string | null;
  recordedBy: { id: string; name: string; organization: string } | null;
  recordedAt: string | null;
}

export interface HuisverbodClock {
  /** The action "Advies verlenging huisverbod" (owned by Veilig Thuis), or null when there is none. */
  advice: Action | null;
  decision: HuisverbodDecisionRecord | null;
}
export interface HouseholdResponse {
  household: HouseholdDetail;
}

/** The installation's geheimhoudingsverklaring (GET/PUT /api/admin/statement). */
export interface StatementSetting {
  text: string;
  /** No text set yet: the built-in default applies. */
  isDefault: boolean;
  updatedAt: string | null;
}
export interface StatementSettingResponse {
  statement: StatementSetting;
}

/** GET /api/households/:id/statement: what a participant confirms before opening the household. */
export interface HouseholdStatementResponse {
  statement: { text: string; confirmedAt: string | null };
  /** As far as the participant's level shows it (`signaal`: no reference). */
  household: { id: string; reference: string; regievoerders: { name: string; organization: string }[] };
}

/** GET /api/households?scope=all (functioneel beheerder). */
export interface AdminHousehold {
  id: string;
  reference: string;
  displayName: string;
  status: 'open' | 'closed';
  regievoerders: string[];
}
export interface AdminHouseholdListResponse {
  households: AdminHousehold[];
}

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  admin: boolean;
  disabled: boolean;
  organization: Organization;
}
export interface UserListResponse {
  users: UserSummary[];
}
export interface OrganizationListResponse {
  organizations: Organization[];
}

/** POST /api/households/:id/meetings. */
export interface MeetingCreatedResponse {
  document: DocumentSummary;
}

/** POST /api/documents/readable: which offline copies the browser may keep. */
export interface ReadableDocumentsResponse {
  readable: string[];
}

/** GET /api/documents/:id. */
export interface DocumentResponse {
  /** With who reopened it last (shown with the reason on the meeting page). */
  document: DocumentSummary & { reopenedBy: { id: string; name: string } | null };
  myRole: HouseholdRole | null;
}

/** A document's content as Tiptap JSON and as HTML (schema-checked on the server). */
export interface DocumentContent {
  json: JSONContent;
  html: string;
}

export interface Version {
  id: string;
  name: string;
  established: boolean;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
}
export interface VersionListResponse {
  versions: Version[];
}
/** GET /api/documents/:id/versions/:versionId. */
export interface VersionContentResponse {
  version: Version;
  content: DocumentContent;
}

/** GET/PUT /api/documents/:id/attendance. */
export interface AttendanceRow {
  user: { id: string; name: string };
  organization: { id: string; name: string; kind: OrganizationKind };
  role: HouseholdRole;
  present: boolean | null;
}
export interface AttendanceResponse {
  attendance: AttendanceRow[];
}

export interface ExportMeta {
  reference: string;
  title: string;
  /** Version name, or "Actuele versie". */
  versionName: string;
  /** The legal basis for sharing, as its Dutch label ("Niet vastgelegd" when missing). */
  grondslag: string;
  /** Formatted nl-NL date of the version (or of the export). */
  date: string;
  meetingAt: string | null;
  participantsLabel: string;
  participants: string[];
  /** For a casusoverleg: the evaluation of the actions open since the previous meeting. */
  evaluation: { title: string; verdict: string; note: string }[];
  /** Who made this export or print: "Naam (Organisatie)". */
  exportedBy: string;
  /** When, in Europe/Amsterdam time (nl-NL). */
  exportedAt: string;
}
/** GET /api/documents/:id/export. */
export interface ExportResponse {
  meta: ExportMeta;
  html: string;
}

/** GET /api/households/:id/audit. */
export interface AuditEntry {
  id: number;
  at: string;
  userId: string | null;
  userName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  householdId: string | null;
  event: string;
  target: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}
export interface AuditListResponse {
  /** The household the log belongs to (the Logboek's breadcrumb names the case). */
  household: { id: string; reference: string; displayName: string };
  entries: AuditEntry[];
  /** Everyone who appears in this household's log, and their organisations: the choices of the Logboek's filters. */
  actors: LogboekActors;
}
export interface LogboekActors {
  organizations: { id: string; name: string }[];
  users: { id: string; name: string; organizationName: string | null }[];
}

/** GET /api/admin/destruction-list: the vernietigingslijst and what was destroyed before. */
export interface DestructionListEntry {
  householdId: string;
  reference: string;
  displayName: string;
  closedAt: string;
  closeReason: CloseReason | null;
  retentionEndsAt: string;
  listedAt: string;
}
/** The minimal record kept of a destroyed household. */
export interface DestructionRecord {
  householdId: string;
  reference: string;
  createdAt: string;
  closedAt: string;
  retentionEndedAt: string;
  destroyedAt: string;
  /** The functioneel beheerder who confirmed. */
  confirmedBy: string;
}
export interface DestructionListResponse {
  entries: DestructionListEntry[];
  destroyed: DestructionRecord[];
}
export interface DestructionResponse {
  destroyed: DestructionRecord;
}
