import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { useShallow } from 'zustand/react/shallow';
import { createSessionSlice } from './session.ts';
import { createSmesSlice } from './smes.ts';
import { createLotsSlice } from './lots.ts';
import { createProposedSlice } from './proposed.ts';
import { createBoardSlice } from './board.ts';
import { createConnectionSlice } from './connection.ts';
import { createConsortiaSlice } from './consortia.ts';
import { createInboxSlice } from './inbox.ts';
import { createBidsSlice } from './bids.ts';
import { createGeoSlice } from './geo.ts';
import { createOpportunitiesSlice } from './opportunities.ts';
import { createProgrammesSlice } from './programmes.ts';
import { createAccountSlice } from './account.ts';
import type { AppState } from './types.ts';

export type { AppState, LoadStatus } from './types.ts';

/** The one store, vanilla so the websocket client and tests can use it without React. */
export const appStore = createStore<AppState>()((...args) => ({
  ...createSessionSlice(...args),
  ...createSmesSlice(...args),
  ...createLotsSlice(...args),
  ...createProposedSlice(...args),
  ...createBoardSlice(...args),
  ...createConnectionSlice(...args),
  ...createConsortiaSlice(...args),
  ...createInboxSlice(...args),
  ...createBidsSlice(...args),
  ...createGeoSlice(...args),
  ...createOpportunitiesSlice(...args),
  ...createProgrammesSlice(...args),
  ...createAccountSlice(...args),
}));

/**
 * Components select what they render and nothing more; the shallow comparison
 * keeps a selector returning a fresh object or array from re-rendering on every change.
 */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, useShallow(selector));
}

/** Back to a fresh page load's state (tests call this between cases). */
export function resetStore(): void {
  appStore.setState(appStore.getInitialState(), true);
}
