// Demo data: organisations, accounts and three households in different phases and profiles.
// Seeded into an empty embedded database by `npm start`, or anywhere by `npm run seed:demo`.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { documents, householdPersons, households, organizations, participations, phaseChanges, users } from '../db/schema.ts';
import { hashPassword } from '../auth/password.ts';
import { addDays, amsterdamDay } from '../../shared/huisverbod.ts';
import type { CloseReason, InfoLevel, OrganizationKind } from '../../shared/enums.ts';
import { retentionEnd } from '../households/closing.ts';
import { seedDemoActions } from './demo-actions.ts';
import { demoIdentityText, seedDemoIdentity } from './demo-identity.ts';
import type { SecretBox } from '../auth/secret-box.ts';
import { seedDemoDocuments } from './demo-documents.ts';
import { seedDemoHuisverbod } from './demo-huisverbod.ts';
import { seedDemoCasusoverleg } from './demo-casusoverleg.ts';
import { seedDemoNotifications } from './demo-notifications.ts';

export { seedDemoActions };

export const DEMO_PASSWORD = 'casustafel-demo';

export const DEMO_ORGANIZATIONS: { key: string; name: string; kind: OrganizationKind }[] = [
  { key: 'gemeente', name: 'Gemeente Rotterdam', kind: 'gemeente' },
  { key: 'politie', name: 'Politie Rotterdam', kind: 'politie' },
  { key: 'mw', name: 'Maatschappelijk Werk Rotterdam', kind: 'maatschappelijk_werk' },
  { key: 'jeugd', name: 'Jeugdzorg Rijnmond', kind: 'jeugdzorg' },
  { key: 'vz', name: 'Verslavingszorg Rijnmond', kind: 'verslavingszorg' },
  { key: 'vt', name: 'Veilig Thuis Rotterdam-Rijnmond', kind: 'veilig_thuis' },
  { key: 'wijkteam', name: 'Wijkteam Feijenoord', kind: 'wijkteam' },
];

export const DEMO_USERS = [
  { key: 'beheer', email: 'beheer@casustafel.test', name: 'Bram Beheer', org: 'gemeente', admin: true, role: 'functioneel beheerder' },
  { key: 'regie', email: 'regie@gemeente.test', name: 'Rianne de Regie', org: 'gemeente', admin: false, role: 'regievoerder' },
  { key: 'politie', email: 'politie@politie.test', name: 'Peter Post', org: 'politie', admin: false, role: 'partner (politie)' },
  { key: 'mw', email: 'mw@maatschappelijkwerk.test', name: 'Mila Werkman', org: 'mw', admin: false, role: 'partner (maatschappelijk werk)' },
  { key: 'jeugd', email: 'jeugd@jeugdzorg.test', name: 'Jasper Jong', org: 'jeugd', admin: false, role: 'partner (jeugdzorg)' },
  { key: 'vz', email: 'vz@verslavingszorg.test', name: 'Vera Zorg', org: 'vz', admin: false, role: 'partner (verslavingszorg)' },
  { key: 'wijkteam', email: 'wijkteam@wijkteam.test', name: 'Wim Wijk', org: 'wijkteam', admin: false, role: 'neemt aan geen demohuishouden deel' },
] as const;

