// Domain enums shared by server, client and database schema. Values are stable identifiers;
// Dutch labels for the UI live in shared/labels.ts.

export const ORGANIZATION_KINDS = [
  'gemeente',
  'politie',
  'maatschappelijk_werk',
  'jeugdzorg',
  'verslavingszorg',
  'veilig_thuis',
  'wijkteam',
  'overig',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/**
 * The legal basis (grondslag) on which partners share a household's data (AVG art. 6/9; the Zorg- en
 * Veiligheidshuis privacy convenant). Recorded when a household is created; changes are audited with a reason.
 */
export const GRONDSLAGEN = ['huisverbod_wth', 'melding_veilig_thuis', 'toestemming', 'wettelijke_taak', 'zwaarwegend_belang'] as const;
export type Grondslag = (typeof GRONDSLAGEN)[number];

export const HOUSEHOLD_ROLES = ['regievoerder', 'partner', 'observer'] as const;
export type HouseholdRole = (typeof HOUSEHOLD_ROLES)[number];

/**
 * How much of a household a participant sees (the Zorg- en Veiligheidshuis convenant's need-to-know):
 * volledig: everything; afspraken: the household's reference and the board's actions of their own
 * organisation (no plan, minutes or persons); signaal: only that the household is in the casusoverleg and
 * who its regievoerder is. The regievoerder is always volledig.
 */
export const INFO_LEVELS = ['volledig', 'afspraken', 'signaal'] as const;
export type InfoLevel = (typeof INFO_LEVELS)[number];

export const HOUSEHOLD_STATUSES = ['open', 'closed'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

/** Why the regievoerder closed a case (`anders` needs a note). */
export const CLOSE_REASONS = ['doelen_bereikt', 'overgedragen_reguliere_hulp', 'verhuisd', 'anders'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const PHASES = ['directe_veiligheid', 'stabiele_veiligheid', 'duurzaam_herstel'] as const;
export type Phase = (typeof PHASES)[number];

export const PROFILES = ['intieme_terreur', 'gezin_in_de_stress', 'kindgedrag_en_opvoedstress', 'langdurige_zorg', 'complexe_scheiding'] as const;
export type Profile = (typeof PROFILES)[number];

export const PACKAGES = [1, 2, 3] as const;
export type HgPackage = (typeof PACKAGES)[number];

export const PERSON_ROLES = ['slachtoffer', 'pleger', 'kind', 'getuige', 'netwerk', 'overig'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export const DOCUMENT_KINDS = ['plan', 'meeting'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A regional casusoverleg: planned, being held (the chair moves through the agenda), or closed by the chair. */
export const CASUSOVERLEG_STATUSES = ['planned', 'in_progress', 'closed'] as const;
export type CasusoverlegStatus = (typeof CASUSOVERLEG_STATUSES)[number];

export const ACTION_STATUSES = ['open', 'claimed', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const EVALUATION_VERDICTS = ['afgerond', 'loopt', 'niet_gelukt', 'vervalt'] as const;
export type EvaluationVerdict = (typeof EVALUATION_VERDICTS)[number];

/** Why an agreement was "niet gelukt" (required with that verdict, with a note). */
export const EVALUATION_REASONS = ['omstandigheden_gewijzigd', 'niet_uitgevoerd_door_partner'] as const;
export type EvaluationReason = (typeof EVALUATION_REASONS)[number];

/**
 * What an action is: an agreement made by people (`afspraak`), or a step of the huisverbod clock the system puts on
 * the board itself (`huisverbod_advies`: Veilig Thuis advises the burgemeester on extending the huisverbod).
 */
export const ACTION_KINDS = ['afspraak', 'huisverbod_advies'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** The burgemeester's decision on extending a huisverbod, recorded by the gemeente. */
export const HUISVERBOD_DECISIONS = ['verlengd', 'niet_verlengd'] as const;
export type HuisverbodDecision = (typeof HUISVERBOD_DECISIONS)[number];

/** Huisverbod rules (DOMAIN.md): at least 10 days, plan van aanpak within those 10 days, at most 28 days in total. */
export const HUISVERBOD_DAYS = 10;
export const HUISVERBOD_MAX_DAYS = 28;
/** Default day (after day 0, the start) by which Veilig Thuis advises on an extension (HUISVERBOD_ADVICE_DAY). */
export const HUISVERBOD_ADVICE_DAY = 8;
/** A new huisverbod or a reopened case within this many months of an earlier one is a "herhaald incident". */
export const HERHAALD_INCIDENT_MONTHS = 12;

/**
 * What a notification (Meldingen) is about. Action kinds: an action assigned to your organisation (or to you), your
 * claimed action changed by someone else, a due date tomorrow, a due date passed. Casusoverleg kinds: planned, its
 * minutes vastgesteld. Participation: added to or removed from a household. The plan van aanpak of a huisverbod is
 * due in two days (regievoerder).
 */
export const NOTIFICATION_KINDS = [
  'action_assigned',
  'action_changed',
  'action_due_tomorrow',
  'action_overdue',
  'meeting_planned',
  'minutes_established',
  /** A regional casusoverleg was closed: its overview of new and changed agreements is ready. */
  'meeting_overview',
  'participant_added',
  'participant_removed',
  'plan_deadline',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Whether a user receives notifications by e-mail: never, each at once, or one summary a day. */
export const EMAIL_PREFERENCES = ['off', 'direct', 'daily'] as const;
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number];
