// The casusoverleg evaluation block: GET /api/households/:id/evaluation?documentId=, PUT /api/documents/:id/evaluations.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { actorOf, parseBody } from '../http.ts';
import { badRequest } from '../errors.ts';
import { authorizeDocument, authorizeHousehold } from '../access/authorize.ts';
import { auditRead } from '../access/read-audit.ts';
import { EvaluationInput } from '../../shared/schemas.ts';
import { evaluationBlock, saveEvaluation } from './evaluation.ts';
import type { EvaluationSaveResponse } from '../../shared/board.ts';

export function evaluationRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/households/:id/evaluation', async (c) => {
    const requester = actorOf(c, deps);
    const documentId = c.req.query('documentId');
    if (!documentId) throw badRequest('VALIDATION_FAILED', 'documentId: kies het verslag van een casusoverleg.');
    // The document's own household must be the one in the path (evaluationBlock checks; NOT_A_MEETING otherwise).
    const [{ household }, grant] = await Promise.all([
      authorizeHousehold(deps.db, requester, c.req.param('id'), 'read'),
      authorizeDocument(deps.db, requester, documentId, 'read'),
    ]);
    const [block] = await Promise.all([
      evaluationBlock(deps.db, household.id, grant.document, deps.now()),
      auditRead(deps, grant, 'meeting.evaluation_view', grant.document.id),
    ]);
    return c.json(block);
  });

  app.put('/documents/:documentId/evaluations', async (c) => {
    const { document } = await authorizeDocument(deps.db, actorOf(c, deps), c.req.param('documentId'), 'write');
    const input = await parseBody(c, EvaluationInput);
    return c.json<EvaluationSaveResponse>({ evaluation: await saveEvaluation(deps, document, input, actorOf(c, deps)) });
  });

  return app;
}
