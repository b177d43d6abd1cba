// The casusoverleg evaluation block: GET /api/households/:id/evaluation?documentId=, PUT /api/documents/:id/evaluations.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import { requireUser } from '../auth/middleware.ts';
import { actorOf, parseBody } from '../http.ts';
import { badRequest } from '../errors.ts';
import { authorizeHousehold } from '../households/access.ts';
import { authorizeDocument } from '../documents/access.ts';
import { EvaluationInput } from '../../shared/schemas.ts';
import { evaluationBlock, saveEvaluation } from './evaluation.ts';

export function evaluationRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/households/:id/evaluation', async (c) => {
    const user = requireUser(c);
    const { household } = await authorizeHousehold(deps.db, user, c.req.param('id'), 'read');
    const documentId = c.req.query('documentId');
    if (!documentId) throw badRequest('VALIDATION_FAILED', 'documentId: kies het verslag van een casusoverleg.');
    const { document } = await authorizeDocument(deps.db, user, documentId, 'read');
    return c.json(await evaluationBlock(deps.db, household.id, document, deps.now()));
  });

  app.put('/documents/:documentId/evaluations', async (c) => {
    const user = requireUser(c);
    const { document } = await authorizeDocument(deps.db, user, c.req.param('documentId'), 'write');
    const input = await parseBody(c, EvaluationInput);
    return c.json({ evaluation: await saveEvaluation(deps, document, input, actorOf(c, deps)) });
  });

  return app;
}
