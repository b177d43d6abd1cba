// What every PDF Casustafel makes shares (plan, verslag, Logboek, inzageverzoek): "Vertrouwelijk" on top, a title
// with its facts (Kenmerk, …, who exported it and when), and on every page a footer with the same marking, the
// case reference, who exported it, when, and the page number. Plus a simple table that repeats its header.
import type PDFDocument from 'pdfkit';
import { formatDateTime } from '../../shared/labels.ts';

export type Doc = InstanceType<typeof PDFDocument>;

export const FONTS = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', boldItalic: 'Helvetica-BoldOblique' };
export const BLUE = '#154273';
const TEXT = '#1b1b1b';
const MUTED = '#555555';
const LINE = '#cad0d6';
export const BODY_SIZE = 10.5;

/** Printed on every page: the marking, the case, who exported it and when. */
export interface PdfFrame {
  reference: string;
  /** "Naam (Organisatie)" */
  exportedBy: string;
  /** nl-NL, Europe/Amsterdam */
  exportedAt: string;
}

/** Who exports, and when (also shown on the print page). */
export function exportStamp(actor: { user: { name: string; organization: { name: string } }; now: Date }): Omit<PdfFrame, 'reference'> {
  return { exportedBy: `${actor.user.name} (${actor.user.organization.name})`, exportedAt: formatDateTime(actor.now.toISOString()) };
}

/** pdfkit (with its font and compression tables, ~6 MB of heap) is loaded by the first PDF, not at start. */
let pdfkit: Promise<typeof PDFDocument> | undefined;

/** A new A4 document whose pages are kept until `finishPdf` (to number them and add the footer). */
export async function startPdf(info: { title: string; subject: string }): Promise<{ doc: Doc; done: Promise<Buffer> }> {
  const PdfKit = await (pdfkit ??= import('pdfkit').then((m) => m.default));
  const doc = new PdfKit({
    size: 'A4',
    bufferPages: true,
    margins: { top: 56, bottom: 64, left: 60, right: 60 },
    info: { Title: info.title, Author: 'Casustafel', Subject: info.subject },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  return { doc, done };
}

/** The top of the first page: the marking, the title and its facts ("Kenmerk: …"), then a rule. */
export function frameHeader(doc: Doc, title: string, facts: [label: string, value: string][], frame: PdfFrame) {
  doc.font(FONTS.bold).fontSize(9).fillColor(MUTED).text('VERTROUWELIJK — bijzondere persoonsgegevens', { align: 'right' });
  doc.moveDown(0.5);
  doc.font(FONTS.bold).fontSize(20).fillColor(BLUE).text(title);
  doc.font(FONTS.regular).fontSize(BODY_SIZE).fillColor(TEXT);
  for (const [label, value] of facts) doc.text(`${label}: ${value}`);
  doc.text(`Geëxporteerd door: ${frame.exportedBy}, ${frame.exportedAt}`);
}

export function rule(doc: Doc, before = 8, after = 12) {
  const y = doc.y + before;
  doc
    .moveTo(doc.page.margins.left, y)
    .lineTo(doc.page.width - doc.page.margins.right, y)
    .strokeColor(LINE)
    .stroke();
  doc.y = y + after;
}

export function sectionHeading(doc: Doc, text: string) {
  doc.moveDown(0.6).font(FONTS.bold).fontSize(15).fillColor(BLUE).text(text, doc.page.margins.left);
  doc.font(FONTS.regular).fontSize(BODY_SIZE).fillColor(TEXT).moveDown(0.2);
}

/** Footer on every page, then the end of the document. */
export function finishPdf(doc: Doc, frame: PdfFrame): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { left, right, bottom } = doc.page.margins;
    // Writing inside the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font(FONTS.regular)
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(
        `Vertrouwelijk · ${frame.reference} · geëxporteerd door ${frame.exportedBy}, ${frame.exportedAt} · pagina ${i - start + 1} van ${count}`,
        left,
        doc.page.height - 40,
        { width: doc.page.width - left - right, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
}

export interface Column {
  header: string;
  /** Share of the text width. */
  width: number;
}

/** A table of text cells; rows break across pages and the header is repeated on each new page. */
export function table(doc: Doc, columns: Column[], rows: string[][]) {
  const left = doc.page.margins.left;
  const total = doc.page.width - left - doc.page.margins.right;
  const widths = columns.map((c) => c.width * total);
  const pad = 3;
  const size = 8.5;
  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((t, i) => doc.heightOfString(t || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad;
  };
  const draw = (cells: string[], font: string, color: string) => {
    const h = heightOf(cells, font);
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (font === FONTS.regular)
        draw(
          columns.map((c) => c.header),
          FONTS.bold,
          BLUE,
        );
    }
    const y = doc.y;
    let x = left;
    doc.font(font).fontSize(size).fillColor(color);
    cells.forEach((t, i) => {
      doc.text(t, x + pad, y + pad, { width: widths[i]! - 2 * pad });
      x += widths[i]!;
    });
    doc
      .moveTo(left, y + h)
      .lineTo(left + total, y + h)
      .strokeColor(LINE)
      .lineWidth(0.5)
      .stroke();
    doc.x = left;
    doc.y = y + h;
  };
  draw(
    columns.map((c) => c.header),
    FONTS.bold,
    BLUE,
  );
  for (const r of rows) draw(r, FONTS.regular, TEXT);
  doc.font(FONTS.regular).fontSize(BODY_SIZE).fillColor(TEXT);
}

/** Response headers for a file download (the name reduced to letters, digits, dashes). */
export function downloadHeaders(contentType: string, name: string, extension: string): Record<string, string> {
  const file = name.replace(/[^\w\- ]+/g, '').replace(/\s+/g, '-');
  return { 'Content-Type': contentType, 'Content-Disposition': `attachment; filename="${file}.${extension}"`, 'Cache-Control': 'no-store' };
}
