import { describe, expect, it } from 'vitest';
import {
  certificationValid,
  effectiveUnitCost,
  haversineKm,
  requiredCertifications,
  roundPennies,
  socialValueScore,
  toPennies,
  windowDays,
} from './scoring.ts';

describe('haversineKm', () => {
  it('is zero for the same point and symmetric', () => {
    const birmingham = { lat: 52.4862, lon: -1.8904 };
    const coventry = { lat: 52.4068, lon: -1.5197 };
    expect(haversineKm(birmingham, birmingham)).toBe(0);
    expect(haversineKm(birmingham, coventry)).toBeCloseTo(haversineKm(coventry, birmingham), 12);
  });

  it('uses R = 6371.0088 km (one degree of latitude ≈ 111.195 km)', () => {
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo((6371.0088 * Math.PI) / 180, 9);
  });

  it('measures Birmingham to Coventry at about 27 km', () => {
    expect(haversineKm({ lat: 52.4862, lon: -1.8904 }, { lat: 52.4068, lon: -1.5197 })).toBeCloseTo(26.63, 1);
  });
});

describe('socialValueScore', () => {
  const none = { realLivingWage: false, apprentices: 0, localEmployeesPct: 0, charterSignatory: false };
  it('is 0 for a subsidiary with no commitments and exactly 0.10 with all of them', () => {
    expect(socialValueScore(none, 'subsidiary')).toBe(0);
    expect(
      socialValueScore(
        { realLivingWage: true, apprentices: 2, localEmployeesPct: 90, charterSignatory: true },
        'co-operative',
      ),
    ).toBe(0.1);
  });
  it('adds 0.03 / 0.03 / 0.02 / 0.02', () => {
    expect(socialValueScore({ ...none, realLivingWage: true }, 'subsidiary')).toBe(0.03);
    expect(socialValueScore(none, 'independent')).toBe(0.03);
    expect(socialValueScore({ ...none, charterSignatory: true }, 'subsidiary')).toBe(0.02);
    expect(socialValueScore({ ...none, apprentices: 1 }, 'subsidiary')).toBe(0.02);
  });
});

describe('windowDays', () => {
  it('counts 2027-03-01 to 2027-03-31 as 30 days, across DST and leap years', () => {
    expect(windowDays('2027-03-01', '2027-03-31')).toBe(30);
    expect(windowDays('2027-03-01', '2027-04-01')).toBe(31);
    expect(windowDays('2028-02-01', '2028-03-01')).toBe(29);
    expect(windowDays('2027-01-01', '2028-01-01')).toBe(365);
  });
});

describe('certificationValid', () => {
  it('accepts expiry on or after the lot end date', () => {
    expect(certificationValid('2027-03-31', '2027-03-31')).toBe(true);
    expect(certificationValid('2027-04-01', '2027-03-31')).toBe(true);
    expect(certificationValid('2027-03-30', '2027-03-31')).toBe(false);
  });

  it('judges any two dates as their days in time do, whether or not the days exist', () => {
    // Every pair drawn from days around month and year ends, leap days included, and days that do not exist
    // (which Date.UTC moves on: 2027-02-30 is 2 March).
    const dates: string[] = [];
    for (const year of ['1900', '2000', '2027', '2028'])
      for (const month of ['00', '01', '02', '03', '04', '12', '13'])
        for (const day of ['00', '01', '28', '29', '30', '31', '32']) dates.push(`${year}-${month}-${day}`);
    const time = (date: string) => {
      const [year, month, day] = date.split('-').map(Number);
      return Date.UTC(year!, month! - 1, day!);
    };
    for (const expires of dates)
      for (const lotEnd of dates) expect(certificationValid(expires, lotEnd)).toBe(time(expires) >= time(lotEnd));
  });

  it('refuses what is not a YYYY-MM-DD date', () => {
    expect(() => certificationValid('2027-3-31', '2027-03-31')).toThrow(RangeError);
    expect(() => certificationValid('2027-03-31', 'soon')).toThrow(RangeError);
  });
});

describe('requiredCertifications', () => {
  it('returns the defaults with any-of groups', () => {
    expect(requiredCertifications('electrical', [])).toEqual([['niceic', 'napit']]);
    expect(requiredCertifications('roofing', [])).toEqual([]);
    expect(requiredCertifications('air-source-heat-pump', [])).toEqual([['mcs']]);
  });
  it('adds each per-lot extra as its own requirement, once', () => {
    expect(requiredCertifications('electrical', ['niceic', 'trustmark'])).toEqual([
      ['niceic', 'napit'],
      ['niceic'],
      ['trustmark'],
    ]);
    expect(requiredCertifications('solar-pv', ['mcs', 'trustmark', 'trustmark'])).toEqual([['mcs'], ['trustmark']]);
  });
});

describe('effectiveUnitCost and pennies', () => {
  it('applies the social value discount and travel', () => {
    const cost = effectiveUnitCost({
      unitPrice: 1000,
      socialValue: 0.1,
      socialValueWeight: 1,
      travelCostPerUnitKm: 2,
      distanceKm: 12.5,
    });
    expect(cost).toBeCloseTo(925, 9);
  });
  it('rounds to the penny', () => {
    expect(roundPennies(12.344)).toBe(12.34);
    expect(roundPennies(12.346)).toBe(12.35);
    expect(toPennies(12.346)).toBe(1235);
  });
});
