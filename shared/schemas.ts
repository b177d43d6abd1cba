// Request bodies validated by the server and reused by the client's forms.
import { z } from 'zod';
import {
  ACTION_STATUSES,
  EVALUATION_VERDICTS,
  HOUSEHOLD_ROLES,
  ORGANIZATION_KINDS,
  PACKAGES,
  PERSON_ROLES,
  PHASES,
  PROFILES,
} from './enums.ts';

const id = z.string().uuid();
/** Calendar date as YYYY-MM-DD (Europe/Amsterdam day). */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Gebruik een datum als JJJJ-MM-DD');

export const LoginInput = z.object({
  email: z.string().trim().toLowerCase().email('Vul een geldig e-mailadres in'),
  password: z.string().min(1, 'Vul je wachtwoord in').max(200),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const OrganizationInput = z.object({
  name: z.string().trim().min(2, 'Naam is te kort').max(120),
  kind: z.enum(ORGANIZATION_KINDS),
});
export type OrganizationInput = z.infer<typeof OrganizationInput>;

export const UserInput = z.object({
  email: z.string().trim().toLowerCase().email('Vul een geldig e-mailadres in'),
  name: z.string().trim().min(2, 'Naam is te kort').max(120),
  organizationId: id,
  password: z.string().min(12, 'Een wachtwoord heeft minstens 12 tekens').max(200),
  admin: z.boolean().default(false),
});
export type UserInput = z.infer<typeof UserInput>;

export const PersonInput = z.object({
  role: z.enum(PERSON_ROLES),
  label: z.string().trim().min(1, 'Vul een voornaam of initiaal in').max(60),
  birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
  notes: z.string().max(2000).optional(),
});
export type PersonInput = z.infer<typeof PersonInput>;

export const HouseholdInput = z.object({
  reference: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{2,30}$/, 'Kenmerk: hoofdletters, cijfers en streepjes (bijv. HG-2026-0142)'),
  displayName: z.string().trim().min(2, 'Naam is te kort').max(120),
  profile: z.enum(PROFILES).nullable().optional(),
  package: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable().optional(),
  hasChildren: z.boolean().default(false),
  phase: z.enum(PHASES).default('directe_veiligheid'),
  huisverbodStart: isoDate.nullable().optional(),
  regievoerderId: id,
  persons: z.array(PersonInput).max(30).default([]),
});
export type HouseholdInput = z.infer<typeof HouseholdInput>;
void PACKAGES;

export const HouseholdUpdate = z.object({
  displayName: z.string().trim().min(2).max(120).optional(),
  status: z.enum(['open', 'closed']).optional(),
  profile: z.enum(PROFILES).nullable().optional(),
  package: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable().optional(),
  hasChildren: z.boolean().optional(),
  huisverbodStart: isoDate.nullable().optional(),
});
export type HouseholdUpdate = z.infer<typeof HouseholdUpdate>;

export const PhaseChangeInput = z.object({
  phase: z.enum(PHASES),
  reason: z.string().trim().min(3, 'Geef een reden op').max(1000),
});

export const HuisverbodExtensionInput = z.object({
  extendedUntil: isoDate,
  decidedBy: z.string().trim().min(2, 'Wie heeft besloten?').max(120),
});

export const ParticipantInput = z.object({
  userId: id,
  role: z.enum(HOUSEHOLD_ROLES),
});
export type ParticipantInput = z.infer<typeof ParticipantInput>;

// --- documents (issue 3) ---
export const MeetingInput = z.object({
  title: z.string().trim().min(2, 'Titel is te kort').max(160),
  meetingAt: z.string().datetime({ offset: true, message: 'Ongeldig tijdstip' }),
});
export type MeetingInput = z.infer<typeof MeetingInput>;

export const VersionInput = z.object({
  name: z.string().trim().min(2, 'Naam is te kort').max(160),
});

// --- board (issue 4) ---
export const ActionInput = z.object({
  title: z.string().trim().min(2, 'Titel is te kort').max(200),
  details: z.string().max(4000).optional(),
  ownerOrganizationId: id.nullable().optional(),
  dueDate: isoDate.nullable().optional(),
  personId: id.nullable().optional(),
  sourceDocumentId: id.nullable().optional(),
  assignedUserId: id.nullable().optional(),
});
export type ActionInput = z.infer<typeof ActionInput>;

export const ActionPatch = ActionInput.partial().extend({ version: z.number().int().min(1) });
export type ActionPatch = z.infer<typeof ActionPatch>;

export const ActionCompleteInput = z.object({ note: z.string().trim().max(2000).default('') });
export const ActionStatusFilter = z.enum(ACTION_STATUSES);

export const EvaluationInput = z.object({
  actionId: id,
  verdict: z.enum(EVALUATION_VERDICTS),
  note: z.string().max(1000).default(''),
});
