// The group commit: one write per window for every document, a failed or hung write keeps its updates and
// retries them, and shutdown hands back what was never committed.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { GroupCommitBatcher, type CommitRow, type GroupCommitOptions } from '../../server/collab/batcher.ts';

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

const batcher = (opts: Partial<GroupCommitOptions>) =>
  new GroupCommitBatcher({ windowMs: 10_000, writeTimeoutMs: 10_000, write: async () => {}, onCommitted: () => {}, onError: () => {}, ...opts });

describe('GroupCommitBatcher', () => {
  it('writes the updates of many documents in one write, one merged row per document', async () => {
    const writes: CommitRow[][] = [];
    const committed: string[] = [];
    const b = batcher({ write: async (rows) => void writes.push(rows), onCommitted: (rows) => committed.push(...rows.map((r) => r.documentId)) });
    const a = typing(40);
    const c = typing(7);
    for (const u of a) b.push('doc-a', u);
    for (const u of c) b.push('doc-c', u);
    expect(writes).toHaveLength(0);
    expect(b.isIdle('doc-a')).toBe(false);
    await b.flush();
    expect(writes).toHaveLength(1);
    expect(writes[0]!.map((r) => [r.documentId, r.updateCount])).toEqual([
      ['doc-a', 40],
      ['doc-c', 7],
    ]);
    expect(stateOf([writes[0]![0]!.data])).toBe(stateOf(a));
    expect(committed).toEqual(['doc-a', 'doc-c']);
    expect(b.idle && b.isIdle('doc-a')).toBe(true);
    expect(b.stats).toMatchObject({ commits: 1, rowsWritten: 2, updatesWritten: 47 });
    b.dispose();
  });

  it('writes by itself within one window of the first update', async () => {
    const writes: CommitRow[][] = [];
    const b = batcher({ windowMs: 20, write: async (rows) => void writes.push(rows) });
    b.push('doc', typing(1)[0]!);
    const deadline = Date.now() + 2000;
    while (writes.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(writes).toHaveLength(1);
    b.dispose();
  });

  it('keeps a failed batch in memory, reports it with the document ids, and writes it (with later updates) on the retry', async () => {
    const updates = typing(10);
    const rows: Uint8Array[] = [];
    const errors: [number, string[]][] = [];
    let failNext = true;
    const b = batcher({
      write: async (batch) => {
        if (failNext) {
          failNext = false;
          throw new Error('database unavailable');
        }
        rows.push(...batch.map((r) => r.data));
      },
      onError: (_err, attempt, ids) => errors.push([attempt, ids]),
    });
    for (const u of updates.slice(0, 6)) b.push('doc', u);
    await expect(b.flush()).rejects.toThrow('database unavailable');
    expect(errors).toEqual([[1, ['doc']]]);
    expect(b.isIdle('doc')).toBe(false);
    for (const u of updates.slice(6)) b.push('doc', u);
    await b.flush();
    expect(b.idle).toBe(true);
    expect(stateOf(rows)).toBe(stateOf(updates));
    b.dispose();
  });

  it('counts a write that never answers as failed after the timeout and retries it', async () => {
    const updates = typing(3);
    let hang = true;
    const rows: Uint8Array[] = [];
    const b = batcher({
      writeTimeoutMs: 50,
      write: (batch) => (hang ? new Promise(() => {}) : Promise.resolve(void rows.push(...batch.map((r) => r.data)))),
    });
    for (const u of updates) b.push('doc', u);
    await expect(b.flush()).rejects.toThrow(/timed out/);
    expect(b.stats.timeouts).toBe(1);
    hang = false;
    await b.flush();
    expect(stateOf(rows)).toBe(stateOf(updates));
    b.dispose();
  });

  it('hands back, at shutdown, every update not known to be committed, including a write still in flight', async () => {
    const updates = typing(8);
    const b = batcher({ write: () => new Promise(() => {}) });
    for (const u of updates.slice(0, 5)) b.push('doc', u);
    void b.flush().catch(() => {});
    for (const u of updates.slice(5)) b.push('other', u);
    const left = b.drain();
    expect(left.map((r) => r.documentId).sort()).toEqual(['doc', 'other']);
    expect(stateOf(left.map((r) => r.data))).toBe(stateOf(updates));
    expect(() => b.push('doc', updates[0]!)).toThrow();
  });
});
