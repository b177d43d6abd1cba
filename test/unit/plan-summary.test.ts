// The plan summary on the big screen: the sections that have text, each on one line, agreements by title, cut short.
import { describe, expect, it } from 'vitest';
import type { JSONContent } from '@tiptap/core';
import { planSummary } from '../../server/casusoverleg/plan-summary.ts';

const heading = (t: string): JSONContent => ({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: t }] });
const para = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const text = (t: string): JSONContent => ({ type: 'text', text: t });
const chip = (title: string): JSONContent => ({ type: 'actionRef', attrs: { actionId: 'x', title } });

describe('plan summary', () => {
  it('one line per section with text; empty sections left out; agreements by their titles', () => {
    const doc: JSONContent = {
      type: 'doc',
      content: [
        heading('Aanleiding'),
        para(text('Melding na een incident.')),
        para(text('Huisverbod opgelegd.')),
        heading('Veiligheidsplan'),
        heading('Afspraken'),
        para(chip('Intake plannen')),
        para(chip('Kinderen aanmelden')),
      ],
    };
    expect(planSummary(doc)).toBe('Aanleiding: Melding na een incident. Huisverbod opgelegd.\nAfspraken: Intake plannen; Kinderen aanmelden');
  });

  it('is cut at a word boundary with an ellipsis', () => {
    const long = planSummary({ type: 'doc', content: [para(text('woord '.repeat(200)))] }, 100);
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long).toMatch(/woord …$/);
    expect(planSummary({ type: 'doc', content: [] })).toBe('');
  });
});
