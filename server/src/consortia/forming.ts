/** Forming a consortium: create it, change its members, answer invitations, read it. */
import type { Db } from '@lepa/db';
import type {
  Assignment,
  Consortium,
  ConsortiumChange,
  ConsortiumQuery,
  CreateConsortiumBody,
  InvitationAnswerBody,
  InvitationQuery,
  InvitationState,
  Replacement,
} from '@lepa/shared';
import { roundPennies } from '@lepa/shared';
import type { AuthenticatedUser } from '../auth/service.ts';
import { conflict, forbidden, invalidInput, notFound } from '../common/errors.ts';
import { decodeCursor, toPage } from '../common/pagination.ts';
import type { LotStore } from '../lots/store.ts';
import type { FastifyInstance } from 'fastify';
import { decodeKey, encodeKey } from './cursor.ts';
import { chooseLead, coordinatorFirms, NOT_A_LEAD, splitForLead } from './member-sets.ts';
import type { AfterCommit } from './notifier.ts';
import type { MailService } from '../mail/plugin.ts';
import { answerMail, invitationMails } from '../mail/consortium-mails.ts';
import { findReplacements } from './replacements.ts';
import type { StoredSplit } from './split.ts';
import type { ConsortiumRecord, ConsortiumStore, MemberRow, NewMember } from './store.ts';
import { canView, toConsortium, toInvitation } from './view.ts';

const sameWork = (a: readonly Assignment[], b: readonly Assignment[]) =>
  a.length === b.length &&
  a.every((x, i) => x.skill === b[i]!.skill && x.quantity === b[i]!.quantity && x.unitCost === b[i]!.unitCost);

/**
 * Invitation states for a new split: the lead is accepted; a kept member keeps
 * its answer only if its work is unchanged; everyone else is (re-)invited.
 */
function membersFor(split: StoredSplit, leadId: string, previous: readonly MemberRow[], now: Date): NewMember[] {
  return split.proposal.members.map((member) => {
    const before = previous.find((m) => m.smeId === member.smeId);
    if (member.smeId === leadId)
      return {
        smeId: member.smeId,
        invitation: 'accepted',
        assignments: member.assignments,
        respondedAt: before?.respondedAt ?? now,
      };
    if (before && sameWork(before.assignments, member.assignments)) {
      return {
        smeId: member.smeId,
        invitation: before.invitation,
        assignments: member.assignments,
        respondedAt: before.respondedAt,
      };
    }
    return { smeId: member.smeId, invitation: 'pending', assignments: member.assignments, respondedAt: null };
  });
}

/** Members (re-)invited by a new split: pending now, and not pending before with the same work. */
function reinvitedFirms(previous: ConsortiumRecord, members: readonly NewMember[]): string[] {
  return members
    .filter(
      (m) =>
        m.invitation === 'pending' &&
        !previous.members.some((p) => p.smeId === m.smeId && sameWork(p.assignments, m.assignments)),
    )
    .map((m) => m.smeId);
}

export interface FormingDeps {
  db: Db;
  store: ConsortiumStore;
  lotStore: LotStore;
  proposals: Pick<FastifyInstance['matching'], 'answer'>;
  after: AfterCommit;
  mail: Pick<MailService, 'enqueue' | 'wake' | 'appLink'>;
}

