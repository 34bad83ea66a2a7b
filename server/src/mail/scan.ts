/** Mail that no request causes: the daily digest of new lots and certificates about to expire. */
import { and, eq, gt, gte, inArray, isNull, lte, max, ne, or, sql } from 'drizzle-orm';
import {
  lotRequirements,
  lots,
  mailOutbox,
  smeCapabilities,
  smeCertifications,
  smes,
  users,
  type Executor,
} from '@lepa/db';
import {
  certificationValid,
  requiredCertifications,
  SCHEME_LABELS,
  SKILL_LABELS,
  type CertificationScheme,
  type Skill,
} from '@lepa/shared';
import { haversineKmSql } from '../common/geo-sql.ts';
import { longDate } from './words.ts';
import type { MailDraft } from './outbox.ts';

const DAY_MS = 24 * 3600 * 1000;
export const CERTIFICATE_WARNING_DAYS = 30;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * One digest per account and UTC day (the day is in the event key), listing the
 * open lots created since its previous digest that one of its firms is
 * eligible for on at least one skill: offers it, holds its certificates for
 * the lot's window, and is within both the firm's and the lot's distance.
 */
export async function newLotDigests(db: Executor, now: Date, appLink: (hash: string) => string): Promise<MailDraft[]> {
  const lastDigest = db
    .select({ userId: mailOutbox.userId, at: max(mailOutbox.createdAt).as('at') })
    .from(mailOutbox)
    .where(eq(mailOutbox.kind, 'new-lots'))
    .groupBy(mailOutbox.userId)
    .as('last_digest');
  const distance = haversineKmSql(smes.lat, smes.lon, lots.lat, lots.lon);
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  const rows = await db
    .select({
      userId: smes.ownerId,
      smeId: smes.id,
      firmName: smes.name,
      lotId: lots.id,
      lotTitle: lots.title,
      homes: lots.homes,
      startDate: lots.startDate,
      endDate: lots.endDate,
      skill: lotRequirements.skill,
      extra: lotRequirements.certifications,
    })
    .from(lots)
    .innerJoin(lotRequirements, eq(lotRequirements.lotId, lots.id))
    .innerJoin(smeCapabilities, eq(smeCapabilities.skill, lotRequirements.skill))
    .innerJoin(smes, eq(smes.id, smeCapabilities.smeId))
    .innerJoin(users, eq(users.id, smes.ownerId))
    .leftJoin(lastDigest, eq(lastDigest.userId, smes.ownerId))
    .where(
      and(
        eq(lots.status, 'open'),
        ne(lots.ownerId, smes.ownerId),
        gt(lots.createdAt, weekAgo),
        gt(lots.createdAt, users.createdAt),
        or(isNull(lastDigest.at), gt(lots.createdAt, lastDigest.at)),
        lte(distance, smes.serviceRadiusKm),
        or(isNull(lots.maxDistanceKm), lte(distance, lots.maxDistanceKm)),
      ),
    );
  if (rows.length === 0) return [];

  const smeIds = [...new Set(rows.map((r) => r.smeId))];
  const certificates = await db
    .select({ smeId: smeCertifications.smeId, scheme: smeCertifications.scheme, expires: smeCertifications.expires })
    .from(smeCertifications)
    .where(inArray(smeCertifications.smeId, smeIds));
  const holds = (smeId: string, scheme: CertificationScheme, endDate: string) =>
    certificates.some((c) => c.smeId === smeId && c.scheme === scheme && certificationValid(c.expires, endDate));

  const perAccount = new Map<
    string,
    Map<string, { title: string; homes: number; start: string; end: string; firms: Set<string>; skills: Set<Skill> }>
  >();
  for (const row of rows) {
    const certified = requiredCertifications(row.skill, row.extra).every((group) =>
      group.some((scheme) => holds(row.smeId, scheme, row.endDate)),
    );
    if (!certified) continue;
    const lotsOfAccount = perAccount.get(row.userId) ?? new Map();
    perAccount.set(row.userId, lotsOfAccount);
    const entry = lotsOfAccount.get(row.lotId) ?? {
      title: row.lotTitle,
      homes: row.homes,
      start: row.startDate,
      end: row.endDate,
      firms: new Set<string>(),
      skills: new Set<Skill>(),
    };
    entry.firms.add(row.firmName);
    entry.skills.add(row.skill);
    lotsOfAccount.set(row.lotId, entry);
  }

  const day = isoDay(now);
  return [...perAccount].map(([userId, found]) => {
    const count = found.size;
    return {
      userId,
      kind: 'new-lots' as const,
      eventKey: `new-lots:${userId}:${day}`,
      content: {
        subject: count === 1 ? 'A new lot your firm could work on' : `${count} new lots your firms could work on`,
        paragraphs: [
          count === 1
            ? 'A housing provider has posted a lot that matches what your firm does and where it works.'
            : `Housing providers have posted ${count} lots that match what your firms do and where they work.`,
          'Open a lot to see the consortia Lepa proposes for it and where your firm fits.',
        ],
        items: [...found].map(([lotId, lot]) => ({
          text: `${lot.title} — ${lot.homes} homes, ${longDate(lot.start)} to ${longDate(lot.end)}; ${[...lot.firms].join(', ')} for ${[...lot.skills].map((s) => SKILL_LABELS[s].toLowerCase()).join(', ')}`,
          link: appLink(`#/lots/${lotId}`),
        })),
        link: appLink('#/proposed'),
        linkText: 'See the lots you are proposed for',
      },
    };
  });
}

/** One mail per certificate and expiry date, once the date is 30 days away or nearer. */
export async function expiringCertificates(
  db: Executor,
  now: Date,
  appLink: (hash: string) => string,
): Promise<MailDraft[]> {
  const today = isoDay(now);
  const horizon = isoDay(new Date(now.getTime() + CERTIFICATE_WARNING_DAYS * DAY_MS));
  const rows = await db
    .select({
      id: smeCertifications.id,
      scheme: smeCertifications.scheme,
      expires: smeCertifications.expires,
      smeId: smes.id,
      firmName: smes.name,
      userId: smes.ownerId,
    })
    .from(smeCertifications)
    .innerJoin(smes, eq(smes.id, smeCertifications.smeId))
    .where(and(gte(smeCertifications.expires, today), lte(smeCertifications.expires, sql`${horizon}::date`)));
  return rows.map((row) => ({
    userId: row.userId,
    kind: 'certificate-expiring' as const,
    eventKey: `certificate:${row.id}:${row.expires}`,
    content: {
      subject: `${row.firmName}: ${SCHEME_LABELS[row.scheme]} certificate expires on ${longDate(row.expires)}`,
      paragraphs: [
        `The ${SCHEME_LABELS[row.scheme]} certificate of ${row.firmName} expires on ${longDate(row.expires)}.`,
        'Lots that end after that date will no longer count your firm for the work that needs it. Once you renew it, enter the new expiry date on your firm’s page.',
      ],
      link: appLink(`#/firms/${row.smeId}`),
      linkText: `Update ${row.firmName}`,
    },
  }));
}
