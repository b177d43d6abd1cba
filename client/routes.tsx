// Feature pages (documents, board, overview) register their routes here.
import type { ReactNode } from 'react';
import { DocumentPage } from './features/editor/DocumentPage.tsx';
import { BoardPage } from './features/board/BoardPage.tsx';
import { OverviewPage } from './features/overview/OverviewPage.tsx';
import { PrintPage } from './features/meeting/PrintPage.tsx';

export interface RouteDef {
  path: string;
  render: (params: Record<string, string>) => ReactNode;
}

export const routes: RouteDef[] = [
  { path: '/huishoudens/:householdId/documenten/:documentId/afdrukken', render: (p) => <PrintPage documentId={p.documentId!} /> },
  { path: '/huishoudens/:householdId/documenten/:documentId', render: (p) => <DocumentPage key={p.documentId} householdId={p.householdId!} documentId={p.documentId!} /> },
  { path: '/huishoudens/:householdId/acties', render: (p) => <BoardPage key={p.householdId} householdId={p.householdId!} /> },
  { path: '/overzicht', render: () => <OverviewPage /> },
];
