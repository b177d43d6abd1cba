// Feature hooks into the document page (action chips from the board, meeting flow). Kept in one place so
// the editor itself does not import every feature.
import type { ReactNode } from 'react';
import type { DocumentContext, DocumentPlugins } from './DocumentPage.tsx';
import { useDocumentActions } from '../board/document-actions.tsx';

export function useDocumentPlugins(ctx: DocumentContext): DocumentPlugins & { wrap: (children: ReactNode) => ReactNode } {
  return useDocumentActions(ctx);
}
