import { useState } from 'react';
import { useApp } from './store/index.ts';
import { paths, useHash } from './routing.ts';
import { Button } from './ui/Button.tsx';
import { pendingInvitationCount } from './store/inbox.ts';

const NAV = {
  sme: [
    { href: paths.myFirms(), label: 'My firms' },
    { href: paths.proposedLots(), label: 'Lots I am proposed for' },
    { href: paths.myConsortia(), label: 'My consortia' },
    { href: paths.inbox(), label: 'Inbox' },
  ],
  provider: [
    { href: paths.myLots(), label: 'My lots' },
    { href: paths.newLot(), label: 'Post a lot' },
    { href: paths.programmes(), label: 'Programmes' },
  ],
} as const;

export function AppHeader() {
  const hash = useHash();
  const { user, signOut, pending } = useApp((state) => ({
    user: state.session.user,
    signOut: state.signOut,
    pending: pendingInvitationCount(state),
  }));
  // On a phone the menu folds behind one button; following a link folds it again.
  // The menu remembers the page it was opened on, so it is shown folded on any other page.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === hash;
  const setMenuOpen = (open: boolean) => setMenuOpenOn(open ? hash : null);
  return (
    <header className={menuOpen ? 'app-header app-header--open' : 'app-header'}>
      <a className="app-header__brand" href={paths.home()}>
        Lepa
      </a>
      {user ? (
        <>
          <button
            type="button"
            className="app-header__menu-button"
            aria-expanded={menuOpen}
            aria-controls="app-menu"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            Menu
            {pending > 0 ? (
              <span className="nav-badge">
                {pending}
                <span className="visually-hidden"> pending</span>
              </span>
            ) : null}
          </button>
          <div className="app-header__menu" id="app-menu">
            <nav className="app-header__nav" aria-label="Main">
              {NAV[user.role].map((item) => (
                <a key={item.href} href={item.href} aria-current={hash === item.href ? 'page' : undefined}>
                  {item.label}
                  {item.href === paths.inbox() && pending > 0 ? (
                    <span className="nav-badge">
                      {pending}
                      <span className="visually-hidden"> pending</span>
                    </span>
                  ) : null}
                </a>
              ))}
            </nav>
            <div className="app-header__account">
              <span className="app-header__user">
                {user.name} · {user.role === 'sme' ? 'SME' : 'Housing provider'}
              </span>
              <a href={paths.notifications()}>Mail settings</a>
              <Button variant="quiet" onClick={() => void signOut()}>
                Sign out
              </Button>
            </div>
          </div>
        </>
      ) : null}
    </header>
  );
}