export async function isEmpty(db: Db): Promise<boolean> {
  const result = await db.execute(sql`select count(*)::int as n from users`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
  return Number(rows[0]?.n ?? 0) === 0;
}

export async function seedDemo(db: Db, now: Date, secrets?: SecretBox): Promise<void> {
  const today = amsterdamDay(now);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const orgIds: Record<string, string> = {};
    for (const o of DEMO_ORGANIZATIONS) {
      const [row] = await tx.insert(organizations).values({ name: o.name, kind: o.kind }).returning({ id: organizations.id });
      orgIds[o.key] = row!.id;
    }
    const userIds: Record<string, string> = {};
    for (const u of DEMO_USERS) {
      const [row] = await tx
        .insert(users)
        .values({ email: u.email, name: u.name, organizationId: orgIds[u.org]!, admin: u.admin, passwordHash })
        .returning({ id: users.id });
      userIds[u.key] = row!.id;
    }
    await seedDemoIdentity(tx, orgIds.vt!, passwordHash, secrets);
    const demo = [
      {
        reference: 'HG-2026-0142',
        displayName: 'Gezin Jansen',
        profile: 'gezin_in_de_stress' as const,
        package: 2,
        hasChildren: true,
        phase: 'directe_veiligheid' as const,
        huisverbodStart: addDays(today, -3),
        grondslag: 'huisverbod_wth' as const,
        grondslagNote: 'Huisverbod opgelegd door de burgemeester; plan van aanpak binnen 10 dagen.',
        referrer: 'politie',
        persons: [
          { role: 'slachtoffer' as const, label: 'Sandra', birthYear: 1988, notes: 'Verblijft met de kinderen in de woning.' },
          { role: 'pleger' as const, label: 'Mark', birthYear: 1985, notes: 'Huisverbod; verblijft tijdelijk bij zijn broer.' },
          { role: 'kind' as const, label: 'Noah', birthYear: 2014, notes: '' },
          { role: 'kind' as const, label: 'Emma', birthYear: 2018, notes: '' },
          { role: 'netwerk' as const, label: 'Oma J.', birthYear: 1959, notes: 'Kan opvang bieden voor de kinderen.' },
        ],
        partners: ['politie', 'mw', 'jeugd', 'vz'],
      },
      {
        reference: 'HG-2026-0117',
        displayName: 'Huishouden El Amrani',
        profile: 'intieme_terreur' as const,
        package: 3,
        hasChildren: false,
        phase: 'stabiele_veiligheid' as const,
        huisverbodStart: addDays(today, -40),
        grondslag: 'melding_veilig_thuis' as const,
        grondslagNote: '',
        referrer: 'vt',
        persons: [
          { role: 'slachtoffer' as const, label: 'F.', birthYear: 1992, notes: '' },
          { role: 'pleger' as const, label: 'Y.', birthYear: 1990, notes: 'Volgt een behandeling bij verslavingszorg.' },
        ],
        partners: ['politie', 'mw', 'vz'],
        // Jeugdzorg sees only its own agreements here, and has not yet confirmed the geheimhoudingsverklaring.
        limited: [{ key: 'jeugd', level: 'afspraken' as const, confirmed: false }],
      },
      {
        reference: 'HG-2025-0388',
        displayName: 'Gezin De Vries',
        profile: 'complexe_scheiding' as const,
        package: 1,
        hasChildren: true,
        phase: 'duurzaam_herstel' as const,
        huisverbodStart: null,
        grondslag: 'toestemming' as const,
        grondslagNote: 'Beide ouders hebben schriftelijk toestemming gegeven.',
        referrer: 'mw',
        persons: [
          { role: 'slachtoffer' as const, label: 'Anouk', birthYear: 1983, notes: '' },
          { role: 'pleger' as const, label: 'Thomas', birthYear: 1981, notes: '' },
          { role: 'kind' as const, label: 'Lotte', birthYear: 2012, notes: 'Getuige van conflicten bij overdrachten.' },
        ],
        partners: ['mw', 'jeugd'],
        // Verslavingszorg only knows that the household is in the casusoverleg, and who directs it.
        limited: [{ key: 'vz', level: 'signaal' as const, confirmed: true }],
      },
      {
        // Closed a few months ago: read-only, in "Gesloten casussen", destroyed after the retention period.
        reference: 'HG-2025-0211',
        displayName: 'Gezin Visser',
        profile: 'gezin_in_de_stress' as const,
        package: 1,
        hasChildren: true,
        phase: 'duurzaam_herstel' as const,
        huisverbodStart: null,
        grondslag: 'wettelijke_taak' as const,
        grondslagNote: '',
        referrer: 'wijkteam',
        // Mark (1985) was the pleger here too: Gezin Jansen's huisverbod, within 12 months of this closure, is a herhaald incident.
        persons: [
          { role: 'slachtoffer' as const, label: 'Ilse', birthYear: 1990, notes: '' },
          { role: 'pleger' as const, label: 'Mark', birthYear: 1985, notes: 'Ex-partner van Ilse.' },
        ],
        partners: ['mw'],
        closed: { daysAgo: 90, reason: 'overgedragen_reguliere_hulp' as const, listed: false },
      },
      {
        // Closed more than five years ago: its retention has ended, it is on the vernietigingslijst.
        reference: 'HG-2020-0031',
        displayName: 'Gezin Bakker',
        profile: 'kindgedrag_en_opvoedstress' as const,
        package: 1,
        hasChildren: true,
        phase: 'duurzaam_herstel' as const,
        huisverbodStart: null,
        grondslag: 'toestemming' as const,
        grondslagNote: '',
        referrer: 'jeugd',
        persons: [{ role: 'kind' as const, label: 'Daan', birthYear: 2011, notes: '' }],
        partners: ['jeugd'],
        closed: { daysAgo: 6 * 365, reason: 'doelen_bereikt' as const, listed: true },
      },
    ];
    for (const h of demo) {
      const [row] = await tx
        .insert(households)
        .values({
          reference: h.reference,
          displayName: h.displayName,
          profile: h.profile,
          package: h.package,
          hasChildren: h.hasChildren,
          phase: h.phase,
          huisverbodStart: h.huisverbodStart,
          huisverbodExtendedUntil: null,
          regieOrganizationId: orgIds.gemeente!,
          grondslag: h.grondslag,
          grondslagNote: h.grondslagNote,
          referringOrganizationId: orgIds[h.referrer] ?? null,
          createdBy: userIds.beheer!,
          ...('closed' in h && h.closed ? closedValues(now, h.closed, userIds.regie!) : {}),
        })
        .returning({ id: households.id });
      const householdId = row!.id;
      // Demo participants have confirmed the geheimhoudingsverklaring (but for the one `limited` entry that shows the statement page).
      const confirmedAt = now;
      await tx.insert(participations).values([
        { householdId, userId: userIds.regie!, role: 'regievoerder' as const, addedBy: userIds.beheer!, statementConfirmedAt: confirmedAt },
        ...h.partners.map((p) => ({ householdId, userId: userIds[p]!, role: 'partner' as const, addedBy: userIds.regie!, statementConfirmedAt: confirmedAt })),
        ...limitedOf(h).map((p) => ({
          householdId,
          userId: userIds[p.key]!,
          role: 'partner' as const,
          level: p.level,
          addedBy: userIds.regie!,
          statementConfirmedAt: p.confirmed ? confirmedAt : null,
        })),
      ]);
      await tx.insert(householdPersons).values(h.persons.map((p) => ({ ...p, householdId })));
      await tx.insert(documents).values({ householdId, kind: 'plan', title: 'Plan van aanpak', createdBy: userIds.regie! });
      await tx.insert(phaseChanges).values({ householdId, fromPhase: null, toPhase: h.phase, reason: 'Casus aangemaakt', changedBy: userIds.beheer! });
    }
  });
  await seedDemoActions(db, now);
  await seedDemoDocuments(db, now);
  await seedDemoHuisverbod(db);
  await seedDemoCasusoverleg(db, now);
  await seedDemoNotifications(db, now);
}

