// The text of notification e-mails. No case content, ever: only what kind of event, the organisation it
// concerns, and a link to the app, where the recipient signs in and sees what their level allows. No names,
// no references, no titles, no notes (test/integration/notification-email.test.ts checks the received text).
import type { NotificationKind } from '../../shared/enums.ts';
import { NOTIFICATION_KIND_LABELS } from '../../shared/notifications.ts';

export interface EmailItem {
  kind: NotificationKind;
  organization: string | null;
}

const footer = (appUrl: string) => [
  '',
  `Bekijk je meldingen in Casustafel: ${appUrl}/meldingen`,
  '',
  'Deze e-mail bevat bewust geen gegevens over de casus; die lees je alleen na inloggen.',
  'Je ontvangt deze e-mail omdat je dat hebt gekozen bij Mijn account in Casustafel.',
];

const line = (i: EmailItem) => `- ${NOTIFICATION_KIND_LABELS[i.kind]}${i.organization ? ` (${i.organization})` : ''}`;

export function directEmail(item: EmailItem, appUrl: string) {
  return {
    subject: 'Nieuwe melding in Casustafel',
    text: ['Er is een nieuwe melding voor je in Casustafel:', '', line(item), ...footer(appUrl)].join('\n'),
  };
}

export function digestEmail(items: EmailItem[], appUrl: string) {
  const n = items.length;
  return {
    subject: `Casustafel: ${n} ${n === 1 ? 'nieuwe melding' : 'nieuwe meldingen'}`,
    text: [
      `Sinds de vorige samenvatting ${n === 1 ? 'is er 1 nieuwe melding' : `zijn er ${n} nieuwe meldingen`} voor je in Casustafel:`,
      '',
      ...items.map(line),
      ...footer(appUrl),
    ].join('\n'),
  };
}
