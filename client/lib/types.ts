// Response shapes of the API as the client uses them.
import type { HouseholdRole, OrganizationKind, PersonRole, Phase, Profile } from '../../shared/enums.ts';
import type { HuisverbodTimeline } from '../../shared/huisverbod.ts';

export interface Organization {
  id: string;
  name: string;
  kind: OrganizationKind;
}

export interface HouseholdSummary {
  id: string;
  reference: string;
  displayName: string;
  status: 'open' | 'closed';
  phase: Phase;
  profile: Profile | null;
  package: number | null;
  hasChildren: boolean;
  huisverbod: { start: string; extendedUntil: string | null; extendedBy: string | null; extendedAt: string | null; timeline: HuisverbodTimeline } | null;
  myRole: HouseholdRole | null;
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
  since: string;
  user: { id: string; name: string; email: string };
  organization: Organization;
}

export interface DocumentSummary {
  id: string;
  kind: 'plan' | 'meeting';
  title: string;
  meetingAt: string | null;
  lockedAt: string | null;
}

export interface HouseholdDetail extends HouseholdSummary {
  contentHidden: boolean;
  persons: Person[];
  participants: Participant[];
  documents: DocumentSummary[];
  planEstablished: boolean;
  phaseHistory: { id: string; from: Phase | null; to: Phase; reason: string; at: string; by: string | null }[];
}

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  admin: boolean;
  disabled: boolean;
  organization: Organization;
}
