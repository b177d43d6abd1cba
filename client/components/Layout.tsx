// Page chrome: skip link, header with navigation and user, main landmark, footer.
import type { ReactNode } from 'react';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { useAuth } from '../lib/auth.tsx';
import { Button } from './ui.tsx';
import { useUnread } from '../features/notifications/unread.tsx';

export function Layout({ children }: { children: ReactNode }) {
  const { me, logout } = useAuth();
  const { pathname } = useLocation();
  const { unread } = useUnread();
  const nav: { href: string; label: string; active: boolean; count?: number | null }[] = me
    ? [
        { href: '/', label: 'Mijn casussen', active: pathname === '/' || pathname.startsWith('/huishoudens') },
        { href: '/mijn-acties', label: 'Mijn acties', active: pathname === '/mijn-acties' },
        { href: '/casusoverleggen', label: 'Casusoverleggen', active: pathname.startsWith('/casusoverleggen') },
        { href: '/overzicht', label: 'Overzicht regie', active: pathname.startsWith('/overzicht') },
        { href: '/meldingen', label: 'Meldingen', active: pathname === '/meldingen', count: unread },
        ...(me.admin ? [{ href: '/beheer', label: 'Beheer', active: pathname.startsWith('/beheer') }] : []),
        { href: '/mijn-account', label: 'Mijn account', active: pathname === '/mijn-account' },
      ]
    : [];
  return (
    <div className="utrecht-page ct-page">
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
        Naar de inhoud
      </a>
      <header className="utrecht-page-header ct-header">
        <div className="ct-header__inner">
          <Link href="/" className="ct-brand" aria-label="Casustafel, naar Mijn casussen">
            <span className="ct-brand__mark" aria-hidden="true" />
            Casustafel
          </Link>
          {me && (
            <nav aria-label="Hoofdmenu" className="ct-nav">
              <ul className="ct-nav__list">
                {nav.map((n) => (
                  <li key={n.href}>
                    <Link href={n.href} className="ct-nav__link" aria-current={n.active ? 'page' : undefined}>
                      {n.label}
                      {!!n.count && (
                        <span className="ct-nav__count" data-testid="unread-count">
                          <span aria-hidden="true">{n.count}</span>
                          <span className="ct-visually-hidden">, {n.count === 1 ? '1 ongelezen' : `${n.count} ongelezen`}</span>
                        </span>
                      )}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {me && (
            <div className="ct-user">
              <span className="ct-user__name">
                {me.name}
                <span className="ct-user__org">{me.organization.name}</span>
              </span>
              <Button
                kind="subtle"
                onClick={async () => {
                  await logout();
                  navigate('/inloggen');
                }}
              >
                Uitloggen
              </Button>
            </div>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="utrecht-page-content ct-main">
        {children}
      </main>
      <footer className="utrecht-page-footer ct-footer">
        <p>Casustafel · vertrouwelijk: bijzondere persoonsgegevens. Ieder gebruik wordt vastgelegd.</p>
      </footer>
    </div>
  );
}
