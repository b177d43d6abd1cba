// Hub topics of notifications. Each recipient's open streams (their own stream, or a household stream held in the
// same tab) hear `notificationTopic(userId)` and tell the browser to re-read its count; every process hears
// MAIL_TOPIC and tries to send what is due at once (each row is claimed by exactly one, see email-delivery.ts).
// The messages carry nothing but that something is new.
import type { Hub } from '../realtime/hub.ts';

export const notificationTopic = (userId: string) => `notifications:${userId}`;
export const MAIL_TOPIC = 'notifications-mail';

export interface CreatedNotifications {
  recipients: string[];
  /** Some of them are to be e-mailed at once. */
  direct: boolean;
}

export function announceNotifications(hub: Hub, created: CreatedNotifications): void {
  for (const userId of new Set(created.recipients)) void hub.publish(notificationTopic(userId), {});
  if (created.direct) void hub.publish(MAIL_TOPIC, {});
}
