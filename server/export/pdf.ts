// Renders a document (Tiptap JSON) as a clean, printable PDF with pdfkit: a header with the household
// reference, date, version name, participants and who exported it (pdf-frame.ts), then the content.
import type { JSONContent } from '@tiptap/core';

import type { ExportMeta } from '../../shared/api.ts';
import { BODY_SIZE, BLUE, FONTS, finishPdf, frameHeader, rule, startPdf, type Doc } from './pdf-frame.ts';
export type { ExportMeta };

const SIZES: Record<number, number> = { 1: 18, 2: 15, 3: 12.5 };

export async function renderPdf(meta: ExportMeta, content: JSONContent): Promise<Buffer> {
  const { doc, done } = await startPdf({ title: `${meta.reference} — ${meta.title} — ${meta.versionName}`, subject: meta.title });
  const facts: [string, string][] = [
    ['Kenmerk', meta.reference],
    ['Grondslag', meta.grondslag],
    ...(meta.meetingAt ? [['Casusoverleg', meta.meetingAt] as [string, string]] : []),
    ['Versie', meta.versionName],
    ['Datum', meta.date],
  ];
  const frame = { reference: meta.reference, exportedBy: meta.exportedBy, exportedAt: meta.exportedAt };
  frameHeader(doc, meta.title, facts, frame);
  if (meta.participants.length) {
    doc.moveDown(0.4).font(FONTS.bold).text(meta.participantsLabel);
    doc.font(FONTS.regular);
    for (const p of meta.participants) doc.text(`• ${p}`, { indent: 8 });
  }
  rule(doc);

  if (meta.evaluation.length) {
    doc.font(FONTS.bold).fontSize(SIZES[2]!).fillColor(BLUE).text('Evaluatie van de afspraken');
    doc.fillColor('#1b1b1b').fontSize(BODY_SIZE).moveDown(0.2);
    for (const e of meta.evaluation) {
      doc
        .font(FONTS.bold)
        .text(`${e.title}: `, { continued: true })
        .font(FONTS.regular)
        .text(`${e.verdict}${e.note ? ` — ${e.note}` : ''}`, { indent: 0 });
    }
    doc.moveDown(0.6);
  }
  for (const node of content.content ?? []) block(doc, node, 0);
  finishPdf(doc, frame);
  return done;
}

function block(doc: Doc, node: JSONContent, indent: number, marker?: string) {
  switch (node.type) {
    case 'heading': {
      const level = Number(node.attrs?.level ?? 2);
      doc
        .moveDown(0.6)
        .font(FONTS.bold)
        .fontSize(SIZES[level] ?? 12)
        .fillColor(BLUE);
      doc.text(plain(node), { indent });
      doc.fillColor('#1b1b1b').fontSize(BODY_SIZE).moveDown(0.2);
      return;
    }
    case 'paragraph':
      inline(doc, node, indent, marker);
      doc.moveDown(0.3);
      return;
    case 'bulletList':
    case 'orderedList':
    case 'taskList': {
      let n = Number(node.attrs?.start ?? 1);
      for (const item of node.content ?? []) {
        const m = node.type === 'bulletList' ? '•' : node.type === 'orderedList' ? `${n++}.` : item.attrs?.checked ? '[x]' : '[ ]';
        const [first, ...rest] = item.content ?? [];
        if (first) block(doc, first, indent + 14, m);
        for (const child of rest) block(doc, child, indent + 14);
      }
      return;
    }
    case 'blockquote':
      for (const child of node.content ?? []) block(doc, child, indent + 14);
      return;
    case 'codeBlock':
      doc.font('Courier').fontSize(9.5).text(plain(node), { indent }).font(FONTS.regular).fontSize(BODY_SIZE).moveDown(0.3);
      return;
    case 'horizontalRule':
      rule(doc, 4, 8);
      return;
    default:
      if (node.content) for (const child of node.content) block(doc, child, indent);
  }
}

function inline(doc: Doc, node: JSONContent, indent: number, marker?: string) {
  const parts = (node.content ?? []).map((c) => ({
    text: c.type === 'hardBreak' ? '\n' : c.type === 'actionRef' ? `[Actie: ${String(c.attrs?.title ?? '')}]` : (c.text ?? ''),
    marks: (c.marks ?? []).map((m) => m.type),
  }));
  if (marker) parts.unshift({ text: `${marker} `, marks: [] });
  if (parts.length === 0) {
    doc.text(' ', { indent });
    return;
  }
  parts.forEach((p, i) => {
    const bold = p.marks.includes('bold');
    const italic = p.marks.includes('italic');
    doc.font(bold && italic ? FONTS.boldItalic : bold ? FONTS.bold : italic ? FONTS.italic : FONTS.regular).fontSize(BODY_SIZE);
    doc.text(p.text, { indent, continued: i < parts.length - 1, underline: p.marks.includes('underline'), strike: p.marks.includes('strike') });
  });
  doc.font(FONTS.regular);
}

function plain(node: JSONContent): string {
  if (node.text) return node.text;
  if (node.type === 'actionRef') return `[Actie: ${String(node.attrs?.title ?? '')}]`;
  return (node.content ?? []).map(plain).join('');
}
