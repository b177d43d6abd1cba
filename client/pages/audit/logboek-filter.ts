// The Logboek's filters live in the page's URL (Dutch names), so a filtered view can be reloaded, bookmarked
// and shared; the API takes the same filters under its own names (shared/schemas.ts LogboekFilter).
import type { LogboekFilter } from '../../../shared/schemas.ts';
import { LOGBOEK_KINDS, type LogboekKind } from '../../../shared/audit.ts';

const URL_NAMES = { personId: 'persoon', organizationId: 'organisatie', userId: 'gebruiker', kind: 'soort' } as const satisfies Record<
  keyof LogboekFilter,
  string
>;
type Key = keyof typeof URL_NAMES;
const KEYS = Object.keys(URL_NAMES) as Key[];

export function filterFromUrl(search: URLSearchParams): LogboekFilter {
  const kind = search.get(URL_NAMES.kind);
  return {
    personId: search.get(URL_NAMES.personId) || undefined,
    organizationId: search.get(URL_NAMES.organizationId) || undefined,
    userId: search.get(URL_NAMES.userId) || undefined,
    kind: LOGBOEK_KINDS.includes(kind as LogboekKind) ? (kind as LogboekKind) : undefined,
  };
}

/** The page's own query string for a filter ("?persoon=…&soort=view"), or "" for none. */
export function filterToUrl(filter: LogboekFilter): string {
  const q = new URLSearchParams();
  for (const k of KEYS) if (filter[k]) q.set(URL_NAMES[k], filter[k]);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The API's query parameters for a filter (without "?"; empty for none). */
export function filterToApi(filter: LogboekFilter): string {
  const q = new URLSearchParams();
  for (const k of KEYS) if (filter[k]) q.set(k, filter[k]);
  return q.toString();
}
