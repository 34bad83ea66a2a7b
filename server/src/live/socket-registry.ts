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

  return {
    /** Why a new socket from this address may not open, or undefined when it may. */
    refusal(address: string): string | undefined {
      if ((perAddress.get(address) ?? 0) >= limits.socketsPerAddress) {
        refusals.labels('sockets_per_address').inc();
        return `At most ${limits.socketsPerAddress} live connections per address`;
      }
      if (unauthenticated >= limits.unauthenticatedSockets) {
        refusals.labels('unauthenticated_sockets').inc();
        return 'Too many live connections are waiting to sign in; try again shortly';
      }
      return undefined;
    },

    opened(client: LiveClient, address: string) {
      sockets.set(client, { address, userId: null, sessionId: null });
      perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
      unauthenticated += 1;
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
      if (tracked.userId === null) unauthenticated -= 1;
      const count = (perAddress.get(tracked.address) ?? 1) - 1;
      if (count > 0) perAddress.set(tracked.address, count);
      else perAddress.delete(tracked.address);
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
