import { useApp } from '../../store/index.ts';
import type { ConnectionStatus } from '../../store/connection.ts';
import { liveSocket } from '../../live/socket.ts';
import { Button } from '../../ui/Button.tsx';

const TEXT: Record<ConnectionStatus, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** Whether what the board shows is live: a provider must know when proposals may be stale. */
export function ConnectionIndicator() {
  const status = useApp((state) => state.connection.status);
  return (
    <div className={`connection connection--${status}`}>
      <span className="connection__dot" aria-hidden="true" />
      <span role="status" aria-live="polite">
        <span className="visually-hidden">Connection: </span>
        {TEXT[status]}
      </span>
      {status === 'reconnecting' || status === 'offline' ? (
        <Button variant="quiet" onClick={() => liveSocket.reconnectNow()}>
          Retry now
        </Button>
      ) : null}
    </div>
  );
}
