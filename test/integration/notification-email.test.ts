// Notification e-mail against a real SMTP server started here (smtp-server): each opted-in notification is mailed
// exactly once although two server processes (sharing one database of this file's own) deliver at the same
// moment; the daily summary is one mail per person; a failed send is tried again; and no mail holds anything of a
// case: the demo data's people, households, references and action titles appear in none of the received texts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { actions, householdPersons, households, notifications, scheduledJobs, users } from '../../server/db/schema.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { deliverDirectEmails, getNotificationScheduler } from '../../server/notifications/module.ts';
import { insertNotifications } from '../../server/notifications/store.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../../server/seed/demo.ts';
import { ApiClient } from '../support/client.ts';
import { isolatedDatabase } from '../support/scratch-db.ts';
import { captureLogs, startTestServer, type TestServer } from '../support/server.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { waitFor } from '../support/collab.ts';
import type { EmailPreference } from '../../shared/enums.ts';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let second: Database | null = null;
let a: TestServer;
let b: TestServer;
const clients = new Map<string, ApiClient>();
const demo = (key: (typeof DEMO_USERS)[number]['key']) => clients.get(key)!;

beforeAll(async () => {
  smtp = await startSmtpServer();
  database = await isolatedDatabase('casustafel_notify_mail');
  second = database.url ? await openDatabase({ databaseUrl: database.url, dataDir: '' }) : null;
  const config = { smtpUrl: smtp.url, smtpFrom: 'Casustafel <noreply@casustafel.test>', publicOrigins: ['https://casustafel.example.nl'] };
  [a, b] = await Promise.all([startTestServer({ database, config }), startTestServer({ database: second ?? database, config })]);
  await seedDemo(database.db, new Date(), a.deps.secrets);
  for (const u of DEMO_USERS) clients.set(u.key, await new ApiClient(u.key === 'politie' ? b.url : a.url).login(u.email, DEMO_PASSWORD));
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  await second?.close();
  await database?.close();
  await smtp?.close();
});
const db = () => database.db;

const prefer = async (key: (typeof DEMO_USERS)[number]['key'], preference: EmailPreference) =>
  expect((await demo(key).put('/api/account/email-notifications', { preference })).body).toEqual({ preference, available: true });

const householdId = async (reference: string) => (await db().select().from(households).where(eq(households.reference, reference)))[0]!.id;
const orgOf = async (key: (typeof DEMO_USERS)[number]['key']) =>
  (
    await db()
      .select()
      .from(users)
      .where(eq(users.email, DEMO_USERS.find((u) => u.key === key)!.email))
  )[0]!.organizationId;

/** Both processes deliver (the at-once pass and the minute job) at the same moment. */
async function deliverEverywhere() {
  await db()
    .update(scheduledJobs)
    .set({ nextRunAt: new Date(0) })
    .where(eq(scheduledJobs.name, 'notifications.email'));
  await Promise.all([
    deliverDirectEmails(a.deps),
    deliverDirectEmails(b.deps),
    getNotificationScheduler(a.deps).tick(),
    getNotificationScheduler(b.deps).tick(),
  ]);
}

