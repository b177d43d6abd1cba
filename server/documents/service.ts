// Domain verbs for documents: meetings, versions, restore, content export, locks. Each authorises through
// the household policy, writes its audit row, and changes live documents only through the room manager,
// so collaborators receive every server-side change as an ordinary Yjs update.
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db/client.ts';
import { docVersions, documents, participations, users } from '../db/schema.ts';
import { audit } from '../audit/log.ts';
import { AppError, conflict } from '../errors.ts';
import { authorizeDocument, authorizeHousehold, isUuid, type DocumentRow } from '../access/authorize.ts';
import { auditRead } from '../access/read-audit.ts';
import type { AuditWriter } from '../audit/writer.ts';
import type { ActorContext } from '../households/service.ts';
import type { RoomManager } from '../collab/rooms.ts';
import type { Hub } from '../realtime/hub.ts';
import { withHouseholdEvents } from '../realtime/events.ts';
import type { MeetingInput } from '../../shared/schemas.ts';
import { replaceBody, stateContent, stateJSON, yDocContent, yDocToJSON, type DocumentContent, type OmissionReport } from './content.ts';
import type { Logger } from '../logger.ts';
import { presentDocument } from './presenter.ts';
import { notifyParticipants } from '../notifications/triggers.ts';
import type { DocumentResponse, Version, VersionContentResponse } from '../../shared/api.ts';

export interface DocumentsContext {
  db: Db;
  rooms: RoomManager;
  /** Where content left out of a stored document is reported (document id only). */
  log?: Pick<Logger, 'warn'>;
  /** Live household events (a new version appears on every open screen). */
  hub: Hub;
  auditWriter: AuditWriter;
}

/** Logs that a stored document holds content outside the schema, by document id only (never content). */
export const omissionLog =
  (log: Pick<Logger, 'warn'> | undefined, documentId: string, versionId?: string): OmissionReport =>
  (omitted) =>
    log?.warn('document: content outside the schema left out', { documentId, ...(versionId ? { versionId } : {}), omitted });

/** Origin of server-side edits (restore): not a connection, so every client receives them. */
export const SERVER_EDIT = Symbol('server-edit');

const auditBase = (a: ActorContext, d: DocumentRow) => ({
  userId: a.user.id,
  organizationId: a.user.organization.id,
  householdId: d.householdId,
  ip: a.ip,
  target: d.id,
});

const versionNotFound = () => new AppError(404, 'NOT_FOUND', 'Deze versie bestaat niet.');
const documentLocked = () => conflict('DOCUMENT_LOCKED', 'Dit document is vastgesteld en kan niet worden gewijzigd.');

export async function createMeeting(deps: { db: Db; hub: Hub }, actor: ActorContext, householdId: string, input: MeetingInput) {
  return withHouseholdEvents(deps, actor.now, async (tx, emit) => {
    await authorizeHousehold(tx, actor, householdId, 'direct');
    const [doc] = await tx
      .insert(documents)
      .values({ householdId, kind: 'meeting', title: input.title, meetingAt: new Date(input.meetingAt), createdBy: actor.user.id })
      .returning();
    await audit(tx, { ...auditBase(actor, doc!), event: 'document.create', details: { kind: 'meeting', title: input.title } });
    await notifyParticipants(tx, emit, actor, { householdId, kind: 'meeting_planned', documentId: doc!.id, dedupeKey: `meeting:${doc!.id}` });
    return presentDocument(doc!);
  });
}

export async function getDocument(ctx: DocumentsContext, actor: ActorContext, documentId: string): Promise<DocumentResponse> {
  const grant = await authorizeDocument(ctx.db, actor, documentId, 'read');
  const { document } = grant;
  // Who reopened it last: shown with the reason on the meeting page.
  const [reopeners] = await Promise.all([
    document.reopenedBy ? ctx.db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, document.reopenedBy)) : Promise.resolve([]),
    auditRead(ctx, grant, 'document.view', document.id),
  ]);
  return { document: { ...presentDocument(document), reopenedBy: reopeners[0] ?? null }, myRole: grant.role };
}

type VersionRow = { id: string; name: string; established: boolean; createdAt: Date; createdById: string | null; createdByName: string | null };

function presentVersion(v: VersionRow): Version {
  return {
    id: v.id,
    name: v.name,
    established: v.established,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdById ? { id: v.createdById, name: v.createdByName ?? '' } : null,
  };
}

const versionColumns = {
  id: docVersions.id,
  name: docVersions.name,
  established: docVersions.established,
  createdAt: docVersions.createdAt,
  createdById: docVersions.createdBy,
  createdByName: users.name,
};

export async function listVersions(ctx: DocumentsContext, actor: ActorContext, documentId: string) {
  const grant = await authorizeDocument(ctx.db, actor, documentId, 'read');
  const [rows] = await Promise.all([
    ctx.db
      .select(versionColumns)
      .from(docVersions)
      .leftJoin(users, eq(users.id, docVersions.createdBy))
      .where(eq(docVersions.documentId, documentId))
      .orderBy(desc(docVersions.createdAt)),
    auditRead(ctx, grant, 'document.versions', grant.document.id),
  ]);
  return rows.map(presentVersion);
}

