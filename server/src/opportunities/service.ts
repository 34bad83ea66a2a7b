import { and, eq, gt, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { bookings, consortia, lots, type Db } from '@lepa/db';
import type { BookedUnits, EngineFirm } from '@lepa/engine';
import type { Opportunity, OpportunityPage, Skill, Sme } from '@lepa/shared';
import { AppError, forbidden, notFound } from '../common/errors.ts';
import { boundingBox, distanceKmSql } from '../common/geo-sql.ts';
import type { AuthenticatedUser } from '../auth/service.ts';
import type { LotStore } from '../lots/store.ts';
import type { SmeStore } from '../smes/store.ts';
import type { FastifyInstance } from 'fastify';
import { BOOKING_STATES, loadEngineInput, toEngineLot } from '../matching/engine-input.ts';
import { NEAR_MISS_EXTRA_KM, PROPOSALS_K, opportunityFor, unitPriceHint, unitPriceToJoin } from './hints.ts';
import { firmReachesLotSql } from './reach.ts';

/**
 * Price hints cost a few dozen engine solves each, so only the nearest lots
 * the firm is eligible for but not proposed on get one (documented in the README).
 */
const PRICE_HINT_LOTS = 3;

function engineFirmOf(sme: Sme): EngineFirm {
  return {
    id: sme.id,
    name: sme.name,
    location: sme.location,
    serviceRadiusKm: sme.serviceRadiusKm,
    employees: sme.employees,
    ownership: sme.ownership,
    capabilities: sme.capabilities,
    certifications: sme.certifications.map((c) => ({ scheme: c.scheme, expires: c.expires })),
    socialValue: sme.socialValue,
  };
}

export function createOpportunityService(deps: {
  db: Db;
  smeStore: SmeStore;
  lotStore: LotStore;
  proposals: Pick<FastifyInstance['matching'], 'answer'>;
  today: () => string;
}) {
  const { db, smeStore, lotStore, proposals, today } = deps;

  /** Open lots within the firm's radius plus the "nearly" margin that need one of its skills, nearest first. */
  async function lotsInReach(sme: Sme) {
    const box = boundingBox(sme.location, sme.serviceRadiusKm + NEAR_MISS_EXTRA_KM);
    const distance = distanceKmSql(lots.lat, lots.lon, sme.location);
    const firm = {
      id: sql`${sme.id}::uuid`,
      lat: sql`${sme.location.lat}::float8`,
      lon: sql`${sme.location.lon}::float8`,
      serviceRadiusKm: sql`${sme.serviceRadiusKm}::float8`,
    };
    const rows = await db
      .select({ id: lots.id })
      .from(lots)
      .where(
        and(
          eq(lots.status, 'open'),
          gte(lots.lat, box.minLat),
          lte(lots.lat, box.maxLat),
          gte(lots.lon, box.minLon),
          lte(lots.lon, box.maxLon),
          firmReachesLotSql(lots, firm),
        ),
      )
      .orderBy(distance, lots.id);
    const found = await Promise.all(rows.map((row) => lotStore.get(row.id)));
    return found.filter((lot) => lot !== undefined);
  }

  /** The firm's own bookings in windows overlapping [startDate, endDate). */
  async function bookedFor(smeId: string, startDate: string, endDate: string): Promise<BookedUnits[]> {
    const rows = await db
      .select({ skill: bookings.skill, units: bookings.units })
      .from(bookings)
      .innerJoin(consortia, eq(consortia.id, bookings.consortiumId))
      .where(
        and(
          eq(bookings.smeId, smeId),
          inArray(consortia.status, [...BOOKING_STATES]),
          lt(bookings.startDate, endDate),
          gt(bookings.endDate, startDate),
        ),
      );
    return rows.map((row) => ({ smeId, skill: row.skill as Skill, units: Number(row.units) }));
  }

  return {
    async forFirm(user: AuthenticatedUser, smeId: string): Promise<OpportunityPage> {
      const sme = await smeStore.get(smeId);
      if (!sme) throw notFound('Firm');
      if (sme.ownerId !== user.id)
        throw forbidden('Only the account that registered this firm may see its lots near it');
      const firm = engineFirmOf(sme);
      const items: Opportunity[] = [];
      let priceHintLots = 0;
      for (const lot of await lotsInReach(sme)) {
        let answer;
        try {
          answer = (await proposals.answer(lot.id, PROPOSALS_K)).answer;
        } catch (error) {
          // Closed between the list and now: it is no longer an opportunity.
          if (error instanceof AppError && (error.statusCode === 404 || error.statusCode === 409)) continue;
          throw error;
        }
        const engineLot = toEngineLot(lot);
        const core = opportunityFor({
          firm,
          lot: engineLot,
          booked: await bookedFor(sme.id, lot.startDate, lot.endDate),
          proposals: answer.proposals,
          today: today(),
        });
        if (!core) continue;
        const hints = [...core.hints];
        if (core.status === 'eligible' && priceHintLots < PRICE_HINT_LOTS) {
          priceHintLots += 1;
          const input = await loadEngineInput(db, lot);
          for (const skill of core.eligibleSkills) {
            const found = unitPriceToJoin(input, sme.id, skill);
            if (found) hints.push(unitPriceHint(skill, found));
          }
        }
        items.push({
          lot: {
            id: lot.id,
            title: lot.title,
            postcode: lot.postcode,
            location: lot.location,
            locationSource: lot.locationSource,
            startDate: lot.startDate,
            endDate: lot.endDate,
            skills: [...new Set(lot.requirements.map((r) => r.skill))],
          },
          distanceKm: core.distanceKm,
          skills: core.skills,
          status: core.status,
          bestRank: core.bestRank,
          hints,
        });
      }
      return { smeId, items, nextCursor: null };
    },
  };
}
export type OpportunityService = ReturnType<typeof createOpportunityService>;
