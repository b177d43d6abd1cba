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

export const ACTION_STATUSES = ['open', 'claimed', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const EVALUATION_VERDICTS = ['afgerond', 'loopt', 'niet_gelukt', 'vervalt'] as const;
export type EvaluationVerdict = (typeof EVALUATION_VERDICTS)[number];

/** Huisverbod rules (DOMAIN.md): at least 10 days, plan van aanpak within those 10 days, at most 28 days in total. */
export const HUISVERBOD_DAYS = 10;
export const HUISVERBOD_MAX_DAYS = 28;
