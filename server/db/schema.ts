// The one drizzle schema for both engines (PGlite and PostgreSQL). Tables only; queries live in the areas.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  CASUSOVERLEG_STATUSES,
  CLOSE_REASONS,
  DOCUMENT_KINDS,
  EMAIL_PREFERENCES,
  EVALUATION_REASONS,
  EVALUATION_VERDICTS,
  GRONDSLAGEN,
  HOUSEHOLD_ROLES,
  HUISVERBOD_DECISIONS,
  HOUSEHOLD_STATUSES,
  INFO_LEVELS,
  NOTIFICATION_KINDS,
  ORGANIZATION_KINDS,
  PERSON_ROLES,
  PHASES,
  PROFILES,
} from '../../shared/enums.ts';

/** bytea; postgres-js returns a Buffer and PGlite a Uint8Array, so normalise to a plain Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) =>
    value instanceof Uint8Array && value.constructor === Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const organizationKind = pgEnum('organization_kind', ORGANIZATION_KINDS);
export const householdRole = pgEnum('household_role', HOUSEHOLD_ROLES);
export const infoLevel = pgEnum('info_level', INFO_LEVELS);
export const householdStatus = pgEnum('household_status', HOUSEHOLD_STATUSES);
export const phase = pgEnum('phase', PHASES);
export const profile = pgEnum('profile', PROFILES);
export const personRole = pgEnum('person_role', PERSON_ROLES);
export const documentKind = pgEnum('document_kind', DOCUMENT_KINDS);
export const actionStatus = pgEnum('action_status', ACTION_STATUSES);
export const evaluationVerdict = pgEnum('evaluation_verdict', EVALUATION_VERDICTS);
export const evaluationReason = pgEnum('evaluation_reason', EVALUATION_REASONS);
export const actionKind = pgEnum('action_kind', ACTION_KINDS);
export const huisverbodDecision = pgEnum('huisverbod_decision', HUISVERBOD_DECISIONS);
export const grondslag = pgEnum('grondslag', GRONDSLAGEN);
export const closeReason = pgEnum('close_reason', CLOSE_REASONS);
export const casusoverlegStatus = pgEnum('casusoverleg_status', CASUSOVERLEG_STATUSES);
export const notificationKind = pgEnum('notification_kind', NOTIFICATION_KINDS);
export const emailPreference = pgEnum('email_preference', EMAIL_PREFERENCES);

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  kind: organizationKind('kind').notNull(),
  /** "Twee-factor verplicht": members sign in with a second factor, and its households need a strong session. */
  twoFactorRequired: boolean('two_factor_required').notNull().default(false),
  /** Members may sign in with a passkey alone (it is both factors: possession + user verification). */
  passkeyLogin: boolean('passkey_login').notNull().default(false),
  /** Sign-in with the organisation's own OpenID Connect provider (all null when not configured). */
  oidcIssuer: text('oidc_issuer'),
  oidcClientId: text('oidc_client_id'),
  /** Client secret, encrypted with the server's secret key (see auth/secret-box.ts). */
  oidcClientSecret: bytea('oidc_client_secret'),
  oidcEmailClaim: text('oidc_email_claim').notNull().default('email'),
  /** Create an account on first OIDC sign-in of an e-mail address the organisation does not know yet. */
  oidcJit: boolean('oidc_jit').notNull().default(false),
  /** Count the IdP's amr/acr MFA claim as the second factor. */
  oidcTrustMfa: boolean('oidc_trust_mfa').notNull().default(false),
  createdAt: createdAt(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id),
  passwordHash: text('password_hash').notNull(),
  admin: boolean('admin').notNull().default(false),
  disabled: boolean('disabled').notNull().default(false),
  /** Set when a functioneel beheerder reset the second factor; the user is told at the next sign-in, then it is cleared. */
  secondFactorResetAt: timestamp('second_factor_reset_at', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  /** Notifications by e-mail (Mijn account): off, each at once, or a daily summary. E-mails never carry case content. */
  emailNotifications: emailPreference('email_notifications').notNull().default('off'),
  createdAt: createdAt(),
});

