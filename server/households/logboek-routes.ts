// /api/households/:id/audit…: the Logboek (filtered, paged), its CSV and PDF exports, and the inzageverzoek
// of one person. All through the access seam with the 'audit' action (regievoerder, functioneel beheerder);
// anything that shows a person's data also needs 'read' (a participant: the beheerder manages but does not
// read content). Every export is itself audited, with its filters and its number of rows.
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { AppEnv, Deps } from '../context.ts';
import { actorOf, parseQuery } from '../http.ts';
import { AppError } from '../errors.ts';
import { organizations, users } from '../db/schema.ts';
import { AuditQuery, LogboekFilter } from '../../shared/schemas.ts';
import { AUDIT_KIND_LABELS } from '../../shared/audit.ts';
import type { AuditEntry, AuditListResponse } from '../../shared/api.ts';
import { authorizeHousehold, isUuid, type HouseholdGrant } from '../access/authorize.ts';
import { auditRead } from '../access/read-audit.ts';
import { listLogboek, logboekActors, logboekForExport, personOfHousehold } from '../audit/logboek.ts';
import { logboekCsv, logboekPdf } from '../export/logboek-export.ts';
import { inzageData, inzagePdf, personLine } from '../export/inzage.ts';
import { downloadHeaders, exportStamp } from '../export/pdf-frame.ts';

export function logboekRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  /** The Logboek's grant and its validated query; a person filter needs the right to read the household's content too. */
  async function logboekGrant<S extends typeof LogboekFilter | typeof AuditQuery>(c: Context<AppEnv>, schema: S) {
    const actor = actorOf(c, deps);
    const grant = await authorizeHousehold(db, actor, c.req.param('id')!, 'audit');
    const query = parseQuery(c, schema) as z.infer<S>;
    let person = null;
    if (query.personId) {
      await authorizeHousehold(db, actor, grant.household.id, 'read');
      person = await personOfHousehold(db, grant.household.id, query.personId);
    }
    return { grant, person, query };
  }

  app.get('/:id/audit', async (c) => {
    const { grant, query } = await logboekGrant(c, AuditQuery);
    const { before, limit, ...filter } = query;
    const { household } = grant;
    const [rows, actors] = await Promise.all([listLogboek(db, household.id, filter, { before, limit }), logboekActors(db, household.id)]);
    return c.json<AuditListResponse>({
      household: { id: household.id, reference: household.reference, displayName: household.displayName },
      entries: rows.map((r) => ({ ...r, at: r.at.toISOString(), details: r.details as AuditEntry['details'] })),
      actors,
    });
  });

  /** Loads the rows of an export and writes its audit row alongside the rendering. */
  async function exportLogboek(c: Context<AppEnv>, format: 'csv' | 'pdf', render: (ctx: ExportContext) => Promise<string | Buffer>) {
    const { grant, person, query: filter } = await logboekGrant(c, LogboekFilter);
    const rows = await logboekForExport(db, grant.household.id, filter);
    const given = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    const filterText = format === 'pdf' ? await describeFilter(filter, person && personLine(person)) : '';
    const [body] = await Promise.all([
      render({ household: grant.household, rows, filterText }),
      auditRead(deps, grant, 'household.audit_exported', grant.household.id, { format, filter: given, rows: rows.length }),
    ]);
    return { body: typeof body === 'string' ? body : new Uint8Array(body), reference: grant.household.reference };
  }
  type ExportContext = { household: HouseholdGrant['household']; rows: Awaited<ReturnType<typeof logboekForExport>>; filterText: string };

  /** The filters in words, for the PDF's header (ids only in the audit row). */
  async function describeFilter(filter: LogboekFilter, person: string | null): Promise<string> {
    const nameOf = async (table: typeof organizations | typeof users, id: string) =>
      (await db.select({ name: table.name }).from(table).where(eq(table.id, id)))[0]?.name ?? id;
    const parts = [
      person && `persoon ${person}`,
      filter.organizationId && `organisatie ${await nameOf(organizations, filter.organizationId)}`,
      filter.userId && `gebruiker ${await nameOf(users, filter.userId)}`,
      filter.kind && `soort ${AUDIT_KIND_LABELS[filter.kind].toLowerCase()}`,
    ].filter(Boolean);
    return parts.length ? parts.join('; ') : 'geen (alle regels)';
  }

  app.get('/:id/audit.csv', async (c) => {
    const { body, reference } = await exportLogboek(c, 'csv', async ({ rows }) => logboekCsv(rows));
    return c.body(body, 200, downloadHeaders('text/csv; charset=utf-8', `Logboek ${reference}`, 'csv'));
  });

  app.get('/:id/audit.pdf', async (c) => {
    const stamp = exportStamp(actorOf(c, deps));
    const { body, reference } = await exportLogboek(c, 'pdf', ({ household, rows, filterText }) =>
      logboekPdf({ reference: household.reference, ...stamp }, household, filterText, rows),
    );
    return c.body(body, 200, downloadHeaders('application/pdf', `Logboek ${reference}`, 'pdf'));
  });

  app.get('/:id/persons/:personId/inzage.pdf', async (c) => {
    const actor = actorOf(c, deps);
    // Content (the person record) and the log: 'read' first (404 for whoever may not know of the household or
    // its content), then 'audit' (403 for a partner or an observer).
    await authorizeHousehold(db, actor, c.req.param('id'), 'read');
    const grant = await authorizeHousehold(db, actor, c.req.param('id'), 'audit');
    const personId = c.req.param('personId');
    if (!isUuid(personId)) throw new AppError(404, 'NOT_FOUND', 'Deze persoon hoort niet bij dit huishouden.');
    const data = await inzageData(db, grant.household, personId);
    const [pdf] = await Promise.all([
      inzagePdf({ reference: grant.household.reference, ...exportStamp(actor) }, data),
      auditRead(deps, grant, 'household.inzage_exported', personId, { format: 'pdf', rows: data.access.length, actions: data.actions.length }),
    ]);
    return c.body(new Uint8Array(pdf), 200, downloadHeaders('application/pdf', `Inzageverzoek ${grant.household.reference}`, 'pdf'));
  });

  return app;
}
