// The group commit's one statement (appendUpdates): one row per document, every byte as it was handed in,
// for one row or many, on PGlite and on PostgreSQL (test/run.mjs runs the integration suite once per engine).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, inArray } from 'drizzle-orm';
import { openTestDatabase } from '../support/server.ts';
import type { Database } from '../../server/db/client.ts';
import { docUpdates, documents, households } from '../../server/db/schema.ts';
import { appendUpdates } from '../../server/collab/persistence.ts';
import { unique } from '../support/factories.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function meetings(count: number): Promise<string[]> {
  const [h] = await database.db
    .insert(households)
    .values({ reference: unique('HG').toUpperCase(), displayName: unique('Gezin'), hasChildren: true, grondslag: 'huisverbod_wth' })
    .returning({ id: households.id });
  const rows = await database.db
    .insert(documents)
    .values(Array.from({ length: count }, (_, i) => ({ householdId: h!.id, kind: 'meeting' as const, title: `Verslag ${i}` })))
    .returning({ id: documents.id });
  return rows.map((r) => r.id);
}

const stored = (ids: string[]) =>
  database.db
    .select({ documentId: docUpdates.documentId, data: docUpdates.data, updateCount: docUpdates.updateCount })
    .from(docUpdates)
    .where(inArray(docUpdates.documentId, ids))
    .orderBy(asc(docUpdates.id));

describe('group commit write', () => {
  it('stores one row per document with every byte value intact, in the order handed in', async () => {
    const ids = await meetings(3);
    const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
    // A view into a larger buffer: only the viewed bytes may be written.
    const backing = new Uint8Array(64).fill(0xee);
    backing.set([1, 2, 3], 10);
    const view = backing.subarray(10, 13);
    const large = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251);
    await appendUpdates(database.db, [
      { documentId: ids[0]!, data: everyByte, updateCount: 5 },
      { documentId: ids[1]!, data: view, updateCount: 1 },
      { documentId: ids[2]!, data: large, updateCount: 40 },
    ]);
    const rows = await stored(ids);
    expect(rows.map((r) => [r.documentId, r.updateCount])).toEqual([
      [ids[0], 5],
      [ids[1], 1],
      [ids[2], 40],
    ]);
    expect(Array.from(rows[0]!.data)).toEqual(Array.from(everyByte));
    expect(Array.from(rows[1]!.data)).toEqual([1, 2, 3]);
    expect(Buffer.compare(Buffer.from(rows[2]!.data), Buffer.from(large))).toBe(0);
  });

  it('writes one row, and nothing for no rows', async () => {
    const [id] = await meetings(1);
    await appendUpdates(database.db, []);
    await appendUpdates(database.db, [{ documentId: id!, data: new Uint8Array([9]), updateCount: 1 }]);
    const rows = await database.db.select().from(docUpdates).where(eq(docUpdates.documentId, id!));
    expect(rows.map((r) => Array.from(r.data))).toEqual([[9]]);
  });

  it('refuses the whole statement when one document does not exist (nothing half written)', async () => {
    const [id] = await meetings(1);
    await expect(
      appendUpdates(database.db, [
        { documentId: id!, data: new Uint8Array([1]), updateCount: 1 },
        { documentId: '00000000-0000-4000-8000-000000000000', data: new Uint8Array([2]), updateCount: 1 },
      ]),
    ).rejects.toThrow();
    expect(await stored([id!])).toEqual([]);
  });
});
