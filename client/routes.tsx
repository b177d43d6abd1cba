// Feature pages register their routes here; each is loaded on first use, so the login page and
// "Mijn casussen" do not wait for the editor (Tiptap, Yjs) or the board.
import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from './components/ui.tsx';

const DocumentPage = lazy(() => import('./features/editor/DocumentPage.tsx').then((m) => ({ default: m.DocumentPage })));
const BoardPage = lazy(() => import('./features/board/BoardPage.tsx').then((m) => ({ default: m.BoardPage })));
const OverviewPage = lazy(() => import('./features/overview/OverviewPage.tsx').then((m) => ({ default: m.OverviewPage })));
const AuditPage = lazy(() => import('./pages/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const AccountPage = lazy(() => import('./pages/account/AccountPage.tsx').then((m) => ({ default: m.AccountPage })));
const CasusoverleggenPage = lazy(() => import('./features/casusoverleg/CasusoverleggenPage.tsx').then((m) => ({ default: m.CasusoverleggenPage })));
const CasusoverlegPage = lazy(() => import('./features/casusoverleg/CasusoverlegPage.tsx').then((m) => ({ default: m.CasusoverlegPage })));
const MeetingModePage = lazy(() => import('./features/casusoverleg/MeetingModePage.tsx').then((m) => ({ default: m.MeetingModePage })));
const MeetingOverviewPage = lazy(() => import('./features/casusoverleg/MeetingOverviewPage.tsx').then((m) => ({ default: m.MeetingOverviewPage })));
const MyActionsPage = lazy(() => import('./features/my-actions/MyActionsPage.tsx').then((m) => ({ default: m.MyActionsPage })));
const NotificationsPage = lazy(() => import('./features/notifications/NotificationsPage.tsx').then((m) => ({ default: m.NotificationsPage })));
const PrintPage = lazy(() => import('./features/meeting/PrintPage.tsx').then((m) => ({ default: m.PrintPage })));

export interface RouteDef {
  path: string;
  render: (params: Record<string, string>) => ReactNode;
}

const page = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

export const routes: RouteDef[] = [
  { path: '/huishoudens/:householdId/documenten/:documentId/afdrukken', render: (p) => page(<PrintPage documentId={p.documentId!} />) },
  {
    path: '/huishoudens/:householdId/documenten/:documentId',
    render: (p) => page(<DocumentPage key={p.documentId} householdId={p.householdId!} documentId={p.documentId!} />),
  },
  { path: '/huishoudens/:householdId/acties', render: (p) => page(<BoardPage key={p.householdId} householdId={p.householdId!} />) },
  { path: '/overzicht', render: () => page(<OverviewPage />) },
  { path: '/mijn-acties', render: () => page(<MyActionsPage />) },
  { path: '/meldingen', render: () => page(<NotificationsPage />) },
  { path: '/mijn-account', render: () => page(<AccountPage />) },
  { path: '/casusoverleggen', render: () => page(<CasusoverleggenPage />) },
  { path: '/casusoverleggen/:casusoverlegId', render: (p) => page(<CasusoverlegPage key={p.casusoverlegId} id={p.casusoverlegId!} />) },
  { path: '/casusoverleggen/:casusoverlegId/vergadering', render: (p) => page(<MeetingModePage key={p.casusoverlegId} id={p.casusoverlegId!} />) },
  { path: '/casusoverleggen/:casusoverlegId/overzicht', render: (p) => page(<MeetingOverviewPage key={p.casusoverlegId} id={p.casusoverlegId!} />) },
  { path: '/huishoudens/:householdId/logboek', render: (p) => page(<AuditPage householdId={p.householdId!} />) },
];
