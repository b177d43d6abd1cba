// Casusoverleg flow and export routes: attendance, vaststellen, heropenen, printable export, PDF.
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context.ts';
import type { Module } from '../module.ts';
import { actorOf, parseBody } from '../http.ts';
import { getCollab } from '../documents/module.ts';
import { listAttendance, setAttendance, establishDocument, reopenDocument } from './service.ts';
import { exportDocument } from '../export/service.ts';
import { renderPdf } from '../export/pdf.ts';
import { downloadHeaders } from '../export/pdf-frame.ts';
import { AttendanceInput, EstablishInput, ReopenInput } from '../../shared/schemas.ts';
import type { AttendanceResponse, ExportResponse } from '../../shared/api.ts';

export function meetingsModule(deps: Deps): Module {
  const app = new Hono<AppEnv>();
  const ctx = () => ({ db: deps.db, rooms: getCollab(deps), hub: deps.hub, log: deps.log, auditWriter: deps.auditWriter });

  app.get('/documents/:id/attendance', async (c) =>
    c.json<AttendanceResponse>({ attendance: await listAttendance(ctx(), actorOf(c, deps), c.req.param('id')) }),
  );
  app.put('/documents/:id/attendance', async (c) => {
    const input = await parseBody(c, AttendanceInput);
    return c.json<AttendanceResponse>({ attendance: await setAttendance(ctx(), actorOf(c, deps), c.req.param('id'), input.userId, input.present) });
  });
  app.post('/documents/:id/establish', async (c) => {
    const input = await parseBody(c, EstablishInput);
    return c.json(await establishDocument(ctx(), actorOf(c, deps), c.req.param('id'), input.name), 201);
  });
  app.post('/documents/:id/reopen', async (c) => {
    const input = await parseBody(c, ReopenInput);
    return c.json(await reopenDocument(ctx(), actorOf(c, deps), c.req.param('id'), input.reason));
  });
  app.get('/documents/:id/export', async (c) => {
    const { meta, html } = await exportDocument(ctx(), actorOf(c, deps), c.req.param('id'), c.req.query('versionId') || undefined, 'html');
    return c.json<ExportResponse>({ meta, html });
  });
  app.get('/documents/:id/export.pdf', async (c) => {
    const { meta, json } = await exportDocument(ctx(), actorOf(c, deps), c.req.param('id'), c.req.query('versionId') || undefined, 'pdf');
    const pdf = await renderPdf(meta, json);
    return c.body(new Uint8Array(pdf), 200, downloadHeaders('application/pdf', `${meta.reference} ${meta.title} ${meta.versionName}`, 'pdf'));
  });

  return { name: 'meetings', api: app };
}
