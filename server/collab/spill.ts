// Updates that could not be written before shutdown (the database was unreachable until the deadline) go
// to a spill file in DATA_DIR and are written at the next start, before the server accepts connections.
// Replaying twice is harmless: Yjs applies an update it already has as a no-op, so a row stored twice
// changes nothing in the document (compaction folds it away).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { documents } from '../db/schema.ts';
import type { CommitRow } from './batcher.ts';
import { appendUpdates } from './persistence.ts';

interface SpillFile {
  version: 1;
  rows: { documentId: string; updateCount: number; data: string }[];
}

export const spillDir = (dataDir: string) => join(dataDir, 'unsaved-updates');

/** Writes the rows durably (temp file, fsync, rename); returns the file's path. */
export function spillRows(dataDir: string, rows: CommitRow[]): string {
  const dir = spillDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const name = `spill-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${Math.random().toString(36).slice(2, 8)}.json`;
  const body: SpillFile = {
    version: 1,
    rows: rows.map((r) => ({ documentId: r.documentId, updateCount: r.updateCount, data: Buffer.from(r.data).toString('base64') })),
  };
  const tmp = join(dir, `.${name}.tmp`);
  writeFileSync(tmp, JSON.stringify(body));
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const path = join(dir, name);
  renameSync(tmp, path);
  return path;
}

export interface ReplayResult {
  files: number;
  rows: number;
  /** Rows kept on disk because their document is not in this database. */
  unknown: number;
}

/**
 * Writes every spill file's rows, then removes the file. Rows of documents this database does not know are
 * written back to the file (never dropped): a spill file put next to the wrong database must not be lost.
 */
export async function replaySpilled(db: Db, dataDir: string): Promise<ReplayResult> {
  const dir = spillDir(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.startsWith('spill-') && n.endsWith('.json'))
      .sort();
  } catch {
    return { files: 0, rows: 0, unknown: 0 };
  }
  const result: ReplayResult = { files: 0, rows: 0, unknown: 0 };
  for (const name of names) {
    const path = join(dir, name);
    const file = JSON.parse(readFileSync(path, 'utf8')) as SpillFile;
    const ids = [...new Set(file.rows.map((r) => r.documentId))];
    const known = new Set(ids.length ? (await db.select({ id: documents.id }).from(documents).where(inArray(documents.id, ids))).map((d) => d.id) : []);
    const rows = file.rows.filter((r) => known.has(r.documentId));
    await appendUpdates(
      db,
      rows.map((r) => ({ documentId: r.documentId, updateCount: r.updateCount, data: new Uint8Array(Buffer.from(r.data, 'base64')) })),
    );
    const unknown = file.rows.filter((r) => !known.has(r.documentId));
    if (unknown.length) writeFileSync(path, JSON.stringify({ version: 1, rows: unknown } satisfies SpillFile));
    else rmSync(path);
    result.files++;
    result.rows += rows.length;
    result.unknown += unknown.length;
  }
  return result;
}