/** Participants at a lower information level (the demo shows each level and the statement page). */
function limitedOf(h: object): { key: string; level: InfoLevel; confirmed: boolean }[] {
  return 'limited' in h ? (h.limited as { key: string; level: InfoLevel; confirmed: boolean }[]) : [];
}

function closedValues(now: Date, c: { daysAgo: number; reason: CloseReason; listed: boolean }, regieId: string) {
  const closedAt = new Date(now.getTime() - c.daysAgo * 86_400_000);
  return {
    status: 'closed' as const,
    closedAt,
    closedBy: regieId,
    closeReason: c.reason,
    retentionEndsAt: retentionEnd(closedAt, DEMO_RETENTION_MONTHS),
    destructionListedAt: c.listed ? now : null,
    createdAt: new Date(closedAt.getTime() - 200 * 86_400_000),
  };
}

/** The demo assumes the default retention period (RETENTION_MONTHS). */
const DEMO_RETENTION_MONTHS = 60;

export function demoLoginsText(url: string): string {
  const lines = DEMO_USERS.map((u) => `  ${u.email.padEnd(30)} ${u.role}`);
  return [`Casustafel draait op ${url}`, '', `Demo-accounts (wachtwoord: ${DEMO_PASSWORD}):`, ...lines, demoIdentityText()].join('\n');
}
