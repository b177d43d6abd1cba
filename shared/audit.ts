// Every kind of audit row, with its Dutch label for the Logboek: one list, so a new event cannot be
// written without a label (the Record below must name every event).
export const AUDIT_EVENTS = [
  'login.success',
  'login.failure',
  'logout',
  'household.view',
  'household.create',
  'household.update',
  'household.phase',
  'household.huisverbod',
  'household.huisverbod_decision',
  'person.add',
  'person.update',
  'participant.add',
  'participant.change',
  'participant.remove',
  'participant.level',
  'statement.confirmed',
  'settings.statement',
  'organization.create',
  'user.create',
  'document.create',
  'document.open',
  'document.edit_session',
  'document.version',
  'document.restore',
  'document.lock',
  'document.unlock',
  'document.export',
  'meeting.attendance',
  'meeting.evaluation',
  'household.grondslag',
  'account.second_factor_failure',
  'account.recovery_code_used',
  'account.totp_added',
  'account.passkey_added',
  'account.totp_removed',
  'account.passkey_removed',
  'account.recovery_codes_renewed',
  'account.step_up',
  'account.session_ended',
  'account.sessions_ended',
  'account.password_changed',
  'account.second_factor_reset',
  'account.oidc_created',
  'organization.security',
  'meeting.attendance_view',
  'meeting.evaluation_view',
  'board.view',
  'document.view',
  'document.versions',
  'events.open',
  'access.refused',
  'user.disable',
  'user.enable',
  'household.close',
  'household.reopen',
  'household.retention_expired',
  'household.destroy',
  'household.audit_exported',
  'household.inzage_exported',
  'casusoverleg.plan',
  'casusoverleg.update',
  'casusoverleg.agenda_add',
  'casusoverleg.agenda_change',
  'casusoverleg.agenda_remove',
  'casusoverleg.agenda_order',
  'casusoverleg.start',
  'casusoverleg.next',
  'casusoverleg.close',
  'casusoverleg.item_view',
  'casusoverleg.overview_view',
  'my_actions.view',
  'account.email_notifications',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number] | `action.${string}`;

