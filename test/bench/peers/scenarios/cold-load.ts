// Cold load: documents whose history is 10,000 updates (the template and 9,999 keystrokes), each opened once
// by a fresh client right after the server started: time from creating the provider to the full sync.
// Each server's storage is what it leaves behind after those updates: Hocuspocus the one merged state its
// database extension stores; Casustafel a snapshot and the longest log its compaction lets stand (one row
// per update, COMPACT_THRESHOLD − 1 rows: the worst point of its cycle). Casustafel is also measured on all 10,000
// updates as log rows (`uncompactedMs`: compaction never ran, e.g. the database refused it for long); such a
// load folds the log itself, so only the first open pays for it.
import * as Y from 'yjs';
import { COMPACT_THRESHOLD } from '../../../../server/collab/rooms.ts';
import { templateState } from '../../../../server/documents/templates.ts';
import { type Scenario, withInstance } from '../scenario.ts';
import { median } from '../stats.ts';
import { launch } from '../targets.ts';

const UPDATES = 10_000;

/** The most log rows compaction lets stand. */
const LOG_TAIL = COMPACT_THRESHOLD - 1;

export interface ColdLoadResult {
  ms: number;
  loads: number[];
  complete: boolean;
  /** Casustafel: the same history stored as 10,000 log rows. */
  uncompactedMs?: number;
  uncompactedLoads?: number[];
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
  run: async (ctx, target) => {
    const docs = ctx.quick ? 2 : 5;
    cached ??= history();
    const history_ = cached;
    const expected = UPDATES - 2;
    const measure = (folded: number) =>
      withInstance(
        () => launch(ctx.bench, target, { docs, history: history_, folded }),
        async (instance) => {
          const loads: number[] = [];
          let complete = true;
          for (let d = 0; d < docs; d++) {
            const r = await ctx.workers.send<{ ms: number; paragraphs: string[] }>(0, 'read', {
              spec: instance.spec(d, `c${ctx.rep}-${folded}-${d}`, 0),
              timeoutMs: 60_000,
            });
            loads.push(r.ms);
            complete &&= r.paragraphs.some((p) => p.length === expected);
          }
          return { loads, complete };
        },
      );
    const stored = await measure(UPDATES - LOG_TAIL);
    if (target === 'hocuspocus') return { ms: median(stored.loads), ...stored };
    const uncompacted = await measure(0);
    return {
      ms: median(stored.loads),
      ...stored,
      complete: stored.complete && uncompacted.complete,
      uncompactedMs: median(uncompacted.loads),
      uncompactedLoads: uncompacted.loads,
    };
  },
};
