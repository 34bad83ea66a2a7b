import type { StateCreator } from 'zustand';
import type { SessionSlice } from './session.ts';
import type { SmesSlice } from './smes.ts';
import type { LotsSlice } from './lots.ts';
import type { ProposedSlice } from './proposed.ts';
import type { BoardSlice } from './board.ts';
import type { ConnectionSlice } from './connection.ts';
import type { ConsortiaSlice } from './consortia.ts';
import type { InboxSlice } from './inbox.ts';
import type { BidsSlice } from './bids.ts';
import type { GeoSlice } from './geo.ts';
import type { OpportunitiesSlice } from './opportunities.ts';
import type { ProgrammesSlice } from './programmes.ts';
import type { AccountSlice } from './account.ts';

export type AppState = SessionSlice &
  SmesSlice &
  LotsSlice &
  ProposedSlice &
  BoardSlice &
  ConnectionSlice &
  ConsortiaSlice &
  InboxSlice &
  BidsSlice &
  GeoSlice &
  OpportunitiesSlice &
  ProgrammesSlice &
  AccountSlice;

/** Each slice sees the whole state, so an action may read what another slice holds. */
export type Slice<T> = StateCreator<AppState, [], [], T>;

/** Where a loaded collection stands; screens choose their empty, loading and error states from it. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
