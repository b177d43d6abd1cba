// Offline copies of documents live in IndexedDB (`casustafel:<documentId>`, see use-collab.ts). A copy of a
// document the user may no longer read — destroyed with its household, or their participation ended —
// is deleted on the next sync: once per sign-in the browser asks which of its copies it may keep.
import { post } from './api.ts';
import type { ReadableDocumentsResponse } from '../../shared/api.ts';

export const OFFLINE_PREFIX = 'casustafel:';

export function dropOfflineCopy(documentId: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(OFFLINE_PREFIX + documentId);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

export async function sweepOfflineCopies(): Promise<string[]> {
  if (typeof indexedDB === 'undefined' || !('databases' in indexedDB)) return [];
  const ids = (await indexedDB.databases())
    .map((d) => d.name ?? '')
    .filter((n) => n.startsWith(OFFLINE_PREFIX))
    .map((n) => n.slice(OFFLINE_PREFIX.length));
  if (!ids.length) return [];
  const { readable } = await post<ReadableDocumentsResponse>('/api/documents/readable', { ids });
  const gone = ids.filter((id) => !readable.includes(id));
  await Promise.all(gone.map(dropOfflineCopy));
  return gone;
}
