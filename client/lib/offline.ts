// Offline copies of documents (y-indexeddb databases) in this browser, and removing them when access ends:
// on logout every copy goes, on revocation every copy of that household. A small registry in localStorage
// says which database belongs to which household; without it (copies made before the registry existed) a
// logout still finds them by their name prefix.
const PREFIX = 'casustafel:';
const REGISTRY = 'casustafel:offline-copies';

/** The IndexedDB database name of a document's offline copy (as use-collab names it). */
export const offlineDbName = (documentId: string) => `${PREFIX}${documentId}`;

type Registry = Record<string, string>; // database name → household id

function readRegistry(): Registry {
  try {
    return JSON.parse(localStorage.getItem(REGISTRY) ?? '{}') as Registry;
  } catch {
    return {};
  }
}

function writeRegistry(r: Registry) {
  try {
    if (Object.keys(r).length === 0) localStorage.removeItem(REGISTRY);
    else localStorage.setItem(REGISTRY, JSON.stringify(r));
  } catch {
    /* storage full or blocked: the prefix scan at logout still finds the copies */
  }
}

/** Records that this document of this household has (or will have) an offline copy here. */
export function rememberOfflineCopy(householdId: string, documentId: string) {
  const r = readRegistry();
  const name = offlineDbName(documentId);
  if (r[name] === householdId) return;
  r[name] = householdId;
  writeRegistry(r);
}

/**
 * Deletes the offline copies of one household (or, without an id, all of them). Resolves when the browser has
 * deleted them; a copy still open in this tab is deleted as soon as the page that holds it has closed it.
 */
export async function purgeOfflineCopies(householdId?: string): Promise<string[]> {
  const registry = readRegistry();
  const names = new Set(
    Object.entries(registry)
      .filter(([, h]) => householdId === undefined || h === householdId)
      .map(([n]) => n),
  );
  if (householdId === undefined && typeof indexedDB.databases === 'function') {
    for (const db of await indexedDB.databases().catch(() => [])) if (db.name?.startsWith(PREFIX)) names.add(db.name);
  }
  await Promise.all(
    [...names].map(
      (name) =>
        new Promise<void>((resolve) => {
          const req = indexedDB.deleteDatabase(name);
          req.onsuccess = req.onerror = () => resolve();
        }),
    ),
  );
  for (const n of names) delete registry[n];
  writeRegistry(registry);
  return [...names];
}
