// Inzageverzoek (AVG art. 15) for one person of a household: what Casustafel holds about them (their person
// record, the actions linked to them, the basis and the recipients of the sharing) and every access to the
// household that concerns them (who, organisation, when, what: the Logboek filtered by that person). As a PDF.
// Documents in which the person appears by name (plan, verslagen) are out of scope; the report says so.
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { actions, organizations } from '../db/schema.ts';
import type { HouseholdRow } from '../access/authorize.ts';
import { logboekForExport, personOfHousehold, type LogboekRow } from '../audit/logboek.ts';
import { listParticipants } from '../households/service.ts';
import { referringOrganization } from '../households/grondslag.ts';
import { ACTION_STATUS_LABELS, GRONDSLAG_LABELS, PERSON_ROLE_LABELS, ROLE_LABELS, formatDate, formatDateTime } from '../../shared/labels.ts';
import { accessCells } from './logboek-export.ts';
import { BODY_SIZE, FONTS, finishPdf, frameHeader, rule, sectionHeading, startPdf, table, type Doc, type PdfFrame } from './pdf-frame.ts';

export async function inzageData(db: DbOrTx, household: HouseholdRow, personId: string) {
  const person = await personOfHousehold(db, household.id, personId);
  const [linked, access, participants, referrer] = await Promise.all([
    db
      .select({
        title: actions.title,
        details: actions.details,
        status: actions.status,
        dueDate: actions.dueDate,
        completionNote: actions.completionNote,
        createdAt: actions.createdAt,
        organization: organizations.name,
      })
      .from(actions)
      .leftJoin(organizations, eq(organizations.id, actions.ownerOrganizationId))
      .where(and(eq(actions.householdId, household.id), eq(actions.personId, personId)))
      .orderBy(asc(actions.createdAt)),
    logboekForExport(db, household.id, { personId }),
    listParticipants(db, household.id),
    referringOrganization(db, household),
  ]);
  return { household, person, actions: linked, access, participants, referrer };
}

type InzageData = Awaited<ReturnType<typeof inzageData>>;

/** "Sandra (slachtoffer, geboren 1988)" */
export const personLine = (p: InzageData['person']) =>
  `${p.label} (${PERSON_ROLE_LABELS[p.role].toLowerCase()}${p.birthYear ? `, geboren ${p.birthYear}` : ''})`;

function facts(doc: Doc, rows: [string, string][]) {
  for (const [label, value] of rows)
    doc
      .font(FONTS.bold)
      .text(`${label}: `, { continued: true })
      .font(FONTS.regular)
      .text(value || '—');
}

function processing(d: InzageData): [string, string][] {
  const h = d.household;
  const basis = h.grondslag ? GRONDSLAG_LABELS[h.grondslag] : 'Niet vastgelegd';
  const status =
    h.status === 'closed' && h.closedAt
      ? `Gesloten op ${formatDate(h.closedAt.toISOString())}${h.retentionEndsAt ? `; wordt vernietigd na ${formatDate(h.retentionEndsAt.toISOString())}` : ''}`
      : 'Lopend; na sluiten geldt de bewaartermijn van de installatie';
  return [
    ['Grondslag voor het delen', `${basis}${h.grondslagNote ? ` (${h.grondslagNote})` : ''}`],
    ['Ingebracht door', d.referrer?.name ?? 'Niet vastgelegd'],
    ['Ontvangers (deelnemers)', d.participants.map((p) => `${p.organization.name} (${ROLE_LABELS[p.role].toLowerCase()})`).join('; ')],
    ['Status en bewaren', status],
  ];
}

export async function inzagePdf(frame: PdfFrame, d: InzageData): Promise<Buffer> {
  const { doc, done } = await startPdf({ title: `${frame.reference} — Inzageverzoek`, subject: 'Inzageverzoek (AVG art. 15)' });
  frameHeader(
    doc,
    'Inzageverzoek (AVG art. 15)',
    [
      ['Kenmerk', frame.reference],
      ['Betrokkene', personLine(d.person)],
    ],
    frame,
  );
  doc
    .moveDown(0.4)
    .fontSize(9.5)
    .text(
      'Welke gegevens Casustafel over deze persoon vastlegt, en wie het dossier van dit huishouden heeft ingezien, gewijzigd of geëxporteerd. ' +
        'Documenten waarin de persoon bij naam voorkomt (plan van aanpak, verslagen) staan niet in dit overzicht.',
    )
    .fontSize(BODY_SIZE);
  rule(doc);

  sectionHeading(doc, 'Vastgelegde persoonsgegevens');
  facts(doc, [
    ['Rol', PERSON_ROLE_LABELS[d.person.role]],
    ['Voornaam of initiaal', d.person.label],
    ['Geboortejaar', d.person.birthYear ? String(d.person.birthYear) : ''],
    ['Notitie', d.person.notes],
    ['Vastgelegd op', formatDateTime(d.person.createdAt.toISOString())],
  ]);

  sectionHeading(doc, 'Verwerking');
  facts(doc, processing(d));

  sectionHeading(doc, 'Acties over deze persoon');
  if (d.actions.length === 0) doc.text('Er zijn geen acties aan deze persoon gekoppeld.');
  else
    table(
      doc,
      [
        { header: 'Actie', width: 0.3 },
        { header: 'Status', width: 0.12 },
        { header: 'Organisatie', width: 0.18 },
        { header: 'Deadline', width: 0.12 },
        { header: 'Toelichting', width: 0.28 },
      ],
      d.actions.map((a) => [
        a.title,
        ACTION_STATUS_LABELS[a.status],
        a.organization ?? '—',
        a.dueDate ? formatDate(a.dueDate) : '—',
        [a.details, a.completionNote].filter(Boolean).join('\n'),
      ]),
    );

  sectionHeading(doc, 'Wie heeft het dossier ingezien of gewijzigd');
  doc
    .fontSize(9.5)
    .text(
      'Alle inzage, wijzigingen, exports en geweigerde pogingen die deze persoon betreffen: over het huishouden als geheel ' +
        '(die gaan over iedereen in het huishouden), over de persoonsgegevens hierboven en over de acties die aan deze persoon zijn gekoppeld. ' +
        `${d.access.length} regels, de nieuwste bovenaan.`,
    )
    .fontSize(BODY_SIZE)
    .moveDown(0.4);
  table(
    doc,
    [
      { header: 'Tijd', width: 0.22 },
      { header: 'Wie', width: 0.33 },
      { header: 'Wat', width: 0.45 },
    ],
    d.access.map((r: LogboekRow) => accessCells(r)),
  );
  finishPdf(doc, frame);
  return done;
}
