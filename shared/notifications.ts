// Meldingen: the response shapes, the Dutch text shown in the app, and the content-free lines e-mails use.
// In the app a notification names the household's reference and the action's title only when the server says
// the recipient may see them (otherwise `null`, and the text says "een casus"). An e-mail never names either.
import type { EmailPreference, NotificationKind } from './enums.ts';

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
  /** The household's reference, or null when the recipient may not see it (level, statement, no longer taking part). */
  reference: string | null;
  /** The action's title, when the recipient may see the action. */
  actionTitle: string | null;
  /** The organisation the event concerns (e.g. the one the action was assigned to). */
  organization: string | null;
  /** Where it leads in the app, or null when nothing of the household is open to the recipient. */
  link: string | null;
}

/** GET /api/notifications: newest first; `nextBefore` pages on (null: no older ones). */
export interface NotificationListResponse {
  notifications: NotificationItem[];
  unread: number;
  nextBefore: string | null;
}

/** GET /api/notifications/unread, and the answer of marking read. */
export interface UnreadCountResponse {
  unread: number;
}

/** GET/PUT /api/account/email-notifications. `available`: this installation sends e-mail (SMTP_URL is set). */
export interface EmailPreferenceResponse {
  preference: EmailPreference;
  available: boolean;
}

export const EMAIL_PREFERENCE_LABELS: Record<EmailPreference, string> = {
  off: 'Geen e-mail',
  direct: 'Direct een e-mail bij elke melding',
  daily: 'Eén dagelijkse samenvatting (om 7.00 uur)',
};

/** What happened, without any case content: the inbox's heading of a notification and the line in an e-mail. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  action_assigned: 'Een actie is toegewezen aan je organisatie',
  action_changed: 'Een actie die jij hebt opgepakt is gewijzigd',
  action_due_tomorrow: 'Een actie moet morgen af zijn',
  action_overdue: 'De einddatum van een actie is verstreken',
  meeting_planned: 'Er is een casusoverleg gepland',
  minutes_established: 'Het verslag van een casusoverleg is vastgesteld',
  meeting_overview: 'Het overzicht van de afspraken na een casusoverleg staat klaar',
  participant_added: 'Je bent toegevoegd aan een casus',
  participant_removed: 'Je neemt niet meer deel aan een casus',
  plan_deadline: 'Het plan van aanpak bij een huisverbod moet binnen twee dagen klaar zijn',
};

/** The sentence shown in the app, naming only what the server left in. */
export function notificationText(n: Pick<NotificationItem, 'kind' | 'reference' | 'actionTitle' | 'organization'>): string {
  const casus = n.reference ?? 'een casus';
  const actie = n.actionTitle ? `Actie “${n.actionTitle}”` : 'Een actie';
  switch (n.kind) {
    case 'action_assigned':
      return `${actie} in ${casus} is toegewezen aan ${n.organization ?? 'jouw organisatie'}.`;
    case 'action_changed':
      return `${actie} in ${casus}, die jij hebt opgepakt, is gewijzigd${n.organization ? ` door ${n.organization}` : ''}.`;
    case 'action_due_tomorrow':
      return `${actie} in ${casus} moet morgen af zijn.`;
    case 'action_overdue':
      return `De einddatum van ${n.actionTitle ? `actie “${n.actionTitle}”` : 'een actie'} in ${casus} is verstreken.`;
    case 'meeting_planned':
      return `Er is een casusoverleg gepland voor ${casus}.`;
    case 'minutes_established':
      return `Het verslag van het casusoverleg van ${casus} is vastgesteld.`;
    case 'meeting_overview':
      return `Het casusoverleg is afgesloten: het overzicht van de nieuwe en gewijzigde afspraken voor jouw organisatie staat klaar.`;
    case 'participant_added':
      return `Je bent toegevoegd aan ${casus}.`;
    case 'participant_removed':
      return `Je neemt niet meer deel aan ${casus}.`;
    case 'plan_deadline':
      return `Het plan van aanpak van ${casus} moet binnen twee dagen vastgesteld zijn (huisverbod).`;
  }
}
