/** The mails consortium events send: built from the record read inside the event's transaction. */
import { SKILL_LABELS, quotedAmount, quotedWorkText, toPennies, type Assignment } from '@lepa/shared';
import type { ConsortiumRecord } from '../consortia/store.ts';
import type { MailDraft } from './outbox.ts';
import { longDate, money } from './words.ts';

type AppLink = (hash: string) => string;

const firmName = (record: ConsortiumRecord, smeId: string) =>
  record.split.proposal.members.find((m) => m.smeId === smeId)?.name ?? 'a firm';

const skillWords = (a: Assignment) => SKILL_LABELS[a.skill].toLowerCase();

/**
 * A member's work in the words the screens use: what it quoted and is paid,
 * apart from the adjustments that only decide the ranking.
 */
function workParagraphs(assignments: readonly Assignment[]): string[] {
  const quoted = assignments.flatMap((a) => (a.unitPrice === undefined ? [] : [{ ...a, unitPrice: a.unitPrice }]));
  if (quoted.length < assignments.length) {
    // Stored before assignments carried the quoted price: the units alone are still right.
    return [
      `Your firm’s share of the work: ${assignments.map((a) => `${a.quantity} units of ${skillWords(a)}`).join(' and ')}.`,
    ];
  }
  const paidPennies = quoted.reduce((sum, a) => sum + toPennies(quotedAmount(a.quantity, a.unitPrice)), 0);
  return [
    `Your firm’s share of the work, at the prices it quoted: ${quoted
      .map((a) => `${skillWords(a)}, ${quotedWorkText(a.quantity, a.unitPrice, money)}`)
      .join('; ')}.`,
    `Your firm is paid this quoted work: ${money(paidPennies / 100)}. The social value discount, travel and coordination shown on the board decide the ranking only; they never change what a firm is paid.`,
  ];
}

const owners = (record: ConsortiumRecord) => [...new Set(record.members.map((m) => m.ownerId))];

/** To the owner of each invited firm. `occasion` tells invitations of one consortium apart (formed, members changed). */
export function invitationMails(
  record: ConsortiumRecord,
  smeIds: readonly string[],
  occasion: string,
  appLink: AppLink,
): MailDraft[] {
  const lead = firmName(record, record.leadSmeId);
  return record.members
    .filter((m) => smeIds.includes(m.smeId))
    .map((member) => ({
      userId: member.ownerId,
      kind: 'invitation' as const,
      eventKey: `invitation:${record.id}:${member.smeId}:${occasion}`,
      content: {
        subject: `${lead} invites ${firmName(record, member.smeId)} to bid for ${record.lotTitle}`,
        paragraphs: [
          `${lead} is forming a consortium of local firms to bid for “${record.lotTitle}” and invites ${firmName(record, member.smeId)} to take part.`,
          ...workParagraphs(member.assignments),
          'Nothing is booked until you accept and the lead submits the bid. Open your inbox to accept or decline.',
        ],
        link: appLink('#/inbox'),
        linkText: 'Open your invitations',
      },
    }));
}

/** To the lead's owner when a member answers. */
export function answerMail(
  record: ConsortiumRecord,
  smeId: string,
  answer: 'accepted' | 'declined',
  occasion: string,
  appLink: AppLink,
): MailDraft {
  const member = firmName(record, smeId);
  return {
    userId: record.leadOwnerId,
    kind: 'invitation-answer',
    eventKey: `answer:${record.id}:${smeId}:${answer}:${occasion}`,
    content: {
      subject: `${member} ${answer} your invitation for ${record.lotTitle}`,
      paragraphs:
        answer === 'accepted'
          ? [
              `${member} accepted your invitation to the consortium for “${record.lotTitle}”.`,
              'Once every member has accepted, you can submit the bid from the consortium page.',
            ]
          : [
              `${member} declined your invitation to the consortium for “${record.lotTitle}”.`,
              'Choose a replacement on the consortium page: Lepa lists the firms that could take its place.',
            ],
      link: appLink(`#/consortia/${record.id}`),
      linkText: answer === 'accepted' ? 'Open the consortium' : 'Choose a replacement',
    },
  };
}

/** To every member's owner (the lead included) and to the provider who posted the lot. */
export function bidSubmittedMails(record: ConsortiumRecord, lotEnd: string, appLink: AppLink): MailDraft[] {
  const lead = firmName(record, record.leadSmeId);
  const names = record.split.proposal.members.map((m) => m.name).join(', ');
  const toMembers = owners(record).map((userId) => ({
    userId,
    kind: 'bid-submitted' as const,
    eventKey: `bid-submitted:${record.id}:${userId}`,
    content: {
      subject: `Bid submitted for ${record.lotTitle}`,
      paragraphs: [
        `${lead} has submitted the consortium’s bid for “${record.lotTitle}” (${names}).`,
        `Each member’s work is now booked against its capacity until ${longDate(lotEnd)} unless the bid is withdrawn or loses. The housing provider will decide on the award.`,
      ],
      link: appLink(`#/consortia/${record.id}`),
      linkText: 'Open the bid',
    },
  }));
  const toProvider = {
    userId: record.lotOwnerId,
    kind: 'bid-submitted' as const,
    eventKey: `bid-submitted:${record.id}:${record.lotOwnerId}`,
    content: {
      subject: `New bid for ${record.lotTitle}`,
      paragraphs: [
        `A consortium led by ${lead} (${names}) has submitted a bid for your lot “${record.lotTitle}”.`,
        'Compare the bids and award the lot when you are ready.',
      ],
      link: appLink(`#/lots/${record.lotId}/bids`),
      linkText: 'Compare the bids',
    },
  };
  return toProvider.userId && !owners(record).includes(toProvider.userId) ? [...toMembers, toProvider] : toMembers;
}

/** To the owners of the members of every bid the award decided, won or lost. */
export function awardMails(records: readonly ConsortiumRecord[], decidedOn: Date, appLink: AppLink): MailDraft[] {
  const day = longDate(decidedOn.toISOString());
  return records.flatMap((record) => {
    const won = record.status === 'awarded';
    return owners(record).map((userId) => ({
      userId,
      kind: 'award-outcome' as const,
      eventKey: `award:${record.id}:${userId}`,
      content: {
        subject: won
          ? `Your consortium won ${record.lotTitle}`
          : `${record.lotTitle} was awarded to another consortium`,
        paragraphs: won
          ? [
              `On ${day} the housing provider awarded “${record.lotTitle}” to your consortium led by ${firmName(record, record.leadSmeId)}.`,
              'Your booked capacity stays committed to this work.',
            ]
          : [
              `On ${day} the housing provider awarded “${record.lotTitle}” to another consortium.`,
              'The capacity your bid had booked is free again for other lots.',
            ],
        link: appLink(`#/lots/${record.lotId}`),
        linkText: 'See the award on the lot’s board',
      },
    }));
  });
}