export const AUDIT_EVENT_LABELS: Record<(typeof AUDIT_EVENTS)[number], string> = {
  'login.success': 'Ingelogd',
  'login.failure': 'Inloggen mislukt',
  logout: 'Uitgelogd',
  'household.view': 'Huishouden bekeken',
  'household.create': 'Huishouden aangemaakt',
  'household.update': 'Gegevens gewijzigd',
  'household.phase': 'Fase gewijzigd',
  'household.huisverbod': 'Verlenging huisverbod vastgelegd',
  'household.huisverbod_decision': 'Besluit burgemeester over verlenging huisverbod vastgelegd',
  'person.add': 'Persoon toegevoegd',
  'person.update': 'Persoon gewijzigd',
  'participant.add': 'Deelnemer toegevoegd',
  'participant.change': 'Rol van deelnemer gewijzigd',
  'participant.remove': 'Deelnemer verwijderd',
  'participant.level': 'Informatieniveau van deelnemer gewijzigd',
  'statement.confirmed': 'Geheimhoudingsverklaring bevestigd',
  'settings.statement': 'Tekst van de geheimhoudingsverklaring gewijzigd',
  'organization.create': 'Organisatie aangemaakt',
  'user.create': 'Account aangemaakt',
  'document.create': 'Casusoverleg gepland',
  'document.open': 'Document geopend',
  'document.edit_session': 'Document bewerkt',
  'document.version': 'Versie vastgelegd',
  'document.restore': 'Versie teruggezet',
  'document.lock': 'Verslag vastgesteld',
  'document.unlock': 'Verslag heropend',
  'document.export': 'Document geëxporteerd',
  'meeting.attendance': 'Aanwezigheid vastgelegd',
  'meeting.evaluation': 'Actie geëvalueerd',
  'household.grondslag': 'Grondslag of inbrenger gewijzigd',
  'account.second_factor_failure': 'Tweede factor mislukt',
  'account.recovery_code_used': 'Herstelcode gebruikt',
  'account.totp_added': 'Authenticator-app ingesteld',
  'account.passkey_added': 'Passkey toegevoegd',
  'account.totp_removed': 'Authenticator-app verwijderd',
  'account.passkey_removed': 'Passkey verwijderd',
  'account.recovery_codes_renewed': 'Nieuwe herstelcodes gemaakt',
  'account.step_up': 'Tweede factor bevestigd in een lopende sessie',
  'account.session_ended': 'Sessie beëindigd',
  'account.sessions_ended': 'Andere sessies beëindigd',
  'account.password_changed': 'Wachtwoord gewijzigd',
  'account.second_factor_reset': 'Tweede factor gereset door beheerder',
  'account.oidc_created': 'Account aangemaakt bij inloggen via de organisatie',
  'organization.security': 'Inlogregels van organisatie gewijzigd',
  'meeting.attendance_view': 'Aanwezigheid bekeken',
  'meeting.evaluation_view': 'Evaluatie van acties bekeken',
  'board.view': 'Bord bekeken',
  'document.view': 'Documentgegevens bekeken',
  'document.versions': 'Versies bekeken',
  'events.open': 'Live-verbinding geopend',
  'access.refused': 'Toegang geweigerd',
  'user.disable': 'Account uitgeschakeld',
  'user.enable': 'Account weer ingeschakeld',
  'household.close': 'Casus gesloten',
  'household.reopen': 'Casus heropend',
  'household.retention_expired': 'Bewaartermijn verstreken (op vernietigingslijst)',
  'household.destroy': 'Casus vernietigd',
  'household.audit_exported': 'Logboek geëxporteerd',
  'household.inzage_exported': 'Inzageverzoek van betrokkene gemaakt',
  'casusoverleg.plan': 'Regionaal casusoverleg gepland',
  'casusoverleg.update': 'Gegevens van casusoverleg gewijzigd',
  'casusoverleg.agenda_add': 'Op de agenda van een casusoverleg gezet',
  'casusoverleg.agenda_change': 'Tijdslot op de agenda gewijzigd',
  'casusoverleg.agenda_remove': 'Van de agenda van een casusoverleg gehaald',
  'casusoverleg.agenda_order': 'Volgorde van de agenda gewijzigd',
  'casusoverleg.start': 'Casusoverleg gestart',
  'casusoverleg.next': 'Volgende casus in het casusoverleg',
  'casusoverleg.close': 'Casusoverleg gesloten',
  'casusoverleg.item_view': 'Casus bekeken in de vergadermodus',
  'casusoverleg.overview_view': 'Overzicht van afspraken na het casusoverleg bekeken',
  'my_actions.view': 'Acties bekeken in Mijn acties',
  'account.email_notifications': 'E-mail bij meldingen gewijzigd',
};

/** The verbs of `action.<verb>` audit rows (board changes and reads of one action). */
export const ACTION_AUDIT_VERBS = ['create', 'edit', 'claim', 'release', 'complete', 'reopen', 'cancel', 'assign', 'view', 'history'] as const;
export type ActionAuditVerb = (typeof ACTION_AUDIT_VERBS)[number];

const ACTION_EVENT_LABELS: Record<ActionAuditVerb, string> = {
  create: 'Actie aangemaakt',
  edit: 'Actie gewijzigd',
  claim: 'Actie opgepakt',
  release: 'Actie vrijgegeven',
  complete: 'Actie afgerond',
  reopen: 'Actie heropend',
  cancel: 'Actie geannuleerd',
  assign: 'Actie toegewezen',
  view: 'Actie bekeken',
  history: 'Geschiedenis van actie bekeken',
};

