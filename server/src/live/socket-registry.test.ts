import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { LiveClient } from './hub.ts';
import { createSocketRegistry } from './socket-registry.ts';

const client = (): LiveClient => ({
  socket: {} as WebSocket,
  userId: null,
  subscriptions: new Set(),
  backlog: new Map(),
  alive: true,
});

describe('socket registry', () => {
  it('counts a socket from its admission, so upgrades admitted together cannot pass the cap', () => {
    const registry = createSocketRegistry({ socketsPerAddress: 3, unauthenticatedSockets: 100 });
    const upgrades = Array.from({ length: 4 }, () => ({}));
    expect(upgrades.map((upgrade) => registry.admit(upgrade, '10.0.0.1'))).toEqual([
      undefined,
      undefined,
      undefined,
      'At most 3 live connections per address',
    ]);
    expect(registry.admit({}, '10.0.0.2')).toBeUndefined();
  });

  it('gives the place back when an upgrade is abandoned or its socket closes', () => {
    const registry = createSocketRegistry({ socketsPerAddress: 1, unauthenticatedSockets: 100 });
    const first = {};
    registry.admit(first, '10.0.0.1');
    registry.abandoned(first);
    const second = {};
    expect(registry.admit(second, '10.0.0.1')).toBeUndefined();
    const socket = client();
    registry.opened(socket, second);
    registry.abandoned(second);
    expect(registry.admit({}, '10.0.0.1')).toMatch(/At most 1/);
    registry.closed(socket);
    expect(registry.admit({}, '10.0.0.1')).toBeUndefined();
  });

  it('caps sockets waiting to sign in across addresses until one signs in', () => {
    const registry = createSocketRegistry({ socketsPerAddress: 10, unauthenticatedSockets: 2 });
    const [a, b] = [{}, {}];
    registry.admit(a, '10.0.0.1');
    registry.admit(b, '10.0.0.2');
    expect(registry.admit({}, '10.0.0.3')).toMatch(/waiting to sign in/);
    const signedIn = client();
    registry.opened(signedIn, a);
    registry.identified(signedIn, { id: 'user', sessionId: 'session' });
    expect(registry.admit({}, '10.0.0.3')).toBeUndefined();
  });
});
