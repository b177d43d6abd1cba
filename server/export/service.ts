// Export of the plan or a (vastgesteld) verslag: the data for a printable page and for the PDF.
import { eq } from 'drizzle-orm';
import { households } from '../db/schema.ts';
import { audit } from '../audit/log.ts';
import type { ActorContext } from '../households/service.ts';
import { listParticipants } from '../households/service.ts';
import { authorizeDocument } from '../access/authorize.ts';
import { documentJSON, loadVersion, omissionLog, type DocumentsContext } from '../documents/service.ts';
import { jsonToHTML, stateJSON } from '../documents/content.ts';
import { attendanceOf } from '../meetings/service.ts';
import { evaluationBlock } from '../board/evaluation.ts';
import { GRONDSLAG_LABELS, ROLE_LABELS, VERDICT_LABELS, formatDate, formatDateTime } from '../../shared/labels.ts';
import type { ExportMeta } from './pdf.ts';
import { exportStamp } from './pdf-frame.ts';

export async function exportDocument(ctx: DocumentsContext, actor: ActorContext, documentId: string, versionId: string | undefined, format: 'html' | 'pdf') {
  // Authorised once; the parts below read without re-authorising, and the export is audited as one read.
  const { document } = await authorizeDocument(ctx.db, actor, documentId, 'read');
  const [household] = await ctx.db
    .select({ reference: households.reference, grondslag: households.grondslag })
    .from(households)
    .where(eq(households.id, document.householdId));
  let json;
  let versionName = 'Actuele versie';
  let date = formatDate(actor.now.toISOString());
  if (versionId) {
    const v = await loadVersion(ctx.db, documentId, versionId);
    json = stateJSON(v.state, omissionLog(ctx.log, documentId, versionId));
    versionName = v.name;
    date = formatDate(v.createdAt.toISOString());
  } else {
    json = (await documentJSON(ctx.rooms, documentId, ctx.log))!;
  }
  let participants: string[];
  let participantsLabel: string;
  let evaluation: ExportMeta['evaluation'] = [];
  if (document.kind === 'meeting') {
    const attendance = await attendanceOf(ctx.db, document);
    const marked = attendance.filter((a) => a.present !== null);
    participantsLabel = marked.length ? 'Aanwezig' : 'Deelnemers (aanwezigheid niet vastgelegd)';
    participants = (marked.length ? attendance.filter((a) => a.present) : attendance).map((a) => `${a.user.name} (${a.organization.name})`);
    const absent = attendance.filter((a) => a.present === false);
    if (absent.length) participants.push(`Afwezig: ${absent.map((a) => `${a.user.name} (${a.organization.name})`).join(', ')}`);
    const block = await evaluationBlock(ctx.db, document.householdId, document, actor.now);
    evaluation = block.items.map((i) => ({
      title: i.action.title,
      verdict: i.evaluation ? VERDICT_LABELS[i.evaluation.verdict] : 'niet geëvalueerd',
      note: i.evaluation?.note ?? '',
    }));
  } else {
    participantsLabel = 'Deelnemers';
    participants = (await listParticipants(ctx.db, document.householdId)).map(
      (p) => `${p.user.name} (${p.organization.name}, ${ROLE_LABELS[p.role].toLowerCase()})`,
    );
  }
  const meta: ExportMeta = {
    reference: household!.reference,
    grondslag: household!.grondslag ? GRONDSLAG_LABELS[household!.grondslag] : 'Niet vastgelegd',
    title: document.title,
    versionName,
    date,
    meetingAt: document.meetingAt ? formatDateTime(document.meetingAt.toISOString()) : null,
    participantsLabel,
    participants,
    evaluation,
    ...exportStamp(actor),
  };
  await audit(ctx.db, {
    userId: actor.user.id,
    organizationId: actor.user.organization.id,
    householdId: document.householdId,
    ip: actor.ip,
    event: 'document.export',
    target: documentId,
    // What was exported: the document (target), which version, as what (html = the print page).
    details: { kind: document.kind, versionId: versionId ?? null, format },
  });
  return { meta, json, html: await jsonToHTML(json) };
}