describe('notification e-mail', () => {
  it('reaches an opted-in user exactly once, although two processes deliver at once', async () => {
    await prefer('politie', 'direct');
    const before = smtp.received.length;
    const jansen = await householdId('HG-2026-0142');
    const created = await demo('regie').post(`/api/households/${jansen}/actions`, {
      title: 'Buurtonderzoek Sandra',
      ownerOrganizationId: await orgOf('politie'),
    });
    expect(created.status).toBe(201);
    // At once: the process that made the notification sends it; later passes of both processes find nothing to send.
    await smtp.arrived(before + 1);
    await deliverEverywhere();
    await deliverEverywhere();
    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['politie@politie.test']);
    expect(mails[0]!.text).toContain('Een actie is toegewezen aan je organisatie (Politie Rotterdam)');
    expect(mails[0]!.text).toContain('https://casustafel.example.nl/meldingen');
    expect(mails[0]!.text).not.toContain('Buurtonderzoek');
    const pending = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.emailMode, 'direct'), isNull(notifications.emailedAt)));
    expect(pending).toEqual([]);

    // A waiting notification (nobody announced it) and four delivery passes in two processes at the same moment.
    const [politie] = await db().select().from(users).where(eq(users.email, 'politie@politie.test'));
    await insertNotifications(db(), [{ recipientId: politie!.id, kind: 'action_overdue', householdId: jansen, dedupeKey: 'race' }], new Date());
    await deliverEverywhere();
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual([['politie@politie.test'], ['politie@politie.test']]);
  });

  it('the daily summary is one mail per person, sent once across processes, with one line per notification', async () => {
    await prefer('mw', 'daily');
    const before = smtp.received.length;
    const jansen = await householdId('HG-2026-0142');
    const mw = await orgOf('mw');
    for (const title of ['Gesprek met Sandra', 'Huisbezoek Emma'])
      await demo('regie').post(`/api/households/${jansen}/actions`, { title, ownerOrganizationId: mw });
    await demo('regie').post(`/api/households/${jansen}/meetings`, { title: 'Casusoverleg Jansen', meetingAt: '2026-03-02T10:00:00+01:00' });
    await deliverEverywhere(); // direct delivery leaves the summary's rows alone
    const toMw = () => smtp.received.slice(before).filter((m) => m.to.includes('mw@maatschappelijkwerk.test'));
    expect(toMw()).toEqual([]);
    await db()
      .update(scheduledJobs)
      .set({ nextRunAt: new Date(0) })
      .where(eq(scheduledJobs.name, 'notifications.digest'));
    const passes = await Promise.all([a, b, a, b].map((s) => getNotificationScheduler(s.deps).tick()));
    expect(passes.filter((ran) => ran.some((r) => r.name === 'notifications.digest'))).toHaveLength(1);
    // The next summary is due at 7.00 Dutch time.
    const [job] = await db().select().from(scheduledJobs).where(eq(scheduledJobs.name, 'notifications.digest'));
    expect(new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: 'numeric', minute: 'numeric' }).format(job!.nextRunAt)).toBe('07:00');
    await waitFor(() => toMw().length > 0, 'the summary');
    const [summary, ...more] = toMw();
    expect(more).toEqual([]);
    expect(summary!.text).toContain('zijn er 3 nieuwe meldingen');
    expect(summary!.text.match(/^- /gm)).toHaveLength(3);
    expect(summary!.text).toContain('Er is een casusoverleg gepland');
  });

  it('a failed send is tried again later, and switching e-mail off drops what was waiting', async () => {
    await prefer('jeugd', 'direct');
    // A process whose SMTP server does not answer makes the notification and fails to send it.
    const broken = await startTestServer({ database, config: { smtpUrl: 'smtp://127.0.0.1:1' } });
    try {
      const deVries = await householdId('HG-2025-0388');
      const regie = await new ApiClient(broken.url).login('regie@gemeente.test', DEMO_PASSWORD);
      await regie.post(`/api/households/${deVries}/actions`, { title: 'Schoolbezoek Lotte', ownerOrganizationId: await orgOf('jeugd') });
      await deliverDirectEmails(broken.deps);
      const [row] = await db()
        .select()
        .from(notifications)
        .where(and(eq(notifications.emailMode, 'direct'), isNull(notifications.emailedAt)));
      expect(row!.emailAttempts).toBeGreaterThanOrEqual(1);
      const before = smtp.received.length;
      await deliverEverywhere();
      await smtp.arrived(before + 1);
      expect(smtp.received.slice(before).map((m) => m.to)).toEqual([['jeugd@jeugdzorg.test']]);

      await prefer('jeugd', 'off');
      await demo('regie').post(`/api/households/${deVries}/actions`, { title: 'Nog een', ownerOrganizationId: await orgOf('jeugd') });
      await deliverEverywhere();
      expect(smtp.received.length).toBe(before + 1);
    } finally {
      await broken.close();
    }
  });

  it('no e-mail holds a name, a reference, a household or an action title of the demo data', async () => {
    for (const key of ['regie', 'politie', 'mw', 'jeugd', 'vz'] as const) await prefer(key, 'direct');
    const jansen = await householdId('HG-2026-0142');
    const elAmrani = await householdId('HG-2026-0117');
    // Everyday flows that notify: assignments, a claim edited by the regievoerder, a meeting, vaststellen, participants.
    const [own] = await db()
      .select()
      .from(actions)
      .where(and(eq(actions.householdId, jansen), eq(actions.title, 'Veiligheidsplan opstellen met Sandra')));
    await demo('regie').patch(`/api/actions/${own!.id}`, { dueDate: '2026-12-01', version: own!.version });
    await demo('regie').post(`/api/households/${elAmrani}/actions`, { title: 'Contact met F. over Y.', ownerOrganizationId: await orgOf('vz') });
    const meeting = await demo('regie').post(`/api/households/${jansen}/meetings`, {
      title: 'Casusoverleg Gezin Jansen',
      meetingAt: '2026-03-09T10:00:00+01:00',
    });
    await demo('regie').post(`/api/documents/${meeting.body.document.id}/establish`, {});
    const wim = DEMO_USERS.find((u) => u.key === 'wijkteam')!;
    const [wijk] = await db().select().from(users).where(eq(users.email, wim.email));
    await demo('regie').post(`/api/households/${jansen}/participants`, { userId: wijk!.id, role: 'observer' });
    await demo('regie').delete(`/api/households/${jansen}/participants/${wijk!.id}`, {});
    await db()
      .update(scheduledJobs)
      .set({ nextRunAt: new Date(0) })
      .where(inArray(scheduledJobs.name, ['notifications.due', 'notifications.digest']));
    await Promise.all([getNotificationScheduler(a.deps).tick(), getNotificationScheduler(b.deps).tick()]);
    const before = smtp.received.length;
    await deliverEverywhere();
    // Every opted-in notification went out (the digest pass took the daily ones): as many mails as direct rows, plus the summaries.
    const mailed = await db()
      .select()
      .from(notifications)
      .where(inArray(notifications.emailMode, ['direct', 'daily']));
    expect(mailed.every((n) => n.emailedAt !== null)).toBe(true);
    await waitFor(() => smtp.received.length > before + 5, 'the e-mails of the flows');

    const forbidden = [
      ...(await db().select({ s: householdPersons.label }).from(householdPersons)).map((r) => r.s),
      ...(await db().select({ s: households.reference }).from(households)).map((r) => r.s),
      ...(await db().select({ s: households.displayName }).from(households)).map((r) => r.s),
      ...(await db().select({ s: actions.title }).from(actions)).map((r) => r.s),
      ...DEMO_USERS.map((u) => u.name),
      'Casusoverleg Gezin Jansen',
    ];
    for (const mail of smtp.received) {
      for (const word of forbidden)
        expect(new RegExp(`(^|[^\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(mail.text), word).toBe(false);
      expect(mail.raw).not.toMatch(/HG-\d{4}-\d{4}/);
    }
  });

  it('without SMTP_URL: no e-mail, said once at start, and Mijn account says it is not available', async () => {
    const logs = captureLogs();
    const quiet = await startTestServer({ database, config: { logLevel: 'info' }, logDestination: logs.destination });
    try {
      expect(logs.lines.filter((l) => String(l.msg).includes('SMTP_URL is not set'))).toHaveLength(1);
      const regie = await new ApiClient(quiet.url).login('regie@gemeente.test', DEMO_PASSWORD);
      expect((await regie.get('/api/account/email-notifications')).body).toMatchObject({ available: false });
      expect(await deliverDirectEmails(quiet.deps)).toBe(0);
    } finally {
      await quiet.close();
    }
  });
});
