import { useEffect, type MouseEvent } from 'react';
import { useApp } from './store/index.ts';
import { parseRoute, paths, useHash, type Route } from './routing.ts';
import { AppHeader } from './AppHeader.tsx';
import { Loading, Notice } from './ui/feedback.tsx';
import { Page } from './ui/layout.tsx';
import { SignInScreen } from './screens/sign-in/SignInScreen.tsx';
import { MyFirmsScreen } from './screens/sme-profile/MyFirmsScreen.tsx';
import { OpportunitiesScreen } from './screens/opportunities/OpportunitiesScreen.tsx';
import { SmeProfileScreen } from './screens/sme-profile/SmeProfileScreen.tsx';
import { ProposedLotsScreen } from './screens/proposed-lots/ProposedLotsScreen.tsx';
import { MyLotsScreen } from './screens/my-lots/MyLotsScreen.tsx';
import { LotEditorScreen } from './screens/lot-editor/LotEditorScreen.tsx';
import { BoardScreen } from './screens/board/BoardScreen.tsx';
import { ConsortiumScreen } from './screens/consortium/ConsortiumScreen.tsx';
import { InboxScreen } from './screens/inbox/InboxScreen.tsx';
import { MyConsortiaScreen } from './screens/my-consortia/MyConsortiaScreen.tsx';
import { BidsScreen } from './screens/bids/BidsScreen.tsx';
import { ProgrammesScreen } from './screens/programme/ProgrammesScreen.tsx';
import { ProgrammeScreen } from './screens/programme/ProgrammeScreen.tsx';
import { usePersonalMessages } from './live/use-personal-messages.ts';
import type { Role } from '@lepa/shared';
import { ForgotPasswordScreen } from './screens/account/ForgotPasswordScreen.tsx';
import { ResetPasswordScreen } from './screens/account/ResetPasswordScreen.tsx';
import { NotificationsScreen } from './screens/account/NotificationsScreen.tsx';
import { RankingScreen } from './screens/ranking/RankingScreen.tsx';

/** Screens only one role can use; the board is open to every signed-in user. */
const ROLE_OF: Partial<Record<Route['screen'], Role>> = {
  'my-firms': 'sme',
  'firm-editor': 'sme',
  'proposed-lots': 'sme',
  inbox: 'sme',
  'my-consortia': 'sme',
  'my-lots': 'provider',
  'lot-editor': 'provider',
  bids: 'provider',
  programmes: 'provider',
  programme: 'provider',
};

const homeOf = (role: Role) => (role === 'sme' ? paths.myFirms() : paths.myLots());

export function App() {
  const route = parseRoute(useHash());
  const { status, role } = useApp((state) => ({ status: state.session.status, role: state.session.user?.role }));
  usePersonalMessages();

  // "Home" and the sign-in page mean "where this account starts" once signed in.
  const redirect =
    status === 'signed-in' && role && (route.screen === 'home' || route.screen === 'sign-in') ? homeOf(role) : null;
  useEffect(() => {
    if (redirect) window.location.replace(redirect);
  }, [redirect]);

  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <AppHeader />
      {status === 'unknown' || redirect ? (
        <main className="page" id="main">
          <Loading what="Lepa" />
        </main>
      ) : route.screen === 'reset-password' ? (
        <ResetPasswordScreen token={route.token} />
      ) : route.screen === 'ranking' ? (
        <RankingScreen />
      ) : status === 'signed-out' ? (
        route.screen === 'forgot-password' ? (
          <ForgotPasswordScreen />
        ) : (
          <SignInScreen />
        )
      ) : (
        <Screen route={route} role={role ?? 'sme'} />
      )}
    </>
  );
}

/** The hash is the router, so the skip link moves focus itself instead of changing the hash. */
function skipToMain(event: MouseEvent) {
  event.preventDefault();
  document.querySelector<HTMLElement>('#main h1')?.focus();
}

function Screen({ route, role }: { route: Route; role: Role }) {
  const needed = ROLE_OF[route.screen];
  if (needed && needed !== role) {
    return (
      <Page title="Not available for this account">
        <Notice>
          This screen is for {needed === 'sme' ? 'SME' : 'housing provider'} accounts.{' '}
          <a href={homeOf(role)}>Go to your start page</a>.
        </Notice>
      </Page>
    );
  }
  switch (route.screen) {
    case 'my-firms':
      return <MyFirmsScreen />;
    case 'opportunities':
      return <OpportunitiesScreen key={route.smeId} smeId={route.smeId} />;
    case 'firm-editor':
      return <SmeProfileScreen key={route.smeId ?? 'new'} smeId={route.smeId} />;
    case 'proposed-lots':
      return <ProposedLotsScreen />;
    case 'my-lots':
      return <MyLotsScreen />;
    case 'lot-editor':
      return <LotEditorScreen key={route.lotId ?? 'new'} lotId={route.lotId} />;
    case 'board':
      return <BoardScreen key={route.lotId} lotId={route.lotId} />;
    case 'bids':
      return <BidsScreen key={route.lotId} lotId={route.lotId} />;
    case 'programmes':
      return <ProgrammesScreen />;
    case 'programme':
      return <ProgrammeScreen key={route.programmeId} programmeId={route.programmeId} />;
    case 'inbox':
      return <InboxScreen />;
    case 'my-consortia':
      return <MyConsortiaScreen />;
    case 'notifications':
      return <NotificationsScreen />;
    case 'forgot-password':
      return <ForgotPasswordScreen />;
    case 'consortium':
      return <ConsortiumScreen key={route.consortiumId} consortiumId={route.consortiumId} />;
    default:
      return (
        <Page title="Page not found">
          <Notice>
            There is nothing at this address. <a href={homeOf(role)}>Go to your start page</a>.
          </Notice>
        </Page>
      );
  }
}
