// The first part of a plan van aanpak as plain text, for the big screen in meeting mode: one line per block
// (headings and paragraphs), agreements as their titles, cut at a word boundary.
import type { JSONContent } from '@tiptap/core';

export const SUMMARY_CHARS = 600;

function inlineText(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'actionRef') return `[${String(node.attrs?.title ?? 'actie')}]`;
  if (node.type === 'hardBreak') return ' ';
  return (node.content ?? []).map(inlineText).join('');
}

/** Text blocks in document order (a list item's paragraphs each become a line). */
function lines(node: JSONContent, out: string[]): string[] {
  if (node.type === 'heading' || node.type === 'paragraph') {
    const t = inlineText(node).replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
    return out;
  }
  for (const child of node.content ?? []) lines(child, out);
  return out;
}

export function planSummary(doc: JSONContent, limit = SUMMARY_CHARS): string {
  let text = '';
  for (const line of lines(doc, [])) {
    const next = text ? `${text}\n${line}` : line;
    if (next.length > limit) {
      const room = limit - text.length - 1;
      if (room > 40) text = `${text ? `${text}\n` : ''}${line.slice(0, line.lastIndexOf(' ', room) > 0 ? line.lastIndexOf(' ', room) : room)}`;
      return `${text} …`;
    }
    text = next;
  }
  return text;
}
