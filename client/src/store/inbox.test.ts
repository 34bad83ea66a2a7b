import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appStore, resetStore } from './index.ts';
import { pendingInvitationCount } from './inbox.ts';
import { consortium, fakeApi, invitation, settle } from '../test-support/fake-api.ts';

const page = <T>(items: T[]) => ({ items, nextCursor: null });

describe('inbox slice', () => {
  beforeEach(() => resetStore());
  afterEach(() => vi.unstubAllGlobals());

  it('counts only the invitations still waiting for an answer on a forming consortium', () => {
    appStore.setState({
      inbox: {
        status: 'ready',
        error: null,
        items: [
          invitation(),
          invitation({ consortiumId: 'c2' }),
          invitation({ consortiumId: 'c3', invitation: 'accepted' }),
          invitation({ consortiumId: 'c4', consortiumStatus: 'withdrawn' }),
        ],
      },
    });
    expect(pendingInvitationCount(appStore.getState())).toBe(2);
  });

  it('answers for the invited firm by id and records the answer', async () => {
    const answered = consortium({
      members: consortium().members.map((m) => ({
        ...m,
        invitation: 'accepted',
        respondedAt: '2027-01-01T12:00:00.000Z',
      })),
    });
    const calls = fakeApi({ 'POST /api/consortia/c1/invitations/accept': answered });
    appStore.setState({ inbox: { status: 'ready', error: null, items: [invitation()] } });
    expect(await appStore.getState().answerInvitation(invitation(), 'accept')).toBeNull();
    expect(calls[0]?.body).toEqual({ smeId: 'lofts' });
    expect(appStore.getState().inbox.items[0]).toMatchObject({
      invitation: 'accepted',
      respondedAt: '2027-01-01T12:00:00.000Z',
    });
    expect(pendingInvitationCount(appStore.getState())).toBe(0);
    expect(appStore.getState().consortia.byId.c1).toEqual(answered);
  });

  it('answers the server’s message when an answer is refused, and keeps the invitation pending', async () => {
    fakeApi({});
    appStore.setState({ inbox: { status: 'ready', error: null, items: [invitation()] } });
    expect(await appStore.getState().answerInvitation(invitation(), 'decline')).toMatch(/not faked/);
    expect(appStore.getState().inbox.items[0]?.invitation).toBe('pending');
  });

  it('drops a withdrawn invitation at once and refetches the inbox on live messages', async () => {
    const fresh = invitation({ consortiumId: 'c2', lotTitle: 'New lot' });
    const calls = fakeApi({ 'GET /api/invitations': page([fresh]) });
    appStore.setState({ inbox: { status: 'ready', error: null, items: [invitation()] } });
    appStore.getState().receiveInvitationMessage({
      type: 'invitation',
      consortiumId: 'c1',
      lotId: 'lot-1',
      smeId: 'lofts',
      invitation: 'withdrawn',
    });
    expect(appStore.getState().inbox.items).toEqual([]);
    await settle();
    expect(calls.map((c) => c.path.split('?')[0])).toEqual(['/api/invitations']);
    expect(appStore.getState().inbox.items).toEqual([fresh]);
    expect(pendingInvitationCount(appStore.getState())).toBe(1);
  });
});
