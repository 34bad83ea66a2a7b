import type { App } from '@lepa/server';

/** Waits until the app's matching service has no lot left to solve. */
export async function matchingSettled(app: App): Promise<void> {
  while ((await app.matching.pending()) > 0) await new Promise((resolve) => setTimeout(resolve, 10));
}
