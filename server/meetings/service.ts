// Casusoverleg flow: attendance, "vaststellen" (an established version; minutes become read-only for
// everyone) and reopening with a reason. Versions and locks go through the documents area.
import { and, eq } from 'drizzle-orm';
import { meetingAttendance } from '../db/schema.ts';
import { audit } from '../audit/log.ts';
import { badRequest, conflict } from '../errors.ts';
import { listParticipants, type ActorContext } from '../households/service.ts';
import { authorizeDocument } from '../documents/access.ts';
import { createVersion, lockDocument, presentDocument, unlockDocument, type DocumentsContext } from '../documents/service.ts';
import { formatShortDate } from '../../shared/labels.ts';
import type { Hub } from '../realtime/hub.ts';
import { withHouseholdEvents } from '../realtime/events.ts';

/** Tells every open screen of the household that a document's lock changed (they re-read it). */
async function announce(ctx: DocumentsContext & { hub: Hub }, actor: ActorContext, doc: ReturnType<typeof presentDocument>) {
  await withHouseholdEvents({ db: ctx.db, hub: ctx.hub }, actor.now, (_tx, emit) => emit(doc.householdId, 'document.updated', { document: doc }));
}

export async function listAttendance(ctx: DocumentsContext, actor: ActorContext, documentId: string) {
  const { document } = await authorizeDocument(ctx.db, actor.user, documentId, 'read');
  if (document.kind !== 'meeting') throw badRequest('NOT_A_MEETING', 'Aanwezigheid hoort bij een casusoverleg.');
  const [participants, marks] = await Promise.all([
    listParticipants(ctx.db, document.householdId),
    ctx.db.select().from(meetingAttendance).where(eq(meetingAttendance.documentId, documentId)),
  ]);
  const byUser = new Map(marks.map((m) => [m.userId, m.present]));
  return participants.map((p) => ({ user: p.user, organization: p.organization, role: p.role, present: byUser.get(p.user.id) ?? null }));
}

export async function setAttendance(ctx: DocumentsContext, actor: ActorContext, documentId: string, userId: string, present: boolean) {
  const { document } = await authorizeDocument(ctx.db, actor.user, documentId, 'direct');
  if (document.kind !== 'meeting') throw badRequest('NOT_A_MEETING', 'Aanwezigheid hoort bij een casusoverleg.');
  if (document.lockedAt) throw conflict('DOCUMENT_LOCKED', 'Dit verslag is vastgesteld; heropen het om de aanwezigheid te wijzigen.');
  const participants = await listParticipants(ctx.db, document.householdId);
  if (!participants.some((p) => p.user.id === userId)) throw badRequest('NOT_A_PARTICIPANT', 'Deze persoon neemt niet deel aan dit huishouden.');
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(meetingAttendance).where(and(eq(meetingAttendance.documentId, documentId), eq(meetingAttendance.userId, userId)));
    if (existing) await tx.update(meetingAttendance).set({ present, updatedAt: actor.now }).where(and(eq(meetingAttendance.documentId, documentId), eq(meetingAttendance.userId, userId)));
    else await tx.insert(meetingAttendance).values({ documentId, userId, present, updatedAt: actor.now });
    await audit(tx, { userId: actor.user.id, organizationId: actor.user.organization.id, householdId: document.householdId, ip: actor.ip, event: 'meeting.attendance', target: documentId, details: { userId, present } });
  });
  return listAttendance(ctx, actor, documentId);
}

/**
 * Vaststellen: an established, named version. Minutes are then locked read-only for everyone; the plan
 * stays a living document (its established version is what the huisverbod deadline asks for).
 */
export async function establishDocument(ctx: DocumentsContext & { hub: Hub }, actor: ActorContext, documentId: string, name?: string) {
  const { document } = await authorizeDocument(ctx.db, actor.user, documentId, 'direct');
  if (document.lockedAt) throw conflict('DOCUMENT_LOCKED', 'Dit verslag is al vastgesteld.');
  const date = formatShortDate(actor.now.toISOString());
  const versionName = name?.trim() || (document.kind === 'meeting' ? `Vastgesteld verslag ${date}` : `Vastgesteld plan van aanpak ${date}`);
  const version = await createVersion(ctx, actor, documentId, { name: versionName, established: true });
  const doc = document.kind === 'meeting' ? await lockDocument(ctx, actor, documentId, { versionId: version.id }) : presentDocument(document);
  await announce(ctx, actor, doc);
  return { document: doc, version };
}

export async function reopenDocument(ctx: DocumentsContext & { hub: Hub }, actor: ActorContext, documentId: string, reason: string) {
  const { document } = await authorizeDocument(ctx.db, actor.user, documentId, 'direct');
  if (!document.lockedAt) throw conflict('NOT_LOCKED', 'Dit verslag is niet vastgesteld.');
  const doc = await unlockDocument(ctx, actor, documentId, { reason });
  await announce(ctx, actor, doc);
  return { document: doc };
}
