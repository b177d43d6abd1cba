// The filtered Logboek as CSV (for a spreadsheet) and as PDF (to hand over), with the same columns and notes
// the page shows. Names of people and organisations come from the log's joins; the details' raw content never.
import { AUDIT_KIND_LABELS, auditEntryNoteText, auditEventKind, auditEventLabel } from '../../shared/audit.ts';
import { formatDateTime } from '../../shared/labels.ts';
import { amsterdamTimestamp } from '../../shared/time.ts';
import type { LogboekRow } from '../audit/logboek.ts';
import { toCsv } from './csv.ts';
import { finishPdf, frameHeader, rule, startPdf, table, type PdfFrame } from './pdf-frame.ts';

const CSV_HEADER = ['Tijd (Europe/Amsterdam)', 'Wie', 'Organisatie', 'Soort', 'Wat', 'Toelichting', 'Gebeurtenis', 'Object', 'IP-adres'];

export function logboekCsv(rows: LogboekRow[]): string {
  return toCsv(
    CSV_HEADER,
    rows.map((r) => [
      amsterdamTimestamp(r.at),
      r.userName ?? '',
      r.organizationName ?? '',
      AUDIT_KIND_LABELS[auditEventKind(r.event)],
      auditEventLabel(r.event),
      auditEntryNoteText(r.event, r.details),
      r.event,
      r.target ?? '',
      r.ip ?? '',
    ]),
  );
}

/** One row of a PDF access table: when, who (with organisation), what (with the note). */
export function accessCells(r: LogboekRow): string[] {
  const note = auditEntryNoteText(r.event, r.details);
  return [
    formatDateTime(r.at.toISOString()),
    r.userName ? `${r.userName}${r.organizationName ? `\n${r.organizationName}` : ''}` : 'Systeem',
    `${auditEventLabel(r.event)}${note ? `\n${note}` : ''}`,
  ];
}

export async function logboekPdf(frame: PdfFrame, household: { displayName: string }, filterText: string, rows: LogboekRow[]): Promise<Buffer> {
  const { doc, done } = await startPdf({ title: `${frame.reference} — Logboek`, subject: 'Logboek' });
  frameHeader(
    doc,
    'Logboek',
    [
      ['Kenmerk', frame.reference],
      ['Huishouden', household.displayName],
      ['Filters', filterText],
      ['Regels', String(rows.length)],
    ],
    frame,
  );
  rule(doc);
  table(
    doc,
    [
      { header: 'Tijd', width: 0.2 },
      { header: 'Wie', width: 0.27 },
      { header: 'Wat', width: 0.38 },
      { header: 'IP-adres', width: 0.15 },
    ],
    rows.map((r) => [...accessCells(r), r.ip ?? '—']),
  );
  finishPdf(doc, frame);
  return done;
}
