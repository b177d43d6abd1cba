// Domain verbs for documents: meetings, versions, restore, content export, locks. Each authorises through
// the household policy, writes its audit row, and changes live documents only through the room manager,
// so collaborators receive every server-side change as an ordinary Yjs update.
import { and, desc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db/client.ts';
import { docVersions, documents, users } from '../db/schema.ts';
import { audit } from '../audit/log.ts';
import { AppError, conflict } from '../errors.ts';
import { authorizeHousehold, isUuid } from '../households/access.ts';
import type { ActorContext } from '../households/service.ts';
import type { RoomManager } from '../collab/rooms.ts';
import type { MeetingInput } from '../../shared/schemas.ts';
import { authorizeDocument, type DocumentRow } from './access.ts';
import { replaceBody, stateContent, yDocContent, yDocToJSON, type DocumentContent } from './content.ts';

export interface DocumentsContext {
  db: Db;
  rooms: RoomManager;
}

/** Origin of server-side edits (restore): not a connection, so every client receives them. */
export const SERVER_EDIT = Symbol('server-edit');

const auditBase = (a: ActorContext, d: DocumentRow) => ({
  userId: a.user.id,
  organizationId: a.user.organization.id,
  householdId: d.householdId,
  ip: a.ip,
  target: d.id,
});

export function presentDocument(d: DocumentRow) {
  return {
    id: d.id,
    householdId: d.householdId,
    kind: d.kind,
    title: d.title,
    meetingAt: d.meetingAt?.toISOString() ?? null,
    lockedAt: d.lockedAt?.toISOString() ?? null,
  };
}

const versionNotFound = () => new AppError(404, 'NOT_FOUND', 'Deze versie bestaat niet.');
const documentLocked = () => conflict('DOCUMENT_LOCKED', 'Dit document is vastgesteld en kan niet worden gewijzigd.');

export async function createMeeting(db: Db, actor: ActorContext, householdId: string, input: MeetingInput) {
  await authorizeHousehold(db, actor.user, householdId, 'direct');
  return db.transaction(async (tx) => {
    const [doc] = await tx
      .insert(documents)
      .values({ householdId, kind: 'meeting', title: input.title, meetingAt: new Date(input.meetingAt), createdBy: actor.user.id })
      .returning();
    await audit(tx, { ...auditBase(actor, doc!), event: 'document.create', details: { kind: 'meeting', title: input.title } });
    return presentDocument(doc!);
  });
}

export async function getDocument(db: Db, actor: ActorContext, documentId: string) {
  const { document, role } = await authorizeDocument(db, actor.user, documentId, 'read');
  return { document: presentDocument(document), myRole: role };
}

type VersionRow = { id: string; name: string; established: boolean; createdAt: Date; createdById: string | null; createdByName: string | null };

function presentVersion(v: VersionRow) {
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

export async function listVersions(db: Db, actor: ActorContext, documentId: string) {
  await authorizeDocument(db, actor.user, documentId, 'read');
  const rows = await db
    .select(versionColumns)
    .from(docVersions)
    .leftJoin(users, eq(users.id, docVersions.createdBy))
    .where(eq(docVersions.documentId, documentId))
    .orderBy(desc(docVersions.createdAt));
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

export async function createVersion(
  ctx: DocumentsContext,
  actor: ActorContext,
  documentId: string,
  input: { name: string; established?: boolean },
) {
  const { document } = await authorizeDocument(ctx.db, actor.user, documentId, input.established ? 'direct' : 'write');
  const state = await currentState(ctx.rooms, documentId);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(docVersions)
      .values({ documentId, name: input.name, state, established: input.established ?? false, createdBy: actor.user.id })
      .returning();
    await audit(tx, { ...auditBase(actor, document), event: 'document.version', details: { versionId: row!.id, name: input.name } });
    return presentVersion({ ...row!, createdById: actor.user.id, createdByName: actor.user.name });
  });
}

async function loadVersion(db: Db, documentId: string, versionId: string) {
  if (!isUuid(versionId)) throw versionNotFound();
  const [row] = await db
    .select({ ...versionColumns, state: docVersions.state })
    .from(docVersions)
    .leftJoin(users, eq(users.id, docVersions.createdBy))
    .where(and(eq(docVersions.id, versionId), eq(docVersions.documentId, documentId)));
  if (!row) throw versionNotFound();
  return row;
}

export async function getVersion(db: Db, actor: ActorContext, documentId: string, versionId: string) {
  const { document } = await authorizeDocument(db, actor.user, documentId, 'read');
  const row = await loadVersion(db, documentId, versionId);
  await audit(db, { ...auditBase(actor, document), event: 'document.open', details: { versionId } });
  return { version: presentVersion(row), content: stateContent(row.state) };
}

/**
 * Brings a version's content back as a NEW edit on the live document: history is kept, and connected
 * collaborators receive it as a normal update (their carets survive where paragraphs are unchanged).
 */
export async function restoreVersion(ctx: DocumentsContext, actor: ActorContext, documentId: string, versionId: string) {
  const { document } = await authorizeDocument(ctx.db, actor.user, documentId, 'write');
  if (document.lockedAt) throw documentLocked();
  const row = await loadVersion(ctx.db, documentId, versionId);
  const json = stateContent(row.state).json;
  const content = await ctx.rooms.withRoom(documentId, async (room) => {
    if (room.locked) throw documentLocked();
    replaceBody(room.doc, json, SERVER_EDIT);
    await ctx.rooms.flush(documentId);
    return yDocContent(room.doc);
  });
  await audit(ctx.db, { ...auditBase(actor, document), event: 'document.restore', details: { versionId, name: row.name } });
  return { version: presentVersion(row), content: content! };
}

export async function documentContent(ctx: DocumentsContext, actor: ActorContext, documentId: string): Promise<DocumentContent> {
  const { document } = await authorizeDocument(ctx.db, actor.user, documentId, 'read');
  const content = await ctx.rooms.withRoom(documentId, (room) => yDocContent(room.doc));
  await audit(ctx.db, { ...auditBase(actor, document), event: 'document.export' });
  return content!;
}

/** Current Tiptap JSON of a document, without authorisation or audit (for other areas' domain code). */
export async function documentJSON(rooms: RoomManager, documentId: string) {
  return rooms.withRoom(documentId, (room) => yDocToJSON(room.doc));
}

/**
 * Vaststellen: makes the document read-only for everyone (live connections switch at once, in every
 * process) until unlockDocument. Issue 5 calls this together with an established version.
 */
export async function lockDocument(ctx: DocumentsContext, actor: ActorContext, documentId: string, opts: { versionId?: string } = {}) {
  const { document } = await authorizeDocument(ctx.db, actor.user, documentId, 'direct');
  const [row] = await ctx.db
    .update(documents)
    .set({ lockedAt: actor.now, lockedBy: actor.user.id, lockedVersionId: opts.versionId ?? null })
    .where(eq(documents.id, documentId))
    .returning();
  ctx.rooms.setLocked(documentId, true);
  await audit(ctx.db, { ...auditBase(actor, document), event: 'document.lock', details: { versionId: opts.versionId ?? null } });
  return presentDocument(row!);
}

export async function unlockDocument(ctx: DocumentsContext, actor: ActorContext, documentId: string, opts: { reason?: string } = {}) {
  const { document } = await authorizeDocument(ctx.db, actor.user, documentId, 'direct');
  const [row] = await ctx.db
    .update(documents)
    .set({ lockedAt: null, lockedBy: null, lockedVersionId: null })
    .where(eq(documents.id, documentId))
    .returning();
  ctx.rooms.setLocked(documentId, false);
  await audit(ctx.db, { ...auditBase(actor, document), event: 'document.unlock', details: { reason: opts.reason ?? null } });
  return presentDocument(row!);
}
