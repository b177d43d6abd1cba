// Dutch starting content for new documents: the plan van aanpak's sections and the casusoverleg minutes.
import type { JSONContent } from '@tiptap/core';
import type { DocumentKind } from '../../shared/enums.ts';
import { jsonToState } from './content.ts';

interface Section {
  title: string;
  sub?: string[];
}

const PLAN: Section[] = [
  { title: 'Aanleiding en signalen' },
  { title: 'Probleemanalyse en gezinsprofiel' },
  { title: 'Veiligheidsplan', sub: ['Directe veiligheid', 'Stabiele veiligheid', 'Gedragsregels', 'Netwerk'] },
  { title: 'Doelen en wensen van het gezin' },
  { title: 'Afspraken' },
  { title: 'Evaluatie' },
];

const MEETING: Section[] = [
  { title: 'Aanwezigen' },
  { title: 'Agenda' },
  { title: 'Besproken' },
  { title: 'Afspraken (wie doet wat, wanneer)' },
  { title: 'Volgende overleg' },
];

const heading = (level: number, text: string): JSONContent => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text }] });
const emptyParagraph = (): JSONContent => ({ type: 'paragraph' });

export function templateJSON(kind: DocumentKind): JSONContent {
  const content: JSONContent[] = [];
  for (const section of kind === 'plan' ? PLAN : MEETING) {
    content.push(heading(2, section.title), emptyParagraph());
    for (const sub of section.sub ?? []) content.push(heading(3, sub), emptyParagraph());
  }
  return { type: 'doc', content };
}

/** The template as a Y update, written as the first log row of an empty document. */
export const templateState = (kind: DocumentKind): Uint8Array => jsonToState(templateJSON(kind));
