// Routes and the login gate.
import { useEffect } from 'react';
import { useAuth } from './lib/auth.tsx';
import { matchPath, navigate, useLocation } from './lib/router.tsx';
import { Layout } from './components/Layout.tsx';
import { Loading } from './components/ui.tsx';
import { ErrorMessage } from './components/ErrorMessage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { HouseholdsPage } from './pages/HouseholdsPage.tsx';
import { HouseholdPage } from './pages/HouseholdPage.tsx';
import { AdminPage } from './pages/AdminPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { routes } from './routes.tsx';
import { AccountNotice } from './features/identity/AccountNotice.tsx';
import { CaseGate } from './components/CaseGate.tsx';
import { sweepOfflineCopies } from './lib/offline-copies.ts';

export function App() {
  const { me, loading, error } = useAuth();
  const { pathname } = useLocation();

  useEffect(() => {
    if (!loading && !me && !error && pathname !== '/inloggen') navigate('/inloggen?terug=' + encodeURIComponent(pathname), { replace: true });
  }, [loading, me, error, pathname]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per signed-in user; the id is the trigger, not the object.
  useEffect(() => {
    // Offline copies of documents this user may no longer read are dropped once per sign-in.
    if (me) void sweepOfflineCopies().catch(() => undefined);
  }, [me?.id]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation; the pathname is the trigger, not an input.
  useEffect(() => {
    // Move focus to the new page's main landmark so screen readers announce navigation.
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);

  if (loading)
    return (
      <Layout>
        <Loading />
      </Layout>
    );
  if (error)
    return (
      <Layout>
        <ErrorMessage error={error} retry={() => location.reload()} />
      </Layout>
    );
  if (!me || pathname === '/inloggen')
    return (
      <Layout>
        <LoginPage />
      </Layout>
    );

  return (
    <Layout>
      <AccountNotice />
      {renderRoute(pathname)}
    </Layout>
  );
}

function renderRoute(pathname: string) {
  if (pathname === '/') return <HouseholdsPage />;
  if (pathname === '/beheer') return <AdminPage />;
  for (const r of routes) {
    const params = matchPath(r.path, pathname);
    if (params) return params.householdId ? <CaseGate householdId={params.householdId}>{r.render(params)}</CaseGate> : r.render(params);
  }
  const household = matchPath('/huishoudens/:id', pathname);
  if (household)
    return (
      <CaseGate householdId={household.id!}>
        <HouseholdPage id={household.id!} />
      </CaseGate>
    );
  return <NotFoundPage />;
}
