// The first part of a plan van aanpak as plain text, for the big screen in meeting mode: one line per section
// that has text ("Heading: its paragraphs"), sections still empty left out, agreements by their titles, cut at
// a word boundary.
import type { JSONContent } from '@tiptap/core';

export const SUMMARY_CHARS = 600;

function inlineText(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'actionRef') return String(node.attrs?.title ?? 'actie');
  if (node.type === 'hardBreak') return ' ';
  return (node.content ?? []).map(inlineText).join('');
}

/** Headings and paragraphs in document order (a list item's paragraphs each count as one). */
function blocks(node: JSONContent, out: { heading: boolean; text: string }[] = []) {
  if (node.type === 'heading' || node.type === 'paragraph') {
    const text = inlineText(node).replace(/\s+/g, ' ').trim();
    if (text) out.push({ heading: node.type === 'heading', text });
    return out;
  }
  for (const child of node.content ?? []) blocks(child, out);
  return out;
}

/** Paragraphs of one section: sentences follow each other; items without a full stop are separated by "; ". */
const join = (parts: string[]) => parts.reduce((acc, p) => (acc ? `${acc}${/[.!?:;]$/.test(acc) ? ' ' : '; '}${p}` : p), '');

export function sectionLines(doc: JSONContent): string[] {
  const lines: string[] = [];
  let heading: string | null = null;
  let body: string[] = [];
  const flush = () => {
    if (body.length) lines.push(heading ? `${heading}: ${join(body)}` : join(body));
    body = [];
  };
  for (const b of blocks(doc)) {
    if (b.heading) {
      flush();
      heading = b.text;
    } else body.push(b.text);
  }
  flush();
  return lines;
}

export function planSummary(doc: JSONContent, limit = SUMMARY_CHARS): string {
  const text = sectionLines(doc).join('\n');
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf(' ', limit - 2);
  return `${text.slice(0, cut > limit / 2 ? cut : limit - 2).trimEnd()} …`;
}
