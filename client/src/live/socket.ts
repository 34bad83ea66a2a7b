import type { StoreApi } from 'zustand/vanilla';
import { ServerMessage, WS_CLOSE_UNAUTHORIZED, type ClientMessage } from '@lepa/shared';
import { appStore, type AppState } from '../store/index.ts';

/** The part of the browser's WebSocket this client uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface LiveSocketOptions {
  store: StoreApi<AppState>;
  url: () => string;
  open: (url: string) => SocketLike;
  /** first retry delay; each failure doubles it up to maxDelayMs */
  initialDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

const OPEN = 1;

/** Frames whose `type` is one of the server's messages (shared ServerMessage); anything else is ignored. */
function parse(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const message: unknown = JSON.parse(data);
    return isServerMessage(message) ? message : null;
  } catch {
    return null;
  }
}

const SERVER_MESSAGE_TYPES: ReadonlySet<unknown> = new Set(
  ServerMessage.anyOf.map((schema) => schema.properties.type.const),
);

/** The server sends only ServerMessage (its hub is typed by the same union); the type field tells which. */
function isServerMessage(value: unknown): value is ServerMessage {
  return typeof value === 'object' && value !== null && 'type' in value && SERVER_MESSAGE_TYPES.has(value.type);
}

/**
 * The live connection, outside React: it writes what arrives into the store,
 * reconnects with exponential backoff and, once reconnected, subscribes again
 * to every lot a screen is watching (the server answers each with a fresh
 * snapshot, so nothing sent while we were away is missed).
 */
export function createLiveSocket(options: LiveSocketOptions) {
  const { store, initialDelayMs = 500, maxDelayMs = 30_000, random = Math.random } = options;
  /** lot id → how many screens watch it */
  const watched = new Map<string, number>();
  /** how many parts of the app want this account's personal messages (invitations, bids) */
  let listeners = 0;
  const wanted = () => watched.size > 0 || listeners > 0;
  let socket: SocketLike | null = null;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const setStatus = (status: AppState['connection']['status'], retryAt: number | null = null) =>
    store.getState().setConnection(status, retryAt);

  function send(message: ClientMessage) {
    if (socket?.readyState === OPEN) socket.send(JSON.stringify(message));
  }

  function handle(message: ServerMessage) {
    const state = store.getState();
    switch (message.type) {
      case 'proposals': {
        const { type: _type, ...snapshot } = message;
        state.receiveSnapshot(snapshot);
        return;
      }
      case 'error':
        if (!message.lotId) return;
        state.boardFailed(message.lotId, message.message || 'The live board could not load this lot');
        // A lot that was just awarded or closed answers with an error: its own status says why.
        void state.loadLot(message.lotId);
        return;
      case 'invitation':
        return state.receiveInvitationMessage(message);
      case 'consortium':
        return state.receiveConsortiumMessage(message);
      case 'bid':
        return state.receiveBidMessage(message);
      case 'lot-in-reach': {
        // Both lists take the lot in a burst at a time: many lots posted at once cost one reload. A new
        // lot concerns only the firms named, unless the list was cut (an owner of very many firms); a
        // changed lot may also have left other firms of mine, so every list loaded reloads.
        const named = message.event === 'posted' && message.firmsInReach === message.smeIds.length;
        state.refreshOpportunitiesSoon(named ? message.smeIds : Object.keys(state.opportunities));
        if (message.event !== 'out-of-reach') state.addProposedLotSoon(message.lotId);
        return;
      }
      case 'authenticated':
        // `authenticated` needs no action.
        return;
    }
  }

  function connect() {
    retryTimer = null;
    setStatus(failures === 0 ? 'connecting' : 'reconnecting');
    const current = options.open(options.url());
    socket = current;
    current.onopen = () => {
      failures = 0;
      const token = store.getState().session.token;
      if (token) send({ type: 'auth', token });
      for (const lotId of watched.keys()) send({ type: 'subscribe', lotId });
      setStatus('live');
    };
    current.onmessage = (event) => {
      const message = parse(event.data);
      if (message) handle(message);
    };
    // Every failure ends in close, which is where recovery happens.
    current.onerror = () => undefined;
    current.onclose = (event) => {
      if (socket !== current) return; // closed on purpose by stop()
      socket = null;
      // The server refused the session; retrying would only be refused again.
      if (event.code === WS_CLOSE_UNAUTHORIZED) return setStatus('offline');
      if (!wanted()) return setStatus('idle');
      scheduleRetry();
    };
  }

  function scheduleRetry() {
    // Jitter spreads a whole audience's reconnects after a server restart.
    const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** failures);
    const delay = Math.round(ceiling * (0.5 + random() / 2));
    failures += 1;
    setStatus('reconnecting', Date.now() + delay);
    retryTimer = setTimeout(connect, delay);
  }

  function stop() {
    watched.clear();
    listeners = 0;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    failures = 0;
    const current = socket;
    socket = null;
    current?.close(1000, 'signed out');
    setStatus('idle');
  }

  // A different account must not keep the previous account's connection or subscriptions.
  store.subscribe((state, previous) => {
    if (state.session.user?.id !== previous.session.user?.id) stop();
  });

  return {
    /** Start receiving a lot's proposals; call the returned function when the screen goes away. */
    watch(lotId: string): () => void {
      const count = watched.get(lotId) ?? 0;
      watched.set(lotId, count + 1);
      if (count === 0) send({ type: 'subscribe', lotId });
      if (!socket && !retryTimer) connect();
      return () => {
        const left = (watched.get(lotId) ?? 1) - 1;
        if (left > 0) return void watched.set(lotId, left);
        watched.delete(lotId);
        send({ type: 'unsubscribe', lotId });
      };
    },
    /** Keep the connection open for this account's personal messages; call the returned function to let go. */
    listen(): () => void {
      listeners += 1;
      if (!socket && !retryTimer) connect();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        listeners = Math.max(0, listeners - 1);
      };
    },
    /** Skip the backoff wait (the user pressed "retry", or the browser came back online). */
    reconnectNow() {
      if (socket || !wanted()) return;
      if (retryTimer) clearTimeout(retryTimer);
      connect();
    },
    stop,
  };
}

export type LiveSocket = ReturnType<typeof createLiveSocket>;

function sameOriginUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws`;
}

/** The app's connection; same-origin, so the session cookie authenticates it after a reload. */
export const liveSocket = createLiveSocket({
  store: appStore,
  url: sameOriginUrl,
  open: (url) => new WebSocket(url) as unknown as SocketLike,
});
