import type { PersonalMessage, Skill } from '@lepa/shared';

/** Where a firm can work: what is needed to know which lots a change of that firm can reach. */
export interface FirmFootprint {
  lat: number;
  lon: number;
  serviceRadiusKm: number;
  skills: Skill[];
}

/** A committed write that may alter proposals somewhere. */
export type ChangeEvent =
  | { type: 'sme'; smeId: string; before: FirmFootprint | null; after: FirmFootprint | null }
  | { type: 'lot'; lotId: string }
  | { type: 'booking'; smeIds: string[]; startDate: string; endDate: string };

/**
 * A lot's newly stored answer. `stands`: it is the answer stored before at
 * `from` (revision, change number), moved unchanged to this revision and
 * change number, so an instance holding that one moves its copy instead of
 * reading the row.
 */
export interface AnnouncedAnswer {
  lotId: string;
  revision: number;
  stands?: { changeSeq: number; from: [revision: number, changeSeq: number] };
}

/** What travels between instances over LISTEN/NOTIFY. */
export type Broadcast =
  /**
   * `smeIds`: firms whose profile (or, for a booking, bookings) changed, so
   * every market reloads them before solving; a booking listing none had too
   * many to list. `seq`: the change's number (change_seq); one change may take
   * several broadcasts (long lot lists), all with the same number.
   * `change`: what kind of write it was.
   */
  | { kind: 'lots'; lotIds: string[]; smeIds: string[]; seq: number; change: ChangeEvent['type'] }
  /** A matching worker stored new answers for these lots (read them from lot_answers). */
  | { kind: 'answers'; answers: AnnouncedAnswer[] }
  /** Sessions ended (logout, sign-out everywhere, account deleted): drop them from every session cache. */
  | { kind: 'sessions-revoked'; userId: string; sessionId?: string | undefined }
  /** The listening connection was (re-)established; earlier notifications may be lost. */
  | { kind: 'resync' }
  | { kind: 'user'; userId: string; message: PersonalMessage };