/** Lucia-style sessions: `id` is the SHA-256 hash (hex) of the token; the token itself is never stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** How the session was authenticated: 'password', 'password+totp', 'passkey', 'oidc+mfa', … (see shared/auth.ts). */
    method: text('method').notNull().default('password'),
    /** True when a second factor (or an equivalent: passkey, trusted IdP MFA) was verified for this session. */
    secondFactor: boolean('second_factor').notNull().default(false),
    ip: text('ip'),
    userAgent: text('user_agent'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * A sign-in that passed its first factor and still needs the second (or its enrolment). The token lives in a
 * short-lived cookie; only its hash is stored. It grants nothing but the second-factor steps.
 */
export const pendingLogins = pgTable('pending_logins', {
  id: text('id').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** 'verify' (has a factor: give it) or 'enrol' (organisation requires one and the user has none). */
  stage: text('stage').notNull(),
  /** 'password' or 'oidc'. */
  firstFactor: text('first_factor').notNull(),
  webauthnChallenge: text('webauthn_challenge'),
  ip: text('ip'),
  userAgent: text('user_agent'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

/** One TOTP authenticator per user. The secret is encrypted; `lastCounter` is the last accepted time step (no replay). */
export const totpCredentials = pgTable('totp_credentials', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secret: bytea('secret').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastCounter: bigint('last_counter', { mode: 'number' }).notNull().default(0),
  createdAt: createdAt(),
});

/** One-time recovery codes, stored as SHA-256 hashes (they are long random values, so a fast hash suffices). */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/** WebAuthn credentials (passkeys and security keys). `id` is the credential id, base64url. */
export const webauthnCredentials = pgTable(
  'webauthn_credentials',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Random WebAuthn user handle (not the user id), the same for all of a user's credentials. */
    userHandle: text('user_handle').notNull(),
    publicKey: bytea('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: jsonb('transports').$type<string[]>().notNull().default([]),
    name: text('name').notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('webauthn_credentials_user_idx').on(t.userId)],
);

/** Single-use WebAuthn challenges (registration, second factor, passkey sign-in), deleted when used. */
export const webauthnChallenges = pgTable('webauthn_challenges', {
  challenge: text('challenge').primaryKey(),
  /** The user the ceremony is for; null for a passkey sign-in (the credential names the user). */
  userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
  purpose: text('purpose').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** An OpenID Connect sign-in in progress: state (hashed), PKCE verifier and nonce, for ten minutes. */
export const oidcFlows = pgTable('oidc_flows', {
  stateHash: text('state_hash').primaryKey(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  returnTo: text('return_to'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export const households = pgTable('households', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull().unique(),
  displayName: text('display_name').notNull(),
  status: householdStatus('status').notNull().default('open'),
  profile: profile('profile'),
  package: integer('package'),
  hasChildren: boolean('has_children').notNull().default(false),
  phase: phase('phase').notNull().default('directe_veiligheid'),
  huisverbodStart: date('huisverbod_start'),
  huisverbodExtendedUntil: date('huisverbod_extended_until'),
  huisverbodExtendedBy: text('huisverbod_extended_by'),
  huisverbodExtendedAt: timestamp('huisverbod_extended_at', { withTimezone: true }),
  huisverbodExtensionRecordedBy: uuid('huisverbod_extension_recorded_by').references(() => users.id),
  /** The burgemeester's decision on extending the huisverbod (verlengd / niet verlengd), recorded by the gemeente. */
  huisverbodDecision: huisverbodDecision('huisverbod_decision'),
  huisverbodDecidedOn: date('huisverbod_decided_on'),
  huisverbodDecisionNote: text('huisverbod_decision_note').notNull().default(''),
  huisverbodDecisionRecordedBy: uuid('huisverbod_decision_recorded_by').references(() => users.id),
  huisverbodDecisionRecordedAt: timestamp('huisverbod_decision_recorded_at', { withTimezone: true }),
  regieOrganizationId: uuid('regie_organization_id').references(() => organizations.id),
  /** The legal basis for sharing this household's data, and who brought the case in (null only for cases created before it was recorded). */
  grondslag: grondslag('grondslag'),
  grondslagNote: text('grondslag_note').notNull().default(''),
  referringOrganizationId: uuid('referring_organization_id').references(() => organizations.id),
  /** Closing: when, by whom, why (status 'closed'); cleared when the regievoerder reopens the case. */
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: uuid('closed_by').references(() => users.id),
  closeReason: closeReason('close_reason'),
  closeNote: text('close_note').notNull().default(''),
  /** closedAt + the installation's retention period, fixed when the case is closed ("wordt vernietigd na"). */
  retentionEndsAt: timestamp('retention_ends_at', { withTimezone: true }),
  /** The latest reopening and the closure it undid (kept for "herhaald incident": reopened within 12 months). */
  reopenedAt: timestamp('reopened_at', { withTimezone: true }),
  closedBeforeReopenAt: timestamp('closed_before_reopen_at', { withTimezone: true }),
  /** Set once by the retention job when the retention period has passed: the case is on the vernietigingslijst. */
  destructionListedAt: timestamp('destruction_listed_at', { withTimezone: true }),
  /** Last household event sequence number handed out; bumped under a row lock so events commit in order. */
  eventSeq: bigint('event_seq', { mode: 'number' }).notNull().default(0),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const householdPersons = pgTable(
  'household_persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    role: personRole('role').notNull(),
    label: text('label').notNull(),
    birthYear: integer('birth_year'),
    notes: text('notes').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('household_persons_household_idx').on(t.householdId),
    // "The same person" across households (herhaald incident): name without case or surrounding spaces, and birth year.
    index('household_persons_identity_idx').on(sql`lower(btrim(${t.label}))`, t.birthYear),
  ],
);

export const participations = pgTable(
  'participations',
  {
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: householdRole('role').notNull(),
    /** What of the household this participant sees (shared/enums.ts INFO_LEVELS); set by the regievoerder. */
    level: infoLevel('level').notNull().default('volledig'),
    /** When this participant confirmed the geheimhoudingsverklaring for this household; null: not yet (content refused). */
    statementConfirmedAt: timestamp('statement_confirmed_at', { withTimezone: true }),
    addedBy: uuid('added_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.householdId, t.userId] }), index('participations_user_idx').on(t.userId)],
);

/** Installation-wide settings kept by the functioneel beheerder (e.g. the geheimhoudingsverklaring's text). */
export const installationSettings = pgTable('installation_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const phaseChanges = pgTable('phase_changes', {
  id: uuid('id').primaryKey().defaultRandom(),
  householdId: uuid('household_id')
    .notNull()
    .references(() => households.id),
  fromPhase: phase('from_phase'),
  toPhase: phase('to_phase').notNull(),
  reason: text('reason').notNull(),
  changedBy: uuid('changed_by').references(() => users.id),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    kind: documentKind('kind').notNull(),
    title: text('title').notNull(),
    meetingAt: timestamp('meeting_at', { withTimezone: true }),
    /** Set when the minutes are vastgesteld: read-only for everyone until reopened. */
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedBy: uuid('locked_by').references(() => users.id),
    lockedVersionId: uuid('locked_version_id'),
    /** The latest heropenen of vastgestelde minutes: when, by whom, and why (shown on the meeting page). */
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    reopenedBy: uuid('reopened_by').references(() => users.id),
    reopenReason: text('reopen_reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('documents_household_idx').on(t.householdId), uniqueIndex('documents_one_plan_per_household').on(t.householdId).where(sql`${t.kind} = 'plan'`)],
);

/** Append-only log of Yjs updates, written in batches (one row per document per flush window). */
export const docUpdates = pgTable(
  'doc_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    data: bytea('data').notNull(),
    /** Number of client updates merged into this row. */
    updateCount: integer('update_count').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index('doc_updates_document_idx').on(t.documentId, t.id)],
);

/** Merged document state covering every doc_updates row with id <= upToUpdateId. */
export const docSnapshots = pgTable(
  'doc_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    data: bytea('data').notNull(),
    upToUpdateId: bigint('up_to_update_id', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('doc_snapshots_document_idx').on(t.documentId, t.id)],
);

/** Named versions ("Vastgesteld verslag 12-11-2026"): full encoded state at the moment of saving. */
export const docVersions = pgTable(
  'doc_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    name: text('name').notNull(),
    state: bytea('state').notNull(),
    /** True for a version made by "Verslag vaststellen" / plan vaststellen. */
    established: boolean('established').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('doc_versions_document_idx').on(t.documentId)],
);

export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    present: boolean('present').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.userId] })],
);

export const actions = pgTable(
  'actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    title: text('title').notNull(),
    details: text('details').notNull().default(''),
    kind: actionKind('kind').notNull().default('afspraak'),
    ownerOrganizationId: uuid('owner_organization_id').references(() => organizations.id),
    assignedUserId: uuid('assigned_user_id').references(() => users.id),
    personId: uuid('person_id').references(() => householdPersons.id),
    dueDate: date('due_date'),
    status: actionStatus('status').notNull().default('open'),
    claimedBy: uuid('claimed_by').references(() => users.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    completedBy: uuid('completed_by').references(() => users.id),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completionNote: text('completion_note'),
    sourceDocumentId: uuid('source_document_id').references(() => documents.id),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('actions_household_idx').on(t.householdId, t.status),
    // The huisverbod clock puts its advice step on the board once per household, however often the date changes.
    uniqueIndex('actions_one_huisverbod_advice').on(t.householdId).where(sql`${t.kind} = 'huisverbod_advies'`),
  ],
);

/** An action's history: who created, claimed, released, completed, changed what, when. */
export const actionEvents = pgTable(
  'action_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actionId: uuid('action_id')
      .notNull()
      .references(() => actions.id),
    userId: uuid('user_id').references(() => users.id),
    kind: text('kind').notNull(),
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('action_events_action_idx').on(t.actionId, t.id)],
);

/** Evaluation of an action in a casusoverleg (the minutes' evaluation block). */
export const actionEvaluations = pgTable(
  'action_evaluations',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    actionId: uuid('action_id')
      .notNull()
      .references(() => actions.id),
    verdict: evaluationVerdict('verdict').notNull(),
    /** Why it was "niet gelukt" (required with that verdict; null with any other). */
    reason: evaluationReason('reason'),
    note: text('note').notNull().default(''),
    evaluatedBy: uuid('evaluated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Bumped on every change: a save names the version it was based on, so concurrent edits conflict (409). */
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.actionId] })],
);

/**
 * A regional casusoverleg: one sitting that discusses several households, each an agenda item with a time slot.
 * Regional, so not a household's row: who sees it, and what of each item, is decided per viewer
 * (server/casusoverleg/visibility.ts). `revision` is bumped by every change, so open screens catch up.
 */
export const casusoverleggen = pgTable(
  'casusoverleggen',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    place: text('place').notNull().default(''),
    onlineLink: text('online_link').notNull().default(''),
    /** The voorzitter: moves the meeting through the agenda and closes it. */
    chairId: uuid('chair_id')
      .notNull()
      .references(() => users.id),
    status: casusoverlegStatus('status').notNull().default('planned'),
    /** The agenda item being discussed (while in progress); null before the start. */
    currentItemId: uuid('current_item_id'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    revision: integer('revision').notNull().default(0),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('casusoverleggen_starts_idx').on(t.startsAt), index('casusoverleggen_chair_idx').on(t.chairId)],
);

/** One household on a casusoverleg's agenda, with its time slot and its minutes (a `meeting` document). */
export const casusoverlegItems = pgTable(
  'casusoverleg_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    casusoverlegId: uuid('casusoverleg_id')
      .notNull()
      .references(() => casusoverleggen.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    /** The household's minutes of this casusoverleg, made when the household was put on the agenda. */
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    position: integer('position').notNull(),
    slotStart: timestamp('slot_start', { withTimezone: true }).notNull(),
    slotMinutes: integer('slot_minutes').notNull(),
    addedBy: uuid('added_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('casusoverleg_items_household_once').on(t.casusoverlegId, t.householdId), index('casusoverleg_items_household_idx').on(t.householdId)],
);

/** Per-household live event log (board changes etc.), replayed to SSE clients resuming with Last-Event-ID. */
export const householdEvents = pgTable(
  'household_events',
  {
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.householdId, t.seq] })],
);

