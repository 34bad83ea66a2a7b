import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Lot, ProposalsAnswer, Sme, User } from '@lepa/shared';
import { appStore, resetStore } from '../store/index.ts';
import { createLiveSocket, type SocketLike } from './socket.ts';
import { consortium, fakeApi, invitation } from '../test-support/fake-api.ts';

/** A websocket the test opens, feeds and closes by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const LOT_A = '00000000-0000-4000-8000-00000000000a';
const LOT_B = '00000000-0000-4000-8000-00000000000b';
const user = (id: string): User => ({
  id,
  email: `${id}@example.test`,
  name: id,
  role: 'provider',
  createdAt: '2027-01-01T00:00:00.000Z',
});
const snapshot = (lotId: string, version: number): ProposalsAnswer => ({
  lotId,
  version,
  status: 'optimal',
  feasible: false,
  proposals: [],
  unmet: [],
});

describe('live socket', () => {
  let sockets: FakeSocket[];
  const latest = () => sockets[sockets.length - 1]!;
  const live = () =>
    createLiveSocket({
      store: appStore,
      url: () => 'ws://lepa.test/ws',
      open: () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        return socket;
      },
      initialDelayMs: 100,
      maxDelayMs: 1_000,
      // No jitter: the backoff delays become exact.
      random: () => 1,
    });

  beforeEach(() => {
    resetStore();
    sockets = [];
    vi.useFakeTimers();
    appStore.setState({ session: { status: 'signed-in', user: user('u1'), token: 'token-1' } });
    // Messages that make the store refetch must not reach a real network.
    fakeApi({});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('authenticates with the in-memory token, then subscribes', () => {
    live().watch(LOT_A);
    expect(appStore.getState().connection.status).toBe('connecting');
    latest().open();
    expect(latest().sent).toEqual([
      { type: 'auth', token: 'token-1' },
      { type: 'subscribe', lotId: LOT_A },
    ]);
    expect(appStore.getState().connection.status).toBe('live');
  });

  it('writes snapshots into the store and ignores older versions', () => {
    live().watch(LOT_A);
    latest().open();
    latest().receive({ type: 'proposals', ...snapshot(LOT_A, 5) });
    latest().receive({ type: 'proposals', ...snapshot(LOT_A, 4) });
    expect(appStore.getState().boards[LOT_A]?.snapshot?.version).toBe(5);
    latest().receive({ type: 'error', lotId: LOT_A, code: 'not_found', message: 'Lot not found' });
    expect(appStore.getState().boards[LOT_A]?.error).toBe('Lot not found');
  });

  it('reconnects with exponential backoff and resubscribes to every watched lot', () => {
    const socket = live();
    socket.watch(LOT_A);
    const stopWatchingB = socket.watch(LOT_B);
    latest().open();
    stopWatchingB();
    socket.watch(LOT_B);

    latest().drop();
    expect(appStore.getState().connection.status).toBe('reconnecting');
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);

    latest().drop();
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);

    latest().open();
    expect(latest().sent).toEqual([
      { type: 'auth', token: 'token-1' },
      { type: 'subscribe', lotId: LOT_A },
      { type: 'subscribe', lotId: LOT_B },
    ]);
    expect(appStore.getState().connection.status).toBe('live');
  });

  it('unsubscribes when the last screen stops watching, and does not resubscribe after a reconnect', () => {
    const socket = live();
    socket.watch(LOT_A);
    const stop = socket.watch(LOT_B);
    latest().open();
    stop();
    expect(latest().sent).toContainEqual({ type: 'unsubscribe', lotId: LOT_B });
    latest().drop();
    vi.advanceTimersByTime(100);
    latest().open();
    expect(latest().sent).not.toContainEqual({ type: 'subscribe', lotId: LOT_B });
  });

  it('goes offline without retrying when the server refuses the session', () => {
    live().watch(LOT_A);
    latest().open();
    latest().drop(4401);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(appStore.getState().connection.status).toBe('offline');
  });

  it('drops the connection and its subscriptions when another account signs in', () => {
    live().watch(LOT_A);
    latest().open();
    appStore.setState({ session: { status: 'signed-in', user: user('u2'), token: 'token-2' } });
    expect(latest().readyState).toBe(3);
    expect(appStore.getState().connection.status).toBe('idle');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('stays connected for personal messages while someone listens, and reconnects for them', () => {
    const socket = live();
    const release = socket.listen();
    latest().open();
    expect(latest().sent).toEqual([{ type: 'auth', token: 'token-1' }]);
    latest().drop();
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    release();
    release();
    latest().open();
    latest().drop();
    expect(appStore.getState().connection.status).toBe('idle');
  });

  it('hands invitations, members’ answers and bid changes to the store', () => {
    appStore.setState({
      inbox: { status: 'ready', error: null, items: [invitation()] },
      consortia: { ...appStore.getState().consortia, byId: { c1: consortium() } },
    });
    live().listen();
    latest().open();
    latest().receive({ type: 'consortium', event: 'declined', consortiumId: 'c1', lotId: 'lot-1', smeId: 'lofts' });
    expect(appStore.getState().consortia.byId.c1?.members[1]?.invitation).toBe('declined');
    latest().receive({
      type: 'bid',
      consortiumId: 'c1',
      lotId: 'lot-1',
      lotTitle: 'Erdington lot',
      status: 'withdrawn',
    });
    expect(appStore.getState().consortia.byId.c1?.status).toBe('withdrawn');
    latest().receive({
      type: 'invitation',
      consortiumId: 'c1',
      lotId: 'lot-1',
      smeId: 'lofts',
      invitation: 'withdrawn',
    });
    expect(appStore.getState().inbox.items).toEqual([]);
  });

  it('takes lots newly in reach into the loaded lists, one reload for a burst', async () => {
    const firm = { id: 'lofts', location: { lat: 52.5, lon: -1.89 }, serviceRadiusKm: 30 } as Sme;
    const near = { id: LOT_A, title: 'Near', status: 'open', startDate: '2027-03-01', location: firm.location } as Lot;
    const calls = fakeApi({
      'GET /api/smes/lofts/opportunities': { smeId: 'lofts', items: [], nextCursor: null },
      [`GET /api/lots/${LOT_A}`]: near,
      [`GET /api/lots/${LOT_A}/proposals`]: snapshot(LOT_A, 1),
    });
    appStore.setState({
      smes: { ...appStore.getState().smes, mine: [firm] },
      opportunities: { lofts: { items: [], status: 'ready', error: null } },
      proposed: { lots: [], status: 'ready', error: null },
    });
    live().listen();
    latest().open();
    for (const lotId of [LOT_A, LOT_B]) {
      // The other firm's list was never opened: nothing to reload there.
      latest().receive({
        type: 'lot-in-reach',
        event: 'posted',
        lotId,
        lotTitle: lotId,
        smeIds: ['lofts', 'other'],
        firmsInReach: 2,
      });
    }
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls.filter((call) => call.path.endsWith('/opportunities')).map((call) => call.path)).toEqual([
      '/api/smes/lofts/opportunities',
    ]);
    // Lot B could not be loaded (the fake answers 404, as for a lot deleted meanwhile) and is left out.
    expect(appStore.getState().proposed.lots).toEqual([near]);
    expect(appStore.getState().boards[LOT_A]?.snapshot?.version).toBe(1);
  });

  it('reloads every loaded list when the message names only some of the firms concerned', async () => {
    const calls = fakeApi({
      'GET /api/smes/lofts/opportunities': { smeId: 'lofts', items: [], nextCursor: null },
      'GET /api/smes/walls/opportunities': { smeId: 'walls', items: [], nextCursor: null },
    });
    appStore.setState({
      opportunities: {
        lofts: { items: [], status: 'ready', error: null },
        walls: { items: [], status: 'ready', error: null },
      },
    });
    live().listen();
    latest().open();
    // 'walls' is one of the 51 firms in reach but not among the 50 listed.
    latest().receive({
      type: 'lot-in-reach',
      event: 'posted',
      lotId: LOT_A,
      lotTitle: 'Big owner',
      smeIds: ['lofts'],
      firmsInReach: 51,
    });
    await vi.advanceTimersByTimeAsync(1_000);
    const reloads = () => calls.filter((call) => call.path.endsWith('/opportunities')).map((call) => call.path);
    expect(reloads().sort()).toEqual(['/api/smes/lofts/opportunities', '/api/smes/walls/opportunities']);
    // A changed lot may have left 'walls' while still reaching 'lofts'; one that left both names them as before.
    for (const event of ['changed', 'out-of-reach'] as const) {
      calls.length = 0;
      latest().receive({
        type: 'lot-in-reach',
        event,
        lotId: LOT_A,
        lotTitle: 'Moved',
        smeIds: ['lofts'],
        firmsInReach: 1,
      });
      await vi.advanceTimersByTimeAsync(1_000);
      expect(reloads().sort()).toEqual(['/api/smes/lofts/opportunities', '/api/smes/walls/opportunities']);
    }
    // Out of reach: the lot is not taken into the proposed lots.
    expect(calls.some((call) => call.path === `/api/lots/${LOT_A}`)).toBe(false);
  });
});
