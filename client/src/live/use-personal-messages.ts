import { useEffect } from 'react';
import { useApp } from '../store/index.ts';
import { liveSocket } from './socket.ts';

/**
 * While someone is signed in, the live connection stays open for their
 * personal messages (invitations, answers, bids), and an SME's inbox is
 * loaded so the navigation can count what waits for an answer.
 */
export function usePersonalMessages(): void {
  const { userId, role, loadInbox } = useApp((state) => ({
    userId: state.session.user?.id,
    role: state.session.user?.role,
    loadInbox: state.loadInbox,
  }));
  useEffect(() => {
    if (!userId) return;
    if (role === 'sme') void loadInbox();
    return liveSocket.listen();
  }, [userId, role, loadInbox]);
}
