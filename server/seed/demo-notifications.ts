// Demo notifications, so every demo partner has a few in Meldingen (some read): an action assigned to their
// organisation, a claimed action changed by the regievoerder, a due date passed, a casusoverleg planned, being
// added to a household. Jasper's notice about HG-2026-0117 reads "een casus" until he confirms its statement.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { actions, documents, households, notifications, organizations, users } from '../db/schema.ts';
import type { NotificationKind } from '../../shared/enums.ts';

interface DemoNotification {
  to: string;
  kind: NotificationKind;
  household: string;
  action?: string;
  meeting?: boolean;
  organization: string;
  hoursAgo: number;
  read?: boolean;
}

const DEMO_NOTIFICATIONS: DemoNotification[] = [
  { to: 'politie@politie.test', kind: 'participant_added', household: 'HG-2026-0142', organization: 'Gemeente Rotterdam', hoursAgo: 70, read: true },
  { to: 'politie@politie.test', kind: 'meeting_planned', household: 'HG-2026-0142', meeting: true, organization: 'Gemeente Rotterdam', hoursAgo: 30 },
  {
    to: 'mw@maatschappelijkwerk.test',
    kind: 'action_changed',
    household: 'HG-2026-0142',
    action: 'Veiligheidsplan opstellen met Sandra',
    organization: 'Gemeente Rotterdam',
    hoursAgo: 5,
  },
  {
    to: 'mw@maatschappelijkwerk.test',
    kind: 'action_assigned',
    household: 'HG-2026-0117',
    action: 'Evaluatie veiligheidsplan met F.',
    organization: 'Maatschappelijk Werk Rotterdam',
    hoursAgo: 40,
    read: true,
  },
  {
    to: 'jeugd@jeugdzorg.test',
    kind: 'action_overdue',
    household: 'HG-2026-0142',
    action: 'Noah en Emma aanmelden bij jeugdzorg',
    organization: 'Jeugdzorg Rijnmond',
    hoursAgo: 3,
  },
  { to: 'jeugd@jeugdzorg.test', kind: 'participant_added', household: 'HG-2026-0117', organization: 'Gemeente Rotterdam', hoursAgo: 26 },
  {
    to: 'vz@verslavingszorg.test',
    kind: 'action_assigned',
    household: 'HG-2026-0142',
    action: 'Intake Mark bij verslavingszorg',
    organization: 'Verslavingszorg Rijnmond',
    hoursAgo: 20,
  },
  { to: 'regie@gemeente.test', kind: 'participant_added', household: 'HG-2026-0142', organization: 'Gemeente Rotterdam', hoursAgo: 72, read: true },
];

export async function seedDemoNotifications(db: Db, now: Date): Promise<void> {
  const [people, hh, acts, meetings, orgs] = await Promise.all([
    db.select({ id: users.id, email: users.email }).from(users),
    db.select({ id: households.id, reference: households.reference }).from(households),
    db.select({ id: actions.id, title: actions.title }).from(actions),
    db.select({ id: documents.id, householdId: documents.householdId }).from(documents).where(eq(documents.kind, 'meeting')),
    db.select({ id: organizations.id, name: organizations.name }).from(organizations),
  ]);
  const rows = DEMO_NOTIFICATIONS.flatMap((n, i) => {
    const recipientId = people.find((u) => u.email === n.to)?.id;
    const householdId = hh.find((h) => h.reference === n.household)?.id;
    if (!recipientId || !householdId) return [];
    const at = new Date(now.getTime() - n.hoursAgo * 3_600_000);
    return [
      {
        recipientId,
        kind: n.kind,
        householdId,
        actionId: n.action ? (acts.find((a) => a.title === n.action)?.id ?? null) : null,
        documentId: n.meeting ? (meetings.find((m) => m.householdId === householdId)?.id ?? null) : null,
        organizationId: orgs.find((o) => o.name === n.organization)?.id ?? null,
        dedupeKey: `demo:${i}`,
        createdAt: at,
        readAt: n.read ? new Date(at.getTime() + 3_600_000) : null,
      },
    ];
  });
  if (rows.length) await db.insert(notifications).values(rows).onConflictDoNothing();
}
