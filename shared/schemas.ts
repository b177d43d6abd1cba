// Request bodies validated by the server and reused by the client's forms.
import { z } from 'zod';
import {
  ACTION_STATUSES,
  CLOSE_REASONS,
  EMAIL_PREFERENCES,
  EVALUATION_REASONS,
  EVALUATION_VERDICTS,
  GRONDSLAGEN,
  HOUSEHOLD_ROLES,
  HUISVERBOD_DECISIONS,
  INFO_LEVELS,
  ORGANIZATION_KINDS,
  PACKAGES,
  PERSON_ROLES,
  PHASES,
  PROFILES,
} from './enums.ts';
import { LOGBOEK_KINDS } from './audit.ts';

/**
 * The one text primitive for every string a request carries: no NUL (PostgreSQL text cannot hold it) and no lone
 * surrogate halves (not Unicode; they break JSON, HTML and PDF output later). Chain the usual checks after it:
 * `text().trim().min(2).max(120)`. Ids, dates and times are format-checked strings, which excludes both already.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point of this check.
const WELL_FORMED_TEXT = /^[^\u0000\uD800-\uDFFF]*$/u;
export const text = () => z.string().regex(WELL_FORMED_TEXT, 'Bevat tekens die niet zijn toegestaan');
export const isWellFormedText = (s: string) => WELL_FORMED_TEXT.test(s);

/** A URL path whose decoded segments (route parameters) are well-formed text; false for broken %-escapes too. */
export function isWellFormedPath(path: string): boolean {
  try {
    return isWellFormedText(decodeURIComponent(path));
  } catch {
    return false;
  }
}

const id = z.string().uuid();
/** Calendar date as YYYY-MM-DD (Europe/Amsterdam day). */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Gebruik een datum als JJJJ-MM-DD');

