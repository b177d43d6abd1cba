// Feature hooks into the document page (action chips from the board, the casusoverleg flow). Kept in one
// place so the editor itself does not import every feature.
import { useEffect, type ReactNode } from 'react';
import type { DocumentContext, DocumentPlugins, OnHouseholdEvent } from './document-context.ts';
import { useDocumentActions } from '../board/document-actions.tsx';
import { AttendancePanel } from '../meeting/AttendancePanel.tsx';
import { EvaluationPanel } from '../meeting/EvaluationPanel.tsx';
import { EstablishPanel } from '../meeting/EstablishPanel.tsx';
import { useHouseholdRights } from '../../lib/policy.ts';

export function useDocumentPlugins(ctx: DocumentContext): DocumentPlugins & { wrap: (children: ReactNode) => ReactNode; onEvent: OnHouseholdEvent } {
  const actions = useDocumentActions(ctx);
  const { document: doc } = ctx;
  const may = useHouseholdRights(ctx.household);
  const isRegie = may('direct');
  const writer = may('write');
  const meeting = doc.kind === 'meeting';
  const { onEvent } = actions;
  const { reload } = ctx;
  // Vaststellen or heropenen by the regievoerder switches every open screen at once.
  useEffect(
    () =>
      onEvent((e) => {
        if (e.type === 'document.updated' && (e.payload as { document: { id: string } }).document.id === doc.id) reload();
      }),
    [onEvent, reload, doc.id],
  );
  return {
    ...actions,
    before: meeting ? (
      <>
        <AttendancePanel documentId={doc.id} canEdit={isRegie && !doc.lockedAt} onEvent={actions.onEvent} />
        <EvaluationPanel householdId={doc.householdId} documentId={doc.id} canEdit={writer && !doc.lockedAt} onEvent={actions.onEvent} />
      </>
    ) : undefined,
    side: (
      <>
        {actions.side}
        <EstablishPanel ctx={ctx} onChanged={ctx.reload} />
      </>
    ),
  };
}
