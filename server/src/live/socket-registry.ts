import { WS_CLOSE_UNAUTHORIZED } from '@lepa/shared';
import type { LiveClient } from './hub.ts';
import { openSockets, refusals } from '../infra/metrics.ts';

export interface SocketLimits {
  /** Open sockets from one client address, signed in or not. */
  socketsPerAddress: number;
  /** Sockets of this instance not yet signed in, from all addresses together. */
  unauthenticatedSockets: number;
}

interface Tracked {
  address: string;
  userId: string | null;
  sessionId: string | null;
}

/**
 * This instance's open sockets by address and by session: what the connection limits count, and
 * what a revocation (logout, sign-out everywhere, account deleted, password reset) closes. Every
 * revocation is broadcast to every instance, so each closes its own sockets of that session.
 */
export function createSocketRegistry(limits: SocketLimits) {
  const sockets = new Map<LiveClient, Tracked>();
  const perAddress = new Map<string, number>();
  let unauthenticated = 0;

  const report = () => {
    openSockets.labels('false').set(unauthenticated);
    openSockets.labels('true').set(sockets.size - unauthenticated);
  };

  /** Admitted upgrades whose socket has not opened yet, by their HTTP request: counted already. */
  const reserved = new Map<object, string>();

  const countAddress = (address: string, change: 1 | -1) => {
    const next = (perAddress.get(address) ?? 0) + change;
    if (next > 0) perAddress.set(address, next);
    else perAddress.delete(address);
  };

  return {
    /**
     * Admits one socket from this address before its upgrade, counting it at once (many upgrades can be
     * admitted before the first opens), or says why it may not open. `upgrade` is the HTTP request
     * that asks; `opened` or `abandoned` settles it.
     */
    admit(upgrade: object, address: string): string | undefined {
      if ((perAddress.get(address) ?? 0) >= limits.socketsPerAddress) {
        refusals.labels('sockets_per_address').inc();
        return `At most ${limits.socketsPerAddress} live connections per address`;
      }
      if (unauthenticated >= limits.unauthenticatedSockets) {
        refusals.labels('unauthenticated_sockets').inc();
        return 'Too many live connections are waiting to sign in; try again shortly';
      }
      reserved.set(upgrade, address);
      countAddress(address, 1);
      unauthenticated += 1;
      return undefined;
    },

    /** The upgrade failed or the connection went before its socket opened: its place is free again. */
    abandoned(upgrade: object) {
      const address = reserved.get(upgrade);
      if (address === undefined) return;
      reserved.delete(upgrade);
      countAddress(address, -1);
      unauthenticated -= 1;
    },

    opened(client: LiveClient, upgrade: object) {
      const address = reserved.get(upgrade);
      if (address === undefined) return;
      reserved.delete(upgrade);
      sockets.set(client, { address, userId: null, sessionId: null });
      report();
    },

    identified(client: LiveClient, user: { id: string; sessionId: string }) {
      const tracked = sockets.get(client);
      if (!tracked) return;
      if (tracked.userId === null) unauthenticated -= 1;
      tracked.userId = user.id;
      tracked.sessionId = user.sessionId;
      report();
    },

    closed(client: LiveClient) {
      const tracked = sockets.get(client);
      if (!tracked) return;
      sockets.delete(client);
      countAddress(tracked.address, -1);
      if (tracked.userId === null) unauthenticated -= 1;
      report();
    },

    /** Closes (4401) every socket of the revoked session, or of every session of the user. */
    revoke(revocation: { userId: string; sessionId?: string | undefined }) {
      for (const [client, tracked] of sockets) {
        if (tracked.userId !== revocation.userId) continue;
        if (revocation.sessionId !== undefined && tracked.sessionId !== revocation.sessionId) continue;
        client.socket.close(WS_CLOSE_UNAUTHORIZED, 'session ended');
      }
    },

    get size() {
      return sockets.size;
    },
  };
}
export type SocketRegistry = ReturnType<typeof createSocketRegistry>;
