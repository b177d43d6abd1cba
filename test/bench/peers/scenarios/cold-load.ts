// Cold load: documents whose history is 10,000 updates (the template and 9,999 keystrokes), each opened once
// by a fresh client right after the server started: time from creating the provider to the full sync.
// Casustafel keeps them as 10,000 log rows; Hocuspocus as the one merged state its database extension stores.
import * as Y from 'yjs';
import { templateState } from '../../../../server/documents/templates.ts';
import { type Scenario, withInstance } from '../scenario.ts';
import { median } from '../stats.ts';
import { launch } from '../targets.ts';

const UPDATES = 10_000;

export interface ColdLoadResult {
  ms: number;
  loads: number[];
  complete: boolean;
}

function history(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  Y.applyUpdate(doc, templateState('plan'));
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  p.insert(0, [text]);
  doc.getXmlFragment('default').insert(doc.getXmlFragment('default').length, [p]);
  while (updates.length < UPDATES) text.insert(text.length, updates.length % 60 === 0 ? ' ' : String.fromCharCode(97 + (updates.length % 26)));
  return updates;
}

let cached: Uint8Array[] | undefined;

export const coldLoad: Scenario<ColdLoadResult> = {
  name: 'coldload',
  title: `cold load of a ${UPDATES.toLocaleString('en')}-update history`,
  targets: ['casustafel-pg', 'casustafel-pglite', 'hocuspocus'],
  run: (ctx, target) => {
    const docs = ctx.quick ? 2 : 5;
    cached ??= history();
    const expected = UPDATES - 2;
    return withInstance(
      () => launch(ctx.bench, target, { docs, history: cached }),
      async (instance) => {
        const loads: number[] = [];
        let complete = true;
        for (let d = 0; d < docs; d++) {
          const r = await ctx.workers.send<{ ms: number; paragraphs: string[] }>(0, 'read', {
            spec: instance.spec(d, `c${ctx.rep}-${d}`, 0),
            timeoutMs: 60_000,
          });
          loads.push(r.ms);
          complete &&= r.paragraphs.some((p) => p.length === expected);
        }
        return { ms: median(loads), loads, complete };
      },
    );
  },
};