/** Append-only audit trail; a trigger in the migrations refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id'),
    organizationId: uuid('organization_id'),
    householdId: uuid('household_id'),
    event: text('event').notNull(),
    target: text('target'),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_household_idx').on(t.householdId, t.id), index('audit_log_user_idx').on(t.userId)],
);

/**
 * What remains of a destroyed household: its reference, its dates and who confirmed the destruction. No
 * foreign key to households (that row is gone); household_id links the pseudonymised audit rows.
 */
export const householdDestructions = pgTable('household_destructions', {
  householdId: uuid('household_id').primaryKey(),
  reference: text('reference').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  closedAt: timestamp('closed_at', { withTimezone: true }).notNull(),
  retentionEndedAt: timestamp('retention_ended_at', { withTimezone: true }).notNull(),
  destroyedAt: timestamp('destroyed_at', { withTimezone: true }).notNull(),
  confirmedBy: uuid('confirmed_by')
    .notNull()
    .references(() => users.id),
});

/**
 * Periodic jobs shared by every server process: a process runs a job only after taking its row with
 * FOR UPDATE SKIP LOCKED and finding it due, then moves next_run_at on, in one transaction (exactly once).
 */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  lastRunBy: text('last_run_by'),
  runs: integer('runs').notNull().default(0),
});

