// Feature hooks into the document page (action chips from the board, meeting flow). Kept in one place so
// the editor does not import every feature.
import type { DocumentContext, DocumentPlugins } from './DocumentPage.tsx';

export function documentPlugins(_ctx: DocumentContext): DocumentPlugins {
  return { extensions: [] };
}
