// Routes and the login gate.
import { useEffect } from 'react';
import { useAuth } from './lib/auth.tsx';
import { matchPath, navigate, useLocation } from './lib/router.tsx';
import { Layout } from './components/Layout.tsx';
import { ErrorMessage, Loading } from './components/ui.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { HouseholdsPage } from './pages/HouseholdsPage.tsx';
import { HouseholdPage } from './pages/HouseholdPage.tsx';
import { AdminPage } from './pages/AdminPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { routes } from './routes.tsx';

export function App() {
  const { me, loading, error } = useAuth();
  const { pathname } = useLocation();

  useEffect(() => {
    if (!loading && !me && !error && pathname !== '/inloggen') navigate('/inloggen?terug=' + encodeURIComponent(pathname), { replace: true });
  }, [loading, me, error, pathname]);

  useEffect(() => {
    // Move focus to the new page's main landmark so screen readers announce navigation.
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);

  if (loading) return <Layout><Loading /></Layout>;
  if (error) return <Layout><ErrorMessage error={error} retry={() => location.reload()} /></Layout>;
  if (!me || pathname === '/inloggen') return <Layout><LoginPage /></Layout>;

  return <Layout>{renderRoute(pathname)}</Layout>;
}

function renderRoute(pathname: string) {
  if (pathname === '/') return <HouseholdsPage />;
  if (pathname === '/beheer') return <AdminPage />;
  for (const r of routes) {
    const params = matchPath(r.path, pathname);
    if (params) return r.render(params);
  }
  const household = matchPath('/huishoudens/:id', pathname);
  if (household) return <HouseholdPage id={household.id!} />;
  return <NotFoundPage />;
}