/** The document's full current state: the live room's (after a flush), or loaded from storage. */
async function currentState(rooms: RoomManager, documentId: string): Promise<Uint8Array> {
  const state = await rooms.withRoom(documentId, async (room) => {
    await rooms.flush(documentId);
    return Y.encodeStateAsUpdate(room.doc);
  });
  if (!state) throw new AppError(404, 'NOT_FOUND', 'Dit document bestaat niet.');
  return state;
}

export async function createVersion(ctx: DocumentsContext, actor: ActorContext, documentId: string, input: { name: string; established?: boolean }) {
  const { document } = await authorizeDocument(ctx.db, actor, documentId, input.established ? 'direct' : 'write');
  const state = await currentState(ctx.rooms, documentId);
  return withHouseholdEvents(ctx, actor.now, async (tx, emit) => {
    const [row] = await tx
      .insert(docVersions)
      .values({ documentId, name: input.name, state, established: input.established ?? false, createdBy: actor.user.id })
      .returning();
    await audit(tx, { ...auditBase(actor, document), event: 'document.version', details: { versionId: row!.id, name: input.name } });
    const version = presentVersion({ ...row!, createdById: actor.user.id, createdByName: actor.user.name });
    // Every open versions list of this document shows it at once.
    await emit(document.householdId, 'version.created', { documentId, version });
    return version;
  });
}

/** A version of the document (no authorisation: callers have it). */
export async function loadVersion(db: Db, documentId: string, versionId: string) {
  if (!isUuid(versionId)) throw versionNotFound();
  const [row] = await db
    .select({ ...versionColumns, state: docVersions.state })
    .from(docVersions)
    .leftJoin(users, eq(users.id, docVersions.createdBy))
    .where(and(eq(docVersions.id, versionId), eq(docVersions.documentId, documentId)));
  if (!row) throw versionNotFound();
  return row;
}

export async function getVersion(
  db: Db,
  actor: ActorContext,
  documentId: string,
  versionId: string,
  log?: Pick<Logger, 'warn'>,
): Promise<VersionContentResponse> {
  const { document } = await authorizeDocument(db, actor, documentId, 'read');
  const row = await loadVersion(db, documentId, versionId);
  await audit(db, { ...auditBase(actor, document), event: 'document.open', details: { versionId } });
  return { version: presentVersion(row), content: await stateContent(row.state, omissionLog(log, documentId, versionId)) };
}

/**
 * Brings a version's content back as a NEW edit on the live document: history is kept, and connected
 * collaborators receive it as a normal update (their carets survive where paragraphs are unchanged).
 */
export async function restoreVersion(ctx: DocumentsContext, actor: ActorContext, documentId: string, versionId: string) {
  const { document } = await authorizeDocument(ctx.db, actor, documentId, 'write');
  if (document.lockedAt) throw documentLocked();
  const row = await loadVersion(ctx.db, documentId, versionId);
  const json = stateJSON(row.state, omissionLog(ctx.log, documentId, versionId));
  const content = await ctx.rooms.withRoom(documentId, async (room) => {
    if (room.locked) throw documentLocked();
    replaceBody(room.doc, json, SERVER_EDIT);
    await ctx.rooms.flush(documentId);
    return yDocContent(room.doc, omissionLog(ctx.log, documentId));
  });
  await audit(ctx.db, { ...auditBase(actor, document), event: 'document.restore', details: { versionId, name: row.name } });
  return { version: presentVersion(row), content: content! };
}

export async function documentContent(ctx: DocumentsContext, actor: ActorContext, documentId: string): Promise<DocumentContent> {
  const { document } = await authorizeDocument(ctx.db, actor, documentId, 'read');
  const content = await ctx.rooms.withRoom(documentId, (room) => yDocContent(room.doc, omissionLog(ctx.log, documentId)));
  await audit(ctx.db, { ...auditBase(actor, document), event: 'document.export', details: { kind: document.kind, versionId: null, format: 'json' } });
  return content!;
}

/** Current Tiptap JSON of a document, without authorisation or audit (for other areas' domain code). */
export async function documentJSON(rooms: RoomManager, documentId: string, log?: Pick<Logger, 'warn'>) {
  return rooms.withRoom(documentId, (room) => yDocToJSON(room.doc, omissionLog(log, documentId)));
}

/**
 * Of the documents a browser holds offline copies of, the ones this user may still read. The client drops
 * every other copy (document destroyed with its household, or participation ended); unknown and foreign
 * ids are simply not returned, so the answer reveals nothing the user could not open anyway.
 */
export async function readableDocumentIds(db: Db, actor: ActorContext, ids: string[]): Promise<string[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  const rows = await db
    .select({ id: documents.id })
    .from(documents)
    .innerJoin(participations, and(eq(participations.householdId, documents.householdId), eq(participations.userId, actor.user.id)))
    // The same reach as the access seam: documents only at `volledig`, and only after the statement.
    .where(and(inArray(documents.id, valid), eq(participations.level, 'volledig'), isNotNull(participations.statementConfirmedAt)));
  return rows.map((r) => r.id);
}
