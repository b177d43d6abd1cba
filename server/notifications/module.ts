// Meldingen as one Module: the inbox routes (a user's own notifications only), the e-mail choice in Mijn account,
// the periodic jobs (due dates and the plan deadline hourly, direct e-mails as a safety net every minute, the
// daily summary at 7.00), and this process's part in sending direct e-mails at once when a notification is made.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import type { Module } from '../module.ts';
import { requireUser } from '../auth/middleware.ts';
import { actorOf, parseBody, parseQuery } from '../http.ts';
import { isUuid } from '../access/authorize.ts';
import { AppError } from '../errors.ts';
import { JobScheduler, type Job } from '../jobs/scheduler.ts';
import { EmailPreferenceInput, NotificationListQuery } from '../../shared/schemas.ts';
import type { EmailPreferenceResponse, NotificationListResponse, UnreadCountResponse } from '../../shared/notifications.ts';
import { emailPreference, listNotifications, markAllRead, markRead, setEmailPreference, unreadCount } from './inbox.ts';
import { runDueNotifications } from './due-job.ts';
import { claimEmails, deliverDirect, sendClaimed, type ClaimedEmail, type SendContext } from './email-delivery.ts';
import { createMailer } from './mailer.ts';
import { announceNotifications, MAIL_TOPIC, type CreatedNotifications } from './topics.ts';
import { nextAmsterdamHour } from './schedule.ts';

export const DUE_JOB_EVERY_MS = 60 * 60 * 1000;
export const EMAIL_JOB_EVERY_MS = 60 * 1000;
/** The daily summary goes out at this hour, Dutch time. */
export const DIGEST_HOUR = 7;

const schedulers = new WeakMap<Deps, JobScheduler>();

/** This server's notification job scheduler (tests run its passes directly). */
export function getNotificationScheduler(deps: Deps): JobScheduler {
  const s = schedulers.get(deps);
  if (!s) throw new Error('notifications module not created for these deps');
  return s;
}

const deliveries = new WeakMap<Deps, () => Promise<number>>();

/** Sends the direct e-mails that are due, now, from this process (tests race two processes with it). */
export function deliverDirectEmails(deps: Deps): Promise<number> {
  const run = deliveries.get(deps);
  if (!run) throw new Error('notifications module not created for these deps');
  return run();
}

export function notificationsModule(deps: Deps): Module {
  const { db, config, log } = deps;
  const mailer = createMailer(config);
  if (!mailer) log.info('notifications: e-mail is off (SMTP_URL is not set); notifications appear in the app only');
  const send: SendContext | null = mailer ? { db, mailer, log, appUrl: config.publicOrigins[0] ?? `http://localhost:${config.port}` } : null;

  // Direct e-mails from this process: one pass at a time; a request during a pass makes one more pass after it.
  let pass: Promise<number> | null = null;
  let again = false;
  const deliver = async (): Promise<number> => {
    if (!send) return 0;
    if (pass) {
      again = true;
      return pass;
    }
    pass = (async () => {
      let sent = 0;
      do {
        again = false;
        sent += await deliverDirect(send, deps.now).catch((err) => {
          log.error('notifications: direct e-mail pass failed', { err: String(err) });
          return 0;
        });
      } while (again);
      return sent;
    })().finally(() => (pass = null));
    return pass;
  };
  deliveries.set(deps, deliver);
  const unsubscribe = deps.hub.subscribe(MAIL_TOPIC, () => void deliver());

  const dueJob: Job<CreatedNotifications> = {
    name: 'notifications.due',
    everyMs: DUE_JOB_EVERY_MS,
    run: (tx, now) => runDueNotifications(tx, now),
    afterCommit: async (created) => announceNotifications(deps.hub, created),
  };
  const emailJob = (mode: 'direct' | 'daily', ctx: SendContext): Job<ClaimedEmail[]> => ({
    name: mode === 'direct' ? 'notifications.email' : 'notifications.digest',
    everyMs: mode === 'direct' ? EMAIL_JOB_EVERY_MS : 24 * 60 * 60 * 1000,
    nextRunAt: mode === 'daily' ? (now) => nextAmsterdamHour(now, DIGEST_HOUR) : undefined,
    run: (tx, now) => claimEmails(tx, mode, now),
    afterCommit: async (claimed) => {
      await sendClaimed(ctx, claimed, mode).catch((err) => log.error('notifications: e-mail job failed', { err: String(err) }));
    },
  });
  const scheduler = new JobScheduler(db, send ? [dueJob, emailJob('direct', send), emailJob('daily', send)] : [dueJob], deps.now, log);
  schedulers.set(deps, scheduler);
  scheduler.start(config.jobsTickMs);

  const api = new Hono<AppEnv>();
  api.get('/notifications', async (c) => c.json<NotificationListResponse>(await listNotifications(db, requireUser(c), parseQuery(c, NotificationListQuery))));
  api.get('/notifications/unread', async (c) => c.json<UnreadCountResponse>({ unread: await unreadCount(db, requireUser(c).id) }));
  api.post('/notifications/read-all', async (c) => {
    await markAllRead(db, requireUser(c).id, deps.now());
    return c.json<UnreadCountResponse>({ unread: 0 });
  });
  api.post('/notifications/:id/read', async (c) => {
    const user = requireUser(c);
    const id = c.req.param('id');
    if (!isUuid(id)) throw new AppError(404, 'NOT_FOUND', 'Deze melding bestaat niet.');
    return c.json<UnreadCountResponse>({ unread: await markRead(db, user.id, id, deps.now()) });
  });
  api.get('/account/email-notifications', async (c) =>
    c.json<EmailPreferenceResponse>({ preference: await emailPreference(db, requireUser(c).id), available: mailer !== null }),
  );
  api.put('/account/email-notifications', async (c) => {
    const input = await parseBody(c, EmailPreferenceInput);
    await setEmailPreference(db, actorOf(c, deps), input.preference);
    return c.json<EmailPreferenceResponse>({ preference: input.preference, available: mailer !== null });
  });

  return {
    name: 'notifications',
    api,
    close: async () => {
      unsubscribe();
      await scheduler.close();
      await pass;
      mailer?.close();
    },
  };
}