export const LoginInput = z.object({
  email: text().trim().toLowerCase().email('Vul een geldig e-mailadres in'),
  password: text().min(1, 'Vul je wachtwoord in').max(200),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const OrganizationInput = z.object({
  name: text().trim().min(2, 'Naam is te kort').max(120),
  kind: z.enum(ORGANIZATION_KINDS),
});
export type OrganizationInput = z.infer<typeof OrganizationInput>;

export const UserInput = z.object({
  email: text().trim().toLowerCase().email('Vul een geldig e-mailadres in'),
  name: text().trim().min(2, 'Naam is te kort').max(120),
  organizationId: id,
  password: text().min(12, 'Een wachtwoord heeft minstens 12 tekens').max(200),
  admin: z.boolean().default(false),
});
export type UserInput = z.infer<typeof UserInput>;

/** Functioneel beheer: switch an account off (its sessions and live connections end at once) or on again. */
export const AccountUpdate = z.object({ disabled: z.boolean() });

export const PersonInput = z.object({
  role: z.enum(PERSON_ROLES),
  label: text().trim().min(1, 'Vul een voornaam of initiaal in').max(60),
  birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
  notes: text().max(2000).optional(),
});
export type PersonInput = z.infer<typeof PersonInput>;

export const HouseholdInput = z.object({
  reference: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{2,30}$/, 'Kenmerk: hoofdletters, cijfers en streepjes (bijv. HG-2026-0142)'),
  displayName: text().trim().min(2, 'Naam is te kort').max(120),
  profile: z.enum(PROFILES).nullable().optional(),
  package: z
    .union([z.literal(1), z.literal(2), z.literal(3)])
    .nullable()
    .optional(),
  hasChildren: z.boolean().default(false),
  phase: z.enum(PHASES).default('directe_veiligheid'),
  huisverbodStart: isoDate.nullable().optional(),
  regievoerderId: id,
  grondslag: z.enum(GRONDSLAGEN, 'Kies de grondslag voor het delen van gegevens'),
  grondslagNote: text().trim().max(1000).default(''),
  referringOrganizationId: z.string().uuid('Kies de organisatie die de casus inbrengt'),
  persons: z.array(PersonInput).max(30).default([]),
});
export type HouseholdInput = z.infer<typeof HouseholdInput>;
void PACKAGES;

export const HouseholdUpdate = z.object({
  displayName: text().trim().min(2).max(120).optional(),
  profile: z.enum(PROFILES).nullable().optional(),
  package: z
    .union([z.literal(1), z.literal(2), z.literal(3)])
    .nullable()
    .optional(),
  hasChildren: z.boolean().optional(),
  huisverbodStart: isoDate.nullable().optional(),
});
export type HouseholdUpdate = z.infer<typeof HouseholdUpdate>;

/** Changing the legal basis or referral of a household: always with a reason (audited). */
export const GrondslagChangeInput = z.object({
  grondslag: z.enum(GRONDSLAGEN),
  grondslagNote: text().trim().max(1000).default(''),
  referringOrganizationId: z.string().uuid(),
  reason: text().trim().min(3, 'Geef een reden op').max(1000),
});
export type GrondslagChangeInput = z.infer<typeof GrondslagChangeInput>;

/** Closing a case: a reason from the list; `anders` needs a note. */
export const CloseHouseholdInput = z
  .object({
    reason: z.enum(CLOSE_REASONS, 'Kies een reden'),
    note: text().trim().max(1000).default(''),
  })
  .refine((v) => v.reason !== 'anders' || v.note.length >= 3, { path: ['note'], message: 'Licht de reden toe' });
export type CloseHouseholdInput = z.infer<typeof CloseHouseholdInput>;

/** Reopening a closed case (within the retention period): always with a reason. */
export const ReopenHouseholdInput = z.object({ reason: text().trim().min(3, 'Geef een reden op').max(1000) });

export const PhaseChangeInput = z.object({
  phase: z.enum(PHASES),
  reason: text().trim().min(3, 'Geef een reden op').max(1000),
});

export const HuisverbodExtensionInput = z.object({
  extendedUntil: isoDate,
  decidedBy: text().trim().min(2, 'Wie heeft besloten?').max(120),
});

/** The burgemeester's decision on extending the huisverbod, recorded by the gemeente. */
export const HuisverbodDecisionInput = z.object({
  decision: z.enum(HUISVERBOD_DECISIONS, 'Kies verlengd of niet verlengd'),
  /** The day the burgemeester decided. */
  decidedOn: isoDate,
  /** With "verlengd": the new last day; left out, the longest allowed (28 days after the start). */
  extendedUntil: isoDate.nullable().optional(),
  note: text().trim().max(1000).default(''),
});
export type HuisverbodDecisionInput = z.infer<typeof HuisverbodDecisionInput>;

/** Why a functioneel beheerder changes who takes part: stored in the audit row, shown to the regievoerder in the Logboek. */
export const ParticipationReason = text().trim().min(5, 'Geef een reden op (minstens 5 tekens)').max(500, 'De reden is te lang (hoogstens 500 tekens)');

export const ParticipantInput = z.object({
  userId: id,
  role: z.enum(HOUSEHOLD_ROLES),
  reason: ParticipationReason.optional(),
});
/** The regievoerder sets what a participant sees (a regievoerder is always volledig). */
export const ParticipationLevelInput = z.object({
  level: z.enum(INFO_LEVELS),
  reason: ParticipationReason.optional(),
});
export type ParticipationLevelInput = z.infer<typeof ParticipationLevelInput>;
/** The functioneel beheerder's text of the geheimhoudingsverklaring; `reconfirm`: everyone confirms the new text. */
export const StatementSettingInput = z.object({
  text: text().trim().min(40, 'De verklaring is te kort').max(8_000, 'De verklaring is te lang (maximaal 8000 tekens)'),
  reconfirm: z.boolean().default(false),
});
export type StatementSettingInput = z.infer<typeof StatementSettingInput>;
export type ParticipantInput = z.infer<typeof ParticipantInput>;
export const ParticipantRemoval = z.object({ reason: ParticipationReason.optional() });
export type ParticipantRemoval = z.infer<typeof ParticipantRemoval>;
/** A beheerder acting on a household they do not direct must give a reason. */
export const AdminParticipantInput = ParticipantInput.extend({ reason: ParticipationReason });
export const AdminParticipantRemoval = ParticipantRemoval.extend({ reason: ParticipationReason });

// --- documents (issue 3) ---
export const MeetingInput = z.object({
  title: text().trim().min(2, 'Titel is te kort').max(160),
  meetingAt: z.string().datetime({ offset: true, message: 'Ongeldig tijdstip' }),
});
export type MeetingInput = z.infer<typeof MeetingInput>;

/** The document ids a browser keeps offline copies of (it drops the ones the server no longer lets it read). */
export const OfflineCopiesInput = z.object({ ids: z.array(text().max(64)).max(500) });

export const VersionInput = z.object({
  name: text().trim().min(2, 'Naam is te kort').max(160),
});

// --- board (issue 4) ---
export const ActionInput = z.object({
  title: text().trim().min(2, 'Titel is te kort').max(200),
  details: text().max(4000).optional(),
  ownerOrganizationId: id.nullable().optional(),
  dueDate: isoDate.nullable().optional(),
  personId: id.nullable().optional(),
  sourceDocumentId: id.nullable().optional(),
  assignedUserId: id.nullable().optional(),
});
export type ActionInput = z.infer<typeof ActionInput>;

export const ActionPatch = ActionInput.partial().extend({ version: z.number().int().min(1) });
export type ActionPatch = z.infer<typeof ActionPatch>;

export const ActionCompleteInput = z.object({ note: text().trim().max(2000).default('') });
export const ActionStatusFilter = z.enum(ACTION_STATUSES);

export const EvaluationInput = z.object({
  actionId: id,
  verdict: z.enum(EVALUATION_VERDICTS),
  /** Required with "niet gelukt" (together with a note; checked by the verb: 422), ignored with any other verdict. */
  reason: z.enum(EVALUATION_REASONS).nullable().optional(),
  note: text().max(1000).default(''),
  /** The evaluation's version this save is based on (0: there was none yet). */
  version: z.number().int().min(0).max(2_147_483_647),
});

// Casusoverleg: attendance, vaststellen, heropenen.
export const AttendanceInput = z.object({ userId: id, present: z.boolean() });
export const EstablishInput = z.object({ name: text().trim().max(160).optional() });
export const ReopenInput = z.object({ reason: text().trim().min(3, 'Geef een reden op').max(1000) });

// --- the regional casusoverleg and its agenda (issue 12) ---
const instant = z.string().datetime({ offset: true, message: 'Ongeldig tijdstip' });
/** An online meeting link: http(s) only (it is shown as a link to everyone who sees the casusoverleg). */
const meetingLink = z.union([
  z.literal(''),
  text()
    .trim()
    .max(500)
    .url('Vul een volledige link in (https://…)')
    .refine((u) => /^https?:\/\//i.test(u), 'Gebruik een link die met https:// begint'),
]);
const casusoverlegFields = {
  title: text().trim().min(2, 'Titel is te kort').max(120),
  startsAt: instant,
  place: text().trim().max(200),
  onlineLink: meetingLink,
  /** The voorzitter; the planner when left out. */
  chairId: id,
};
/** Never names or references of households here: everyone who sees the casusoverleg sees these fields. */
export const CasusoverlegInput = z
  .object({
    ...casusoverlegFields,
    title: casusoverlegFields.title.default('Casusoverleg'),
    place: casusoverlegFields.place.default(''),
    onlineLink: meetingLink.default(''),
    chairId: id.optional(),
  })
  .refine((v) => v.place !== '' || v.onlineLink !== '', { path: ['place'], message: 'Vul een plaats of een online link in' });
export type CasusoverlegInput = z.infer<typeof CasusoverlegInput>;
/** A change of the casusoverleg's own facts (the chair or the planner); moving the start moves every time slot along. */
export const CasusoverlegPatch = z.object(casusoverlegFields).partial();
export type CasusoverlegPatch = z.infer<typeof CasusoverlegPatch>;

const slotMinutes = z.number().int().min(5, 'Een tijdslot duurt minstens 5 minuten').max(240, 'Een tijdslot duurt hoogstens 4 uur');
/** A household put on the agenda; without a slot it follows the last item (20 minutes). */
export const AgendaItemInput = z.object({ householdId: id, slotStart: instant.optional(), slotMinutes: slotMinutes.optional() });
export type AgendaItemInput = z.infer<typeof AgendaItemInput>;
export const AgendaItemPatch = z.object({ slotStart: instant.optional(), slotMinutes: slotMinutes.optional() });
export type AgendaItemPatch = z.infer<typeof AgendaItemPatch>;
/** Every item of the agenda, in the new order. */
export const AgendaOrderInput = z.object({ itemIds: z.array(id).min(1).max(200) });
/** The chair moves the meeting to this item (the first move starts the meeting). */
export const AgendaCurrentInput = z.object({ itemId: id });

// --- query strings ---
/** A whole number in a query string: digits only, within [min, max]; anything else is a 400, never a database error. */
/** A query parameter given empty (`?kind=`) is the same as one not given. */
const emptyIsAbsent = (v: unknown) => (v === '' ? undefined : v);

export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/, 'Gebruik een geheel getal')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** The Logboek's filters (query parameters; the page keeps them in its URL). An empty value means "all". */
export const LogboekFilter = z.object({
  /** A person of the household: the rows that concern them (see server/audit/logboek.ts). */
  personId: z.preprocess(emptyIsAbsent, id.optional()),
  /** The acting user's organisation. */
  organizationId: z.preprocess(emptyIsAbsent, id.optional()),
  /** The acting user. */
  userId: z.preprocess(emptyIsAbsent, id.optional()),
  kind: z.preprocess(emptyIsAbsent, z.enum(LOGBOEK_KINDS).optional()),
});
export type LogboekFilter = z.infer<typeof LogboekFilter>;

export const AuditQuery = LogboekFilter.extend({
  /** Entries older than this entry id (paging). */
  before: queryInt(1, Number.MAX_SAFE_INTEGER).optional(),
  limit: queryInt(1, 500).default(100),
});

/** Meldingen, newest first; `before` is the `nextBefore` of the previous page. */
export const NotificationListQuery = z.object({
  before: z.preprocess(
    emptyIsAbsent,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f-]{36}$/, 'Ongeldige paginering')
      .optional(),
  ),
  limit: z.preprocess(emptyIsAbsent, queryInt(1, 100).default(30)),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const EmailPreferenceInput = z.object({ preference: z.enum(EMAIL_PREFERENCES) });
export type EmailPreferenceInput = z.infer<typeof EmailPreferenceInput>;
