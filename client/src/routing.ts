import { useSyncExternalStore } from 'react';

/**
 * Hash routes: the server needs no knowledge of them, and a reload or a shared
 * link opens the same screen.
 */
export type Route =
  | { screen: 'home' }
  | { screen: 'sign-in' }
  | { screen: 'forgot-password' }
  | { screen: 'reset-password'; token: string }
  | { screen: 'notifications' }
  | { screen: 'ranking' }
  | { screen: 'my-firms' }
  | { screen: 'firm-editor'; smeId: string | null }
  | { screen: 'opportunities'; smeId: string }
  | { screen: 'proposed-lots' }
  | { screen: 'my-lots' }
  | { screen: 'lot-editor'; lotId: string | null }
  | { screen: 'board'; lotId: string }
  | { screen: 'bids'; lotId: string }
  | { screen: 'inbox' }
  | { screen: 'my-consortia' }
  | { screen: 'consortium'; consortiumId: string }
  | { screen: 'programmes' }
  | { screen: 'programme'; programmeId: string }
  | { screen: 'not-found' };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 1 && parts[0] === 'reset')
    return { screen: 'reset-password', token: new URLSearchParams(query).get('token') ?? '' };
  if (parts.length === 1 && parts[0] === 'forgot-password') return { screen: 'forgot-password' };
  if (parts.length === 1 && parts[0] === 'notifications') return { screen: 'notifications' };
  if (parts.length === 1 && parts[0] === 'how-ranking-works') return { screen: 'ranking' };
  const [first, second, third] = parts;
  if (parts.length === 0) return { screen: 'home' };
  if (first === 'sign-in' && parts.length === 1) return { screen: 'sign-in' };
  if (first === 'firms') {
    if (parts.length === 1) return { screen: 'my-firms' };
    if (parts.length === 2 && second) return { screen: 'firm-editor', smeId: second === 'new' ? null : second };
    if (parts.length === 3 && second && third === 'near') return { screen: 'opportunities', smeId: second };
  }
  if (first === 'proposed' && parts.length === 1) return { screen: 'proposed-lots' };
  if (first === 'lots') {
    if (parts.length === 1) return { screen: 'my-lots' };
    if (parts.length === 2 && second === 'new') return { screen: 'lot-editor', lotId: null };
    if (parts.length === 2 && second) return { screen: 'board', lotId: second };
    if (parts.length === 3 && second && third === 'edit') return { screen: 'lot-editor', lotId: second };
    if (parts.length === 3 && second && third === 'bids') return { screen: 'bids', lotId: second };
  }
  if (first === 'programmes') {
    if (parts.length === 1) return { screen: 'programmes' };
    if (parts.length === 2 && second) return { screen: 'programme', programmeId: second };
  }
  if (first === 'inbox' && parts.length === 1) return { screen: 'inbox' };
  if (first === 'consortia') {
    if (parts.length === 1) return { screen: 'my-consortia' };
    if (parts.length === 2 && second) return { screen: 'consortium', consortiumId: second };
  }
  return { screen: 'not-found' };
}

export const paths = {
  home: () => '#/',
  signIn: () => '#/sign-in',
  forgotPassword: () => '#/forgot-password',
  notifications: () => '#/notifications',
  ranking: () => '#/how-ranking-works',
  myFirms: () => '#/firms',
  firm: (smeId: string | null) => `#/firms/${smeId ? encodeURIComponent(smeId) : 'new'}`,
  opportunities: (smeId: string) => `#/firms/${encodeURIComponent(smeId)}/near`,
  proposedLots: () => '#/proposed',
  myLots: () => '#/lots',
  newLot: () => '#/lots/new',
  editLot: (lotId: string) => `#/lots/${encodeURIComponent(lotId)}/edit`,
  board: (lotId: string) => `#/lots/${encodeURIComponent(lotId)}`,
  bids: (lotId: string) => `#/lots/${encodeURIComponent(lotId)}/bids`,
  programmes: () => '#/programmes',
  programme: (programmeId: string) => `#/programmes/${encodeURIComponent(programmeId)}`,
  inbox: () => '#/inbox',
  myConsortia: () => '#/consortia',
  consortium: (consortiumId: string) => `#/consortia/${encodeURIComponent(consortiumId)}`,
};

/** The server's printable social value statement: a plain page the browser's session cookie opens. */
export const statementPage = (consortiumId: string) =>
  `/api/consortia/${encodeURIComponent(consortiumId)}/social-value.html`;

export function navigate(path: string): void {
  window.location.hash = path;
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
