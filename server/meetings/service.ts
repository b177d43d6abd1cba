// Casusoverleg flow: attendance, "vaststellen" (an established version; minutes become read-only for
// everyone) and reopening with a reason. Every verb authorises once, through the access seam, inside the
// transaction that acts (the document row locked), so the answer still holds when the change commits.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { docVersions, documents, meetingAttendance } from '../db/schema.ts';
import { audit } from '../audit/log.ts';
import { badRequest, conflict } from '../errors.ts';
import { listParticipants, type ActorContext } from '../households/service.ts';
import { authorizeDocument, authorizeMeeting, type DocumentRow } from '../access/authorize.ts';
import { auditRead } from '../access/read-audit.ts';
import type { DocumentsContext } from '../documents/service.ts';
import { presentDocument } from '../documents/presenter.ts';
import type { AttendanceRow } from '../../shared/api.ts';
import { formatShortDate } from '../../shared/labels.ts';
import { withHouseholdEvents } from '../realtime/events.ts';
import { notifyParticipants } from '../notifications/triggers.ts';

type MeetingContext = DocumentsContext;

const auditBase = (actor: ActorContext, doc: DocumentRow) => ({
  userId: actor.user.id,
  organizationId: actor.user.organization.id,
  householdId: doc.householdId,
  ip: actor.ip,
  target: doc.id,
});

/** Attendance of a meeting's participants (no authorisation: callers have it). */
export async function attendanceOf(db: DbOrTx, document: DocumentRow): Promise<AttendanceRow[]> {
  const [participants, marks] = await Promise.all([
    listParticipants(db, document.householdId),
    db.select().from(meetingAttendance).where(eq(meetingAttendance.documentId, document.id)),
  ]);
  const byUser = new Map(marks.map((m) => [m.userId, m.present]));
  return participants.map((p) => ({
    user: { id: p.user.id, name: p.user.name },
    organization: p.organization,
    role: p.role,
    present: byUser.get(p.user.id) ?? null,
  }));
}

export async function listAttendance(ctx: DocumentsContext, actor: ActorContext, documentId: string): Promise<AttendanceRow[]> {
  const grant = await authorizeMeeting(ctx.db, actor, documentId, 'read');
  const [attendance] = await Promise.all([attendanceOf(ctx.db, grant.document), auditRead(ctx, grant, 'meeting.attendance_view', grant.document.id)]);
  return attendance;
}

export async function setAttendance(ctx: DocumentsContext, actor: ActorContext, documentId: string, userId: string, present: boolean) {
  return withHouseholdEvents(ctx, actor.now, async (tx, emit) => {
    const { document } = await authorizeMeeting(tx, actor, documentId, 'direct', { forUpdate: true });
    if (document.lockedAt) throw conflict('DOCUMENT_LOCKED', 'Dit verslag is vastgesteld; heropen het om de aanwezigheid te wijzigen.');
    const participants = await listParticipants(tx, document.householdId);
    if (!participants.some((p) => p.user.id === userId)) throw badRequest('NOT_A_PARTICIPANT', 'Deze persoon neemt niet deel aan dit huishouden.');
    await tx
      .insert(meetingAttendance)
      .values({ documentId, userId, present, updatedAt: actor.now })
      .onConflictDoUpdate({ target: [meetingAttendance.documentId, meetingAttendance.userId], set: { present, updatedAt: actor.now } });
    await audit(tx, { ...auditBase(actor, document), event: 'meeting.attendance', details: { userId, present } });
    // Every open screen of this meeting shows the new attendance at once.
    const attendance = await attendanceOf(tx, document);
    await emit(document.householdId, 'attendance.updated', { documentId, attendance });
    return attendance;
  });
}

/**
 * Vaststellen: an established, named version. Minutes are then locked read-only for everyone; the plan
 * stays a living document (its established version is what the huisverbod deadline asks for).
 * Minutes are switched read-only before their state is taken, so no edit lands after the established version.
 */
export async function establishDocument(ctx: MeetingContext, actor: ActorContext, documentId: string, name?: string) {
  let lockedLive = false;
  try {
    return await withHouseholdEvents(ctx, actor.now, async (tx, emit) => {
      const { document } = await authorizeDocument(tx, actor, documentId, 'direct', { forUpdate: true });
      if (document.lockedAt) throw conflict('DOCUMENT_LOCKED', 'Dit verslag is al vastgesteld.');
      const isMeeting = document.kind === 'meeting';
      if (isMeeting) {
        ctx.rooms.setLocked(documentId, true);
        lockedLive = true;
      }
      const state = await ctx.rooms.stateIn(tx, documentId);
      if (!state) throw conflict('DOCUMENT_GONE', 'Dit document bestaat niet meer.');
      const date = formatShortDate(actor.now.toISOString());
      const versionName = name?.trim() || (isMeeting ? `Vastgesteld verslag ${date}` : `Vastgesteld plan van aanpak ${date}`);
      const [version] = await tx.insert(docVersions).values({ documentId, name: versionName, state, established: true, createdBy: actor.user.id }).returning();
      await audit(tx, { ...auditBase(actor, document), event: 'document.version', details: { versionId: version!.id, name: versionName } });
      const presentedVersion = {
        id: version!.id,
        name: version!.name,
        established: true,
        createdAt: version!.createdAt.toISOString(),
        createdBy: { id: actor.user.id, name: actor.user.name },
      };
      // Every open versions list of this document shows it at once.
      await emit(document.householdId, 'version.created', { documentId, version: presentedVersion });
      let row = document;
      if (isMeeting) {
        [row] = (await tx
          .update(documents)
          .set({ lockedAt: actor.now, lockedBy: actor.user.id, lockedVersionId: version!.id })
          .where(eq(documents.id, documentId))
          .returning()) as [DocumentRow];
        await audit(tx, { ...auditBase(actor, document), event: 'document.lock', details: { versionId: version!.id } });
        await notifyParticipants(tx, emit, actor, {
          householdId: document.householdId,
          kind: 'minutes_established',
          documentId,
          dedupeKey: `established:${version!.id}`,
        });
      }
      const doc = presentDocument(row);
      // Tells every open screen of the household that the document changed (they re-read it).
      await emit(doc.householdId, 'document.updated', { document: doc });
      return { document: doc, version: presentedVersion };
    });
  } catch (err) {
    if (lockedLive) ctx.rooms.setLocked(documentId, false);
    throw err;
  }
}

export async function reopenDocument(ctx: MeetingContext, actor: ActorContext, documentId: string, reason: string) {
  const result = await withHouseholdEvents(ctx, actor.now, async (tx, emit) => {
    const { document } = await authorizeDocument(tx, actor, documentId, 'direct', { forUpdate: true });
    if (!document.lockedAt) throw conflict('NOT_LOCKED', 'Dit verslag is niet vastgesteld.');
    const [row] = await tx
      .update(documents)
      .set({ lockedAt: null, lockedBy: null, lockedVersionId: null, reopenedAt: actor.now, reopenedBy: actor.user.id, reopenReason: reason })
      .where(eq(documents.id, documentId))
      .returning();
    await audit(tx, { ...auditBase(actor, document), event: 'document.unlock', details: { reason } });
    const doc = presentDocument(row!);
    await emit(doc.householdId, 'document.updated', { document: doc });
    return { document: doc };
  });
  ctx.rooms.setLocked(documentId, false);
  return result;
}