export function auditEventLabel(event: string): string {
  if (event.startsWith('action.')) return (ACTION_EVENT_LABELS as Record<string, string>)[event.slice(7)] ?? `Actie: ${event.slice(7)}`;
  return (AUDIT_EVENT_LABELS as Record<string, string>)[event] ?? event;
}

// ── Kinds: what the Logboek filters by ─────────────────────────────────────────────────────────────────

/**
 * What an audit row records: a read (`view`), a change, an export or print, a refused attempt, or sign-in and
 * account security (`account`, never about a household). Derived from the event name by `auditEventKind`.
 */
export const AUDIT_KINDS = ['view', 'change', 'export', 'refused', 'account'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
/** The kinds a household's Logboek offers as a filter (account rows never belong to a household). */
export const LOGBOEK_KINDS = ['view', 'change', 'export', 'refused'] as const satisfies readonly AuditKind[];
export type LogboekKind = (typeof LOGBOEK_KINDS)[number];

export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  view: 'Inzage',
  change: 'Wijziging',
  export: 'Export of afdruk',
  refused: 'Geweigerd',
  account: 'Inloggen en account',
};

/** Last part of an event name that marks a read: `household.view`, `meeting.attendance_view`, `document.open`, … */
const READ_VERBS = new Set(['view', 'open', 'versions', 'history']);

/**
 * The one mapping from an event name to its kind, by naming convention: `access.refused` is a refusal; a name
 * ending in `export` or `_exported` an export (or print); `login.*`, `logout` and `account.*` sign-in and account
 * security; a last part in READ_VERBS (or ending in `_view`) a read; everything else a change.
 */
export function auditEventKind(event: string): AuditKind {
  if (event === 'access.refused') return 'refused';
  const verb = event.slice(event.lastIndexOf('.') + 1);
  if (verb === 'export' || verb.endsWith('_exported')) return 'export';
  if (event === 'logout' || event.startsWith('login.') || event.startsWith('account.')) return 'account';
  if (READ_VERBS.has(verb) || verb.endsWith('_view')) return 'view';
  return 'change';
}

/** Every event name the server writes (the fixed list and every `action.<verb>`). */
export const KNOWN_AUDIT_EVENTS: readonly string[] = [...AUDIT_EVENTS, ...ACTION_AUDIT_VERBS.map((v) => `action.${v}`)];

/** The event names of one kind (for a database filter), derived from `auditEventKind`. */
export function auditEventsOfKind(kind: AuditKind): string[] {
  return KNOWN_AUDIT_EVENTS.filter((e) => auditEventKind(e) === kind);
}

const EXPORT_FORMAT_LABELS: Record<string, string> = { html: 'afdrukweergave', pdf: 'PDF', csv: 'CSV', json: 'inhoud' };

/**
 * The human part of a row's details, shown in the Logboek and its exports: the reason given for a change, and
 * what a refused attempt tried and its answer, or what an export held. Never the raw details (they can hold an
 * action's changes, i.e. content).
 */
export function auditEntryNote(event: string, details: Record<string, unknown> | null | undefined): { reason: string | null; detail: string | null } {
  const d = details ?? {};
  const reason = typeof d.reason === 'string' && d.reason ? d.reason : null;
  let detail: string | null = null;
  if (event === 'access.refused') {
    detail = `${typeof d.request === 'string' ? d.request : String(d.resource ?? '')} — geweigerd met ${String(d.answer ?? '')}`;
  } else if (auditEventKind(event) === 'export') {
    const parts = [typeof d.format === 'string' ? (EXPORT_FORMAT_LABELS[d.format] ?? d.format) : null, typeof d.rows === 'number' ? `${d.rows} regels` : null];
    detail = parts.filter(Boolean).join(', ') || null;
  }
  return { reason, detail };
}

/** The note as one line of text (CSV and PDF exports). */
export function auditEntryNoteText(event: string, details: Record<string, unknown> | null | undefined): string {
  const { reason, detail } = auditEntryNote(event, details);
  return [reason && `Reden: ${reason}`, detail].filter(Boolean).join(' · ');
}