export function createFormingService(deps: FormingDeps) {
  const { db, store, lotStore, proposals, after, mail } = deps;

  async function openLot(lotId: string) {
    const lot = await lotStore.get(lotId);
    if (!lot) throw notFound('Lot');
    if (lot.status !== 'open') throw conflict(`This lot is ${lot.status}; consortia can only form for open lots`);
    return lot;
  }

  async function visible(user: AuthenticatedUser, consortiumId: string): Promise<ConsortiumRecord> {
    const record = await store.get(consortiumId);
    if (!record) throw notFound('Consortium');
    if (!canView(user, record))
      throw forbidden('Only the lead, the members and the provider of the lot may see this consortium');
    return record;
  }

  /** The invitation message an invited firm's owner receives live. */
  function invitations(record: ConsortiumRecord, smeIds: readonly string[]) {
    return record.members
      .filter((m) => smeIds.includes(m.smeId))
      .map((m) => ({
        userId: m.ownerId,
        message: {
          type: 'invitation' as const,
          consortiumId: record.id,
          lotId: record.lotId,
          lotTitle: record.lotTitle,
          smeId: m.smeId,
          leadSmeId: record.leadSmeId,
          invitation: m.invitation,
          assignments: m.assignments,
        },
      }));
  }

  async function proposalMembers(lotId: string, rank: number): Promise<string[]> {
    const { answer } = await proposals.answer(lotId, rank);
    const proposal = answer.proposals[rank - 1];
    if (!proposal)
      throw invalidInput([
        {
          field: 'fromProposal',
          message: `there is no proposal ranked ${rank}; the lot has ${answer.proposals.length}`,
        },
      ]);
    return proposal.members.map((m) => m.smeId);
  }

  return {
    async create(user: AuthenticatedUser, lotId: string, body: CreateConsortiumBody): Promise<Consortium> {
      if ((body.fromProposal === undefined) === (body.members === undefined)) {
        throw invalidInput([{ field: 'fromProposal', message: 'give exactly one of fromProposal or members' }]);
      }
      const lot = await openLot(lotId);
      const owned = await coordinatorFirms(db, user.id);
      if (owned.length === 0) throw forbidden(NOT_A_LEAD);
      const memberIds =
        body.fromProposal === undefined ? body.members! : await proposalMembers(lotId, body.fromProposal);
      const leadId = chooseLead(owned, body.leadSmeId, memberIds);
      if (body.fromProposal !== undefined && !memberIds.includes(leadId)) {
        throw forbidden(`Proposal ${body.fromProposal} does not include your firm; form from a member list instead`);
      }
      const split = await splitForLead(db, lot, leadId, memberIds);

      const consortiumId = await db.transaction(async (tx) => {
        const id = await store.insert(
          { lotId, leadSmeId: leadId, createdBy: user.id, cost: split.proposal.cost, split },
          membersFor(split, leadId, [], new Date()),
          tx,
        );
        const inserted = (await store.get(id, tx))!;
        const pending = inserted.members.filter((m) => m.invitation === 'pending').map((m) => m.smeId);
        await mail.enqueue(invitationMails(inserted, pending, 'formed', mail.appLink), tx);
        return id;
      });
      mail.wake();
      const record = (await store.get(consortiumId))!;
      await after.tell(
        invitations(
          record,
          record.members.filter((m) => m.invitation === 'pending').map((m) => m.smeId),
        ),
      );
      return toConsortium(record);
    },

    async get(user: AuthenticatedUser, consortiumId: string): Promise<Consortium> {
      return toConsortium(await visible(user, consortiumId));
    },

    /** Exposed for the other services of this folder, which share the access rule. */
    visible,

    async list(user: AuthenticatedUser, query: ConsortiumQuery) {
      const limit = query.limit ?? 20;
      const records = await store.list({
        userId: user.id,
        role: query.role,
        status: query.status,
        afterId: decodeCursor(query.cursor),
        limit: limit + 1,
      });
      return toPage(records.map(toConsortium), limit);
    },

    /** Firms that could take a member's place (lead, while forming), cheapest swap first. */
    async replacements(user: AuthenticatedUser, consortiumId: string, outgoingId: string): Promise<Replacement[]> {
      const record = await visible(user, consortiumId);
      if (record.leadOwnerId !== user.id) throw forbidden('Only the lead may look for replacements');
      if (!record.members.some((member) => member.smeId === outgoingId)) throw notFound('Member of this consortium');
      if (outgoingId === record.leadSmeId)
        throw invalidInput([{ field: 'smeId', message: 'is the lead, who stays in the consortium' }]);
      if (record.status !== 'forming')
        throw conflict(`This consortium is ${record.status}; members can only change while it is forming`);
      return findReplacements(db, await openLot(record.lotId), record, outgoingId);
    },

    async replaceMembers(
      user: AuthenticatedUser,
      consortiumId: string,
      memberIds: readonly string[],
    ): Promise<ConsortiumChange> {
      const before = await visible(user, consortiumId);
      if (before.leadOwnerId !== user.id) throw forbidden('Only the lead may change the members');
      if (before.status !== 'forming')
        throw conflict(`This consortium is ${before.status}; members can only change while it is forming`);
      const lot = await openLot(before.lotId);
      const split = await splitForLead(db, lot, before.leadSmeId, memberIds);

      const { previous, members } = await db.transaction(async (tx) => {
        await store.lock(consortiumId, tx);
        const current = (await store.get(consortiumId, tx))!;
        if (current.status !== 'forming')
          throw conflict(`This consortium is ${current.status}; members can only change while it is forming`);
        const changedAt = new Date();
        const members = membersFor(split, current.leadSmeId, current.members, changedAt);
        await store.replaceSplit(consortiumId, split.proposal.cost, split, members, tx);
        const changed = (await store.get(consortiumId, tx))!;
        await mail.enqueue(
          invitationMails(changed, reinvitedFirms(current, members), changedAt.toISOString(), mail.appLink),
          tx,
        );
        return { previous: current, members };
      });
      mail.wake();
      const updated = (await store.get(consortiumId))!;
      const reinvited = reinvitedFirms(previous, members);
      const dropped = previous.members.filter((p) => !members.some((m) => m.smeId === p.smeId));
      await after.tell([
        ...invitations(updated, reinvited),
        ...dropped.map((m) => ({
          userId: m.ownerId,
          message: {
            type: 'invitation' as const,
            consortiumId,
            lotId: updated.lotId,
            smeId: m.smeId,
            invitation: 'withdrawn' as const,
          },
        })),
      ]);
      return {
        ...toConsortium(updated),
        previousCost: previous.cost,
        costChange: roundPennies(updated.cost - previous.cost),
      };
    },

    async answer(
      user: AuthenticatedUser,
      consortiumId: string,
      answer: Exclude<InvitationState, 'pending'>,
      body: InvitationAnswerBody,
    ) {
      const { record, smeId } = await db.transaction(async (tx) => {
        await store.lock(consortiumId, tx);
        const record = await store.get(consortiumId, tx);
        if (!record) throw notFound('Consortium');
        const mine = record.members.filter((m) => m.ownerId === user.id && m.smeId !== record.leadSmeId);
        if (mine.length === 0)
          throw forbidden("Only the owner of an invited firm may answer this consortium's invitation");
        const target = body.smeId === undefined ? mine : mine.filter((m) => m.smeId === body.smeId);
        if (target.length === 0) throw forbidden('smeId is not a firm of this account invited to this consortium');
        if (target.length > 1)
          throw invalidInput([{ field: 'smeId', message: 'is required: several of your firms are invited' }]);
        if (record.status !== 'forming')
          throw conflict(`This consortium is ${record.status}; invitations can only be answered while it is forming`);
        await store.setInvitation(consortiumId, target[0]!.smeId, answer, tx);
        await mail.enqueue([answerMail(record, target[0]!.smeId, answer, new Date().toISOString(), mail.appLink)], tx);
        return { record, smeId: target[0]!.smeId };
      });
      mail.wake();
      await after.tell([
        {
          userId: record.leadOwnerId,
          message: { type: 'consortium', event: answer, consortiumId, lotId: record.lotId, smeId },
        },
      ]);
      return toConsortium((await store.get(consortiumId))!);
    },

    /** The inbox: invitations of the account's firms, pending and past. */
    async invitations(user: AuthenticatedUser, query: InvitationQuery) {
      const limit = query.limit ?? 20;
      const key = decodeKey(query.cursor, ['uuid', 'uuid']);
      const rows = await store.invitations({
        userId: user.id,
        state: query.state,
        after: key ? { consortiumId: key[0] as string, smeId: key[1] as string } : undefined,
        limit: limit + 1,
      });
      const items = rows.slice(0, limit).map(toInvitation);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeKey([last.consortiumId, last.smeId]) : null };
    },
  };
}
export type FormingService = ReturnType<typeof createFormingService>;
