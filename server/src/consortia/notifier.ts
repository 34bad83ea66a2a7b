import type { PersonalMessage } from '@lepa/shared';
import type { ChangeEvent } from '../changes/change-event.ts';

/**
 * What happens after a commit: live messages to users and change events for
 * the boards. Both are best effort: the write already happened, so a failed
 * notification must not turn it into an error answer (the inbox and the GET
 * routes remain the record, and boards resync on their next change).
 */
export interface AfterCommitDeps {
  notify: (userId: string, message: PersonalMessage) => Promise<void>;
  publish: (event: ChangeEvent) => Promise<void>;
  onError: (error: unknown) => void;
}

export function createAfterCommit(deps: AfterCommitDeps) {
  const { notify, publish, onError } = deps;
  return {
    async tell(messages: readonly { userId: string; message: PersonalMessage }[]): Promise<void> {
      const results = await Promise.allSettled(messages.map((m) => notify(m.userId, m.message)));
      for (const result of results) if (result.status === 'rejected') onError(result.reason);
    },
    async announce(event: ChangeEvent): Promise<void> {
      await publish(event).catch(onError);
    },
  };
}
export type AfterCommit = ReturnType<typeof createAfterCommit>;
