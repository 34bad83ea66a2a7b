/**
 * Proportionate social value: derived from the members' profiles only, so a
 * small firm never fills in another form. Shares are of the contract value,
 * Σ unitPrice × quantity, because that is the money the firms receive; the
 * model's social value discount and travel term shape the ranking, they are
 * not paid to anyone.
 */
import type { EngineFirm, SocialValueSummary } from './types.ts';

export const LOCAL_RADIUS_KM = 25;
export const MICRO_FIRM_STAFF = 10;
export const SMALL_FIRM_STAFF = 50;

export interface MemberContract {
  firm: EngineFirm;
  distanceKm: number;
  /** Σ unitPrice × quantity for this member */
  contractValue: number;
}

export function socialValueSummary(contracts: readonly MemberContract[]): SocialValueSummary {
  const total = contracts.reduce((sum, contract) => sum + contract.contractValue, 0);
  const share = (qualifies: (contract: MemberContract) => boolean): number => {
    if (total <= 0) return 0;
    const value = contracts.filter(qualifies).reduce((sum, contract) => sum + contract.contractValue, 0);
    return Math.round((value / total) * 1000) / 10;
  };
  return {
    contractValue: Math.round(total * 100) / 100,
    localSharePct: share((contract) => contract.distanceKm <= LOCAL_RADIUS_KM),
    microFirmSharePct: share((contract) => contract.firm.employees < MICRO_FIRM_STAFF),
    smallFirmSharePct: share((contract) => contract.firm.employees < SMALL_FIRM_STAFF),
    realLivingWageSharePct: share((contract) => contract.firm.socialValue.realLivingWage),
    nonSubsidiarySharePct: share((contract) => contract.firm.ownership !== 'subsidiary'),
    charterSignatorySharePct: share((contract) => contract.firm.socialValue.charterSignatory),
    apprentices: contracts.reduce((sum, contract) => sum + Math.max(0, contract.firm.socialValue.apprentices), 0),
  };
}