/**
 * Meldingen: one row per recipient and event. `dedupeKey` is unique per recipient, so an event is delivered once
 * however many processes (or job runs) try. What the text may name (reference, action title) is decided when it
 * is read, from the recipient's participation at that moment. E-mail: `emailMode` is the recipient's preference
 * when the row was made; `emailedAt` is set in the same transaction that claims the row for sending.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: notificationKind('kind').notNull(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    actionId: uuid('action_id').references(() => actions.id),
    documentId: uuid('document_id').references(() => documents.id),
    /** The organisation the event concerns (the only detail an e-mail names besides the kind). */
    organizationId: uuid('organization_id').references(() => organizations.id),
    /** Who caused it (null: the system, e.g. a due date). */
    actorId: uuid('actor_id').references(() => users.id),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
    emailMode: emailPreference('email_mode').notNull().default('off'),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    emailAttempts: integer('email_attempts').notNull().default(0),
  },
  (t) => [
    uniqueIndex('notifications_recipient_dedupe').on(t.recipientId, t.dedupeKey),
    index('notifications_recipient_idx').on(t.recipientId, t.createdAt),
    index('notifications_household_idx').on(t.householdId),
    index('notifications_email_pending_idx').on(t.emailMode, t.createdAt).where(sql`${t.emailedAt} is null and ${t.emailMode} <> 'off'`),
  ],
);
