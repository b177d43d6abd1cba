// /api routes for documents: meetings, document metadata, versions, restore and content export.
// Handlers only validate and call the domain verbs in service.ts.
import { Hono } from 'hono';
import type { MeetingCreatedResponse, ReadableDocumentsResponse, VersionListResponse } from '../../shared/api.ts';
import type { AppEnv, Deps } from '../context.ts';
import { actorOf, parseBody } from '../http.ts';
import { MeetingInput, OfflineCopiesInput, VersionInput } from '../../shared/schemas.ts';
import {
  createMeeting,
  createVersion,
  documentContent,
  getDocument,
  getVersion,
  listVersions,
  readableDocumentIds,
  restoreVersion,
  type DocumentsContext,
} from './service.ts';

export function documentRoutes(deps: Deps, ctx: DocumentsContext) {
  const api = new Hono<AppEnv>();

  api.post('/households/:id/meetings', async (c) => {
    const input = await parseBody(c, MeetingInput);
    const document = await createMeeting(deps, actorOf(c, deps), c.req.param('id'), input);
    return c.json<MeetingCreatedResponse>({ document }, 201);
  });

  api.post('/documents/readable', async (c) => {
    const input = await parseBody(c, OfflineCopiesInput);
    return c.json<ReadableDocumentsResponse>({ readable: await readableDocumentIds(deps.db, actorOf(c, deps), input.ids) });
  });

  api.get('/documents/:id', async (c) => c.json(await getDocument(ctx, actorOf(c, deps), c.req.param('id'))));

  api.get('/documents/:id/content', async (c) => c.json(await documentContent(ctx, actorOf(c, deps), c.req.param('id'))));

  api.get('/documents/:id/versions', async (c) => c.json<VersionListResponse>({ versions: await listVersions(ctx, actorOf(c, deps), c.req.param('id')) }));

  api.post('/documents/:id/versions', async (c) => {
    const input = await parseBody(c, VersionInput);
    const version = await createVersion(ctx, actorOf(c, deps), c.req.param('id'), { name: input.name });
    return c.json({ version }, 201);
  });

  api.get('/documents/:id/versions/:versionId', async (c) =>
    c.json(await getVersion(deps.db, actorOf(c, deps), c.req.param('id'), c.req.param('versionId'), deps.log)),
  );

  api.post('/documents/:id/versions/:versionId/restore', async (c) =>
    c.json(await restoreVersion(ctx, actorOf(c, deps), c.req.param('id'), c.req.param('versionId'))),
  );

  return api;
}
