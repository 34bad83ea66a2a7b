import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appStore, resetStore } from './index.ts';
import { answer, consortium, fakeApi, settle } from '../test-support/fake-api.ts';

const page = <T>(items: T[]) => ({ items, nextCursor: null });

describe('consortia slice', () => {
  beforeEach(() => resetStore());
  afterEach(() => vi.unstubAllGlobals());

  it('forms a consortium from a proposal rank with the chosen lead, and lists it first among those I lead', async () => {
    const formed = consortium();
    const calls = fakeApi({ 'POST /api/lots/lot-1/consortia': formed });
    const result = await appStore.getState().formConsortium('lot-1', 1, 'lead');
    expect(result).toEqual({ ok: true, value: formed });
    expect(calls[0]?.body).toEqual({ fromProposal: 1, leadSmeId: 'lead' });
    expect(appStore.getState().consortia.byId.c1).toEqual(formed);
    expect(appStore.getState().consortia.leading).toEqual(['c1']);
  });

  it('names the firm and skill when a submit is refused for capacity', async () => {
    fakeApi({
      'POST /api/consortia/c1/submit': answer(409, {
        error: {
          code: 'conflict',
          message: 'Lofts Ltd has 5 loft insulation units left (Lofts Ltd, Loft insulation)',
          details: [
            {
              smeId: 'lofts',
              name: 'Lofts Ltd',
              skill: 'loft-insulation',
              reason: 'capacity',
              message: 'only 5 of 20 units left',
              required: 20,
              available: 5,
            },
          ],
        },
      }),
    });
    const result = await appStore.getState().submitConsortium('c1');
    expect(result).toEqual({
      ok: false,
      message: 'Lofts Ltd has 5 loft insulation units left (Lofts Ltd, Loft insulation)',
      problems: [{ firm: 'Lofts Ltd', skill: 'loft-insulation', message: 'only 5 of 20 units left' }],
    });
  });

  it('keeps the newer copy when answers arrive out of order', async () => {
    const newer = consortium({ status: 'submitted', updatedAt: '2027-01-02T00:00:00.000Z' });
    fakeApi({ 'GET /api/consortia/c1': consortium() });
    appStore.setState({ consortia: { ...appStore.getState().consortia, byId: { c1: newer } } });
    await appStore.getState().loadConsortium('c1');
    expect(appStore.getState().consortia.byId.c1?.status).toBe('submitted');
  });

  it('shows a member’s answer at once when the live message arrives, then refetches', async () => {
    const accepted = consortium({
      updatedAt: '2027-01-01T11:00:00.000Z',
      members: consortium().members.map((m) => ({
        ...m,
        invitation: 'accepted',
        respondedAt: '2027-01-01T11:00:00.000Z',
      })),
    });
    const calls = fakeApi({ 'GET /api/consortia/c1': accepted });
    appStore.setState({ consortia: { ...appStore.getState().consortia, byId: { c1: consortium() } } });
    appStore.getState().receiveConsortiumMessage({
      type: 'consortium',
      event: 'accepted',
      consortiumId: 'c1',
      lotId: 'lot-1',
      smeId: 'lofts',
    });
    expect(appStore.getState().consortia.byId.c1?.members[1]?.invitation).toBe('accepted');
    await settle();
    expect(calls.map((c) => c.path)).toEqual(['/api/consortia/c1']);
    expect(appStore.getState().consortia.byId.c1?.members[1]?.respondedAt).toBe('2027-01-01T11:00:00.000Z');
  });

  it('on a bid message, updates the consortium and refreshes the lists, bids and lot that show it', async () => {
    const awarded = consortium({ status: 'awarded', updatedAt: '2027-01-03T00:00:00.000Z' });
    const calls = fakeApi({
      'GET /api/consortia/c1': awarded,
      'GET /api/consortia': page([awarded]),
      'GET /api/lots/lot-1/bids': page([awarded]),
      'GET /api/lots/lot-1': { id: 'lot-1', status: 'awarded' },
    });
    const state = appStore.getState();
    appStore.setState({
      consortia: { ...state.consortia, byId: { c1: consortium({ status: 'submitted' }) }, listStatus: 'ready' },
      bids: { 'lot-1': { ids: ['c1'], status: 'ready', error: null } },
    });
    appStore.getState().receiveBidMessage({
      type: 'bid',
      consortiumId: 'c1',
      lotId: 'lot-1',
      lotTitle: 'Erdington lot',
      status: 'awarded',
    });
    expect(appStore.getState().consortia.byId.c1?.status).toBe('awarded');
    await settle();
    await settle();
    const paths = calls.map((c) => c.path.split('?')[0]);
    expect(paths).toContain('/api/consortia/c1');
    expect(paths).toContain('/api/consortia');
    expect(paths).toContain('/api/lots/lot-1/bids');
    // The lot was never loaded here, so there is nothing of it to refresh.
    expect(paths).not.toContain('/api/lots/lot-1');
    expect(appStore.getState().bids['lot-1']?.ids).toEqual(['c1']);
  });

  it('loads the consortia I lead and those I am a member of', async () => {
    const mine = consortium();
    const member = consortium({ id: 'c2', lead: 'other' });
    fakeApi({
      'GET /api/consortia': (call: { path: string }) => ({
        status: 200,
        body: page(call.path.includes('role=lead') ? [mine] : [member]),
      }),
    });
    await appStore.getState().loadMyConsortia();
    const { leading, memberOf, listStatus } = appStore.getState().consortia;
    expect({ leading, memberOf, listStatus }).toEqual({ leading: ['c1'], memberOf: ['c2'], listStatus: 'ready' });
  });
});
