/**
 * Bids: submitting books the members' capacity, withdrawing releases it, the
 * provider compares bids and awards one. Lock order, everywhere in this
 * folder: lot row → consortium rows (id order) → member `smes` rows (id
 * order), so concurrent submits, withdrawals and awards never deadlock.
 */
import { eq } from 'drizzle-orm';
import { lots, type Db, type Tx } from '@lepa/db';
import { SKILL_LABELS, type BidQuery, type Consortium, type ConsortiumStatus } from '@lepa/shared';
import type { AuthenticatedUser } from '../auth/service.ts';
import { conflict, forbidden, notFound } from '../common/errors.ts';
import type { LotStore } from '../lots/store.ts';
import type { SmeStore } from '../smes/store.ts';
import { bookingProblems } from './capacity.ts';
import { decodeKey, encodeKey } from './cursor.ts';
import type { FormingService } from './forming.ts';
import type { AfterCommit } from './notifier.ts';
import type { MailService } from '../mail/plugin.ts';
import { awardMails, bidSubmittedMails } from '../mail/consortium-mails.ts';
import type { ConsortiumRecord, ConsortiumStore } from './store.ts';
import { toConsortium } from './view.ts';

export interface BiddingDeps {
  db: Db;
  store: ConsortiumStore;
  lotStore: LotStore;
  smeStore: SmeStore;
  forming: Pick<FormingService, 'visible'>;
  after: AfterCommit;
  mail: Pick<MailService, 'enqueue' | 'wake' | 'appLink'>;
}

/** Shares the lot row: submits run side by side, an award or a lot edit waits for them (and they for it). */
async function shareLot(lotId: string, tx: Tx) {
  await tx.select({ id: lots.id }).from(lots).where(eq(lots.id, lotId)).for('share');
}

/** Everyone concerned with a bid: its members' owners, once each. */
function memberOwners(record: ConsortiumRecord): string[] {
  return [...new Set(record.members.map((m) => m.ownerId))];
}

function bidMessage(record: ConsortiumRecord, status: ConsortiumStatus) {
  return { type: 'bid', consortiumId: record.id, lotId: record.lotId, lotTitle: record.lotTitle, status };
}

