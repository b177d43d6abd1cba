// What the database holds of one document, read row by row: its text, and whether any client update was
// written twice (two stored rows holding the same client id and clock range).
import * as Y from 'yjs';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../server/db/client.ts';
import { docSnapshots, docUpdates } from '../../server/db/schema.ts';

/** The words of a document's XML text (test words are letters and digits only). */
export const wordsOf = (xml: string) => new Set(xml.split(/[^a-z0-9]+/));

/** Client id and clock ranges of the inserted structs in a stored row (what identifies a client update). */
function structRanges(row: Uint8Array): [number, number, number][] {
  return Y.decodeUpdate(row)
    .structs.filter((s) => s instanceof Y.Item)
    .map((s) => [s.id.client, s.id.clock, s.id.clock + s.length]);
}

/** Pairs of stored rows that hold the same client update (an overlapping client/clock range). */
export function doubleWrites(rows: Uint8Array[]): string[] {
  const seen = new Map<number, [number, number, number][]>();
  const doubles: string[] = [];
  rows.forEach((row, r) => {
    for (const [client, from, to] of structRanges(row)) {
      const ranges = seen.get(client) ?? [];
      for (const [f, t, other] of ranges) if (from < t && f < to) doubles.push(`client ${client} clocks ${from}–${to} in rows ${other} and ${r}`);
      ranges.push([from, to, r]);
      seen.set(client, ranges);
    }
  });
  return doubles;
}

/** The document's stored rows (snapshots first) and the words of their merged text. */
export async function storedDocument(db: Db, documentId: string) {
  const rows = await db.select({ data: docUpdates.data }).from(docUpdates).where(eq(docUpdates.documentId, documentId)).orderBy(asc(docUpdates.id));
  const snaps = await db.select({ data: docSnapshots.data }).from(docSnapshots).where(eq(docSnapshots.documentId, documentId));
  const all = [...snaps.map((s) => s.data), ...rows.map((r) => r.data)];
  const doc = new Y.Doc();
  for (const u of all) Y.applyUpdate(doc, u);
  return { rows: all, words: wordsOf(doc.getXmlFragment('default').toString()) };
}
