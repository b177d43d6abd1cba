// The JSON shape of a document row (shared/api.ts DocumentSummary), for every route that lists or returns one.
import type { documents } from '../db/schema.ts';
import type { DocumentSummary } from '../../shared/api.ts';

export function presentDocument(d: typeof documents.$inferSelect): DocumentSummary {
  return {
    id: d.id,
    householdId: d.householdId,
    kind: d.kind,
    title: d.title,
    meetingAt: d.meetingAt?.toISOString() ?? null,
    lockedAt: d.lockedAt?.toISOString() ?? null,
    reopenedAt: d.reopenedAt?.toISOString() ?? null,
    reopenReason: d.reopenReason ?? null,
  };
}