export function createBiddingService(deps: BiddingDeps) {
  const { db, store, lotStore, smeStore, forming, after, mail } = deps;

  async function asLead(user: AuthenticatedUser, consortiumId: string) {
    const record = await forming.visible(user, consortiumId);
    if (record.leadOwnerId !== user.id) throw forbidden('Only the lead may do this');
    return record;
  }

  return {
    async submit(user: AuthenticatedUser, consortiumId: string): Promise<Consortium> {
      const { lotId } = await asLead(user, consortiumId);
      const { record, lot } = await db.transaction(async (tx) => {
        await shareLot(lotId, tx);
        const lot = (await lotStore.get(lotId, tx))!;
        if (lot.status !== 'open') throw conflict(`This lot is ${lot.status}; bids can only be submitted to open lots`);
        await store.lock(consortiumId, tx);
        const record = (await store.get(consortiumId, tx))!;
        if (record.status !== 'forming')
          throw conflict(`This consortium is ${record.status}; only a forming consortium can be submitted`);
        const waiting = record.members.filter((m) => m.invitation !== 'accepted');
        if (waiting.length > 0) {
          const names = record.split.proposal.members
            .filter((m) => waiting.some((w) => w.smeId === m.smeId))
            .map((m) => m.name);
          throw conflict(
            `Every member must accept first; not yet accepted: ${names.join(', ')}`,
            waiting.map((w) => ({ smeId: w.smeId, invitation: w.invitation })),
          );
        }
        const problems = await bookingProblems(lot, record.members, smeStore, tx);
        if (problems.length > 0) {
          const first = problems[0]!;
          throw conflict(`${first.message} (${first.name}, ${SKILL_LABELS[first.skill]})`, problems);
        }
        await store.insertBookings(
          record.members.flatMap((m) =>
            m.assignments.map((a) => ({
              consortiumId,
              smeId: m.smeId,
              skill: a.skill,
              units: a.quantity,
              startDate: lot.startDate,
              endDate: lot.endDate,
            })),
          ),
          tx,
        );
        await store.setStatus([consortiumId], 'submitted', tx);
        await mail.enqueue(bidSubmittedMails(record, lot.endDate, mail.appLink), tx);
        return { record, lot };
      });
      mail.wake();
      await after.announce({
        type: 'booking',
        smeIds: record.members.map((m) => m.smeId),
        startDate: lot.startDate,
        endDate: lot.endDate,
      });
      await after.tell(
        [...memberOwners(record), lot.ownerId].map((userId) => ({ userId, message: bidMessage(record, 'submitted') })),
      );
      return toConsortium((await store.get(consortiumId))!);
    },

    async withdraw(user: AuthenticatedUser, consortiumId: string): Promise<Consortium> {
      const { lotId } = await asLead(user, consortiumId);
      const record = await db.transaction(async (tx) => {
        await shareLot(lotId, tx);
        await store.lock(consortiumId, tx);
        const record = (await store.get(consortiumId, tx))!;
        if (record.status !== 'forming' && record.status !== 'submitted') {
          throw conflict(
            `This consortium is ${record.status}; only a forming or submitted consortium can be withdrawn`,
          );
        }
        await store.setStatus([consortiumId], 'withdrawn', tx);
        await store.deleteBookings([consortiumId], tx);
        return record;
      });
      const lot = (await lotStore.get(lotId))!;
      if (record.status === 'submitted') {
        await after.announce({
          type: 'booking',
          smeIds: record.members.map((m) => m.smeId),
          startDate: lot.startDate,
          endDate: lot.endDate,
        });
      }
      const told = record.status === 'submitted' ? [...memberOwners(record), lot.ownerId] : memberOwners(record);
      await after.tell(told.map((userId) => ({ userId, message: bidMessage(record, 'withdrawn') })));
      return toConsortium((await store.get(consortiumId))!);
    },

    /** The lot's submitted, awarded and lost bids, cheapest first. */
    async bids(user: AuthenticatedUser, lotId: string, query: BidQuery) {
      const lot = await lotStore.get(lotId);
      if (!lot) throw notFound('Lot');
      if (lot.ownerId !== user.id) throw forbidden('Only the provider who posted this lot may see its bids');
      const limit = query.limit ?? 20;
      const key = decodeKey(query.cursor, ['number', 'uuid']);
      const records = await store.bids(
        lotId,
        limit + 1,
        key ? { cost: key[0] as number, id: key[1] as string } : undefined,
      );
      const items = records.slice(0, limit).map(toConsortium);
      const last = items[items.length - 1];
      return { items, nextCursor: records.length > limit && last ? encodeKey([last.cost, last.id]) : null };
    },

    /** Awards one submitted bid: the lot is awarded, the other submitted bids lose and release their capacity. */
    async award(user: AuthenticatedUser, lotId: string, consortiumId: string): Promise<Consortium> {
      const { lot, losers } = await db.transaction(async (tx) => {
        const row = await lotStore.lockForUpdate(lotId, tx);
        if (!row) throw notFound('Lot');
        if (row.ownerId !== user.id) throw forbidden('Only the provider who posted this lot may award it');
        if (row.status === 'awarded') throw conflict('This lot has already been awarded');
        const submitted = await store.lockLotConsortia(lotId, ['submitted'], tx);
        if (!submitted.some((c) => c.id === consortiumId)) {
          const other = await store.get(consortiumId, tx);
          if (!other || other.lotId !== lotId) throw notFound('Bid on this lot');
          throw conflict(`This consortium is ${other.status}; only a submitted bid can be awarded`);
        }
        const losers = submitted.filter((c) => c.id !== consortiumId).map((c) => c.id);
        await store.setStatus([consortiumId], 'awarded', tx);
        await store.setStatus(losers, 'lost', tx);
        await store.deleteBookings(losers, tx);
        await lotStore.setStatus(lotId, 'awarded', tx);
        const decided = await Promise.all([consortiumId, ...losers].map(async (id) => (await store.get(id, tx))!));
        await mail.enqueue(awardMails(decided, new Date(), mail.appLink), tx);
        return { lot: row, losers };
      });
      mail.wake();

      const outcome = await Promise.all([consortiumId, ...losers].map(async (id) => (await store.get(id))!));
      await after.announce({ type: 'lot', lotId });
      const released = outcome.filter((r) => r.status === 'lost').flatMap((r) => r.members.map((m) => m.smeId));
      if (released.length > 0)
        await after.announce({
          type: 'booking',
          smeIds: [...new Set(released)],
          startDate: lot.startDate,
          endDate: lot.endDate,
        });
      await after.tell(
        outcome.flatMap((record) =>
          memberOwners(record).map((userId) => ({ userId, message: bidMessage(record, record.status) })),
        ),
      );
      return toConsortium(outcome[0]!);
    },
  };
}
export type BiddingService = ReturnType<typeof createBiddingService>;
