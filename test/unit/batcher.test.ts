// The update batcher: one write per window, and a failed write keeps its updates and retries them.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UpdateBatcher } from '../../server/collab/batcher.ts';

function typing(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < n; i++) doc.getText('t').insert(i, String.fromCharCode(97 + (i % 26)));
  return updates;
}

function stateOf(rows: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const r of rows) Y.applyUpdate(doc, r);
  return doc.getText('t').toString();
}

describe('UpdateBatcher', () => {
  it('writes many updates of one window as one row that holds them all', async () => {
    const rows: { data: Uint8Array; count: number }[] = [];
    const b = new UpdateBatcher({ windowMs: 10_000, write: async (data, count) => void rows.push({ data, count }), onWritten: () => {}, onError: () => {} });
    for (const u of typing(40)) b.push(u);
    expect(rows).toHaveLength(0);
    await b.flush();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.count).toBe(40);
    expect(stateOf(rows.map((r) => r.data))).toBe(stateOf(typing(40)));
    expect(b.idle).toBe(true);
    b.dispose();
  });

  it('keeps a failed batch in memory, reports it, and writes it (with later updates) on the retry', async () => {
    const updates = typing(10);
    const rows: Uint8Array[] = [];
    const errors: number[] = [];
    let failNext = true;
    const b = new UpdateBatcher({
      windowMs: 10_000,
      write: async (data) => {
        if (failNext) {
          failNext = false;
          throw new Error('database unavailable');
        }
        rows.push(data);
      },
      onWritten: () => {},
      onError: (_err, attempt) => errors.push(attempt),
    });
    for (const u of updates.slice(0, 6)) b.push(u);
    await expect(b.flush()).rejects.toThrow('database unavailable');
    expect(errors).toEqual([1]);
    expect(b.idle).toBe(false);
    for (const u of updates.slice(6)) b.push(u);
    await b.flush();
    expect(b.idle).toBe(true);
    expect(stateOf(rows)).toBe(stateOf(updates));
    b.dispose();
  });
});
