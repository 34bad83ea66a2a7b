/**
 * Where demo firms are based: real West Midlands towns and Birmingham districts
 * with approximate centres and their real postcode districts.
 */

export type Area =
  'Birmingham' | 'Black Country' | 'Coventry' | 'Solihull' | 'Staffordshire' | 'Warwickshire' | 'Worcestershire';

export interface Town {
  name: string;
  area: Area;
  lat: number;
  lon: number;
  /** Outward codes used in the town, e.g. "B23". */
  districts: readonly string[];
  /** How far from the centre firms are scattered; cities sprawl further than districts. */
  spreadKm: number;
  /** Relative share of the region's firms. */
  weight: number;
}

const district = (name: string, lat: number, lon: number, districts: string[]): Town => ({
  name,
  area: 'Birmingham',
  lat,
  lon,
  districts,
  spreadKm: 1.2,
  weight: 5,
});

export const TOWNS: readonly Town[] = [
  district('Aston', 52.504, -1.883, ['B6']),
  district('Erdington', 52.5235, -1.8385, ['B23', 'B24']),
  district('Handsworth', 52.506, -1.928, ['B20', 'B21']),
  district('Kings Heath', 52.433, -1.893, ['B14']),
  district('Selly Oak', 52.438, -1.937, ['B29']),
  district('Small Heath', 52.471, -1.857, ['B10']),
  district('Sparkhill', 52.457, -1.864, ['B11']),
  district('Northfield', 52.415, -1.97, ['B31']),
  district('Longbridge', 52.396, -1.983, ['B31', 'B45']),
  district('Acocks Green', 52.449, -1.819, ['B27']),
  district('Harborne', 52.46, -1.953, ['B17']),
  district('Edgbaston', 52.462, -1.925, ['B15', 'B16']),
  district('Perry Barr', 52.52, -1.9, ['B42']),
  district('Yardley', 52.476, -1.801, ['B25', 'B26']),
  district('Digbeth', 52.475, -1.883, ['B5', 'B12']),
  district('Hall Green', 52.43, -1.843, ['B28']),
  district('Moseley', 52.446, -1.888, ['B13']),
  district('Stirchley', 52.43, -1.923, ['B30']),
  district('Kingstanding', 52.55, -1.887, ['B44']),
  {
    name: 'Coventry',
    area: 'Coventry',
    lat: 52.4081,
    lon: -1.5106,
    districts: ['CV1', 'CV2', 'CV3', 'CV5', 'CV6'],
    spreadKm: 3.5,
    weight: 18,
  },
  {
    name: 'Wolverhampton',
    area: 'Black Country',
    lat: 52.5862,
    lon: -2.1288,
    districts: ['WV1', 'WV2', 'WV3', 'WV4', 'WV6', 'WV10', 'WV11'],
    spreadKm: 3.5,
    weight: 14,
  },
  {
    name: 'Walsall',
    area: 'Black Country',
    lat: 52.5862,
    lon: -1.9829,
    districts: ['WS1', 'WS2', 'WS3', 'WS4', 'WS5'],
    spreadKm: 2.5,
    weight: 8,
  },
  {
    name: 'Dudley',
    area: 'Black Country',
    lat: 52.5123,
    lon: -2.0811,
    districts: ['DY1', 'DY2', 'DY3'],
    spreadKm: 2.5,
    weight: 8,
  },
  {
    name: 'West Bromwich',
    area: 'Black Country',
    lat: 52.5187,
    lon: -1.9945,
    districts: ['B70', 'B71'],
    spreadKm: 2,
    weight: 6,
  },
  {
    name: 'Solihull',
    area: 'Solihull',
    lat: 52.413,
    lon: -1.778,
    districts: ['B90', 'B91', 'B92'],
    spreadKm: 2.5,
    weight: 7,
  },
  {
    name: 'Sutton Coldfield',
    area: 'Birmingham',
    lat: 52.563,
    lon: -1.822,
    districts: ['B72', 'B73', 'B74', 'B75', 'B76'],
    spreadKm: 2.5,
    weight: 6,
  },
  {
    name: 'Smethwick',
    area: 'Black Country',
    lat: 52.493,
    lon: -1.968,
    districts: ['B66', 'B67'],
    spreadKm: 1.5,
    weight: 4,
  },
  {
    name: 'Oldbury',
    area: 'Black Country',
    lat: 52.505,
    lon: -2.016,
    districts: ['B68', 'B69'],
    spreadKm: 1.5,
    weight: 4,
  },
  {
    name: 'Halesowen',
    area: 'Black Country',
    lat: 52.449,
    lon: -2.05,
    districts: ['B62', 'B63'],
    spreadKm: 2,
    weight: 4,
  },
  {
    name: 'Stourbridge',
    area: 'Black Country',
    lat: 52.456,
    lon: -2.148,
    districts: ['DY8', 'DY9'],
    spreadKm: 2,
    weight: 4,
  },
  { name: 'Tipton', area: 'Black Country', lat: 52.529, lon: -2.068, districts: ['DY4'], spreadKm: 1.5, weight: 3 },
  {
    name: 'Wednesbury',
    area: 'Black Country',
    lat: 52.551,
    lon: -2.023,
    districts: ['WS10'],
    spreadKm: 1.5,
    weight: 3,
  },
  { name: 'Bilston', area: 'Black Country', lat: 52.566, lon: -2.073, districts: ['WV14'], spreadKm: 1.5, weight: 3 },
  {
    name: 'Willenhall',
    area: 'Black Country',
    lat: 52.585,
    lon: -2.057,
    districts: ['WV12', 'WV13'],
    spreadKm: 1.5,
    weight: 3,
  },
  { name: 'Brownhills', area: 'Black Country', lat: 52.647, lon: -1.933, districts: ['WS8'], spreadKm: 1.5, weight: 2 },
  {
    name: 'Lichfield',
    area: 'Staffordshire',
    lat: 52.6816,
    lon: -1.826,
    districts: ['WS13', 'WS14'],
    spreadKm: 2,
    weight: 4,
  },
  {
    name: 'Tamworth',
    area: 'Staffordshire',
    lat: 52.633,
    lon: -1.695,
    districts: ['B77', 'B78', 'B79'],
    spreadKm: 2.5,
    weight: 4,
  },
  {
    name: 'Cannock',
    area: 'Staffordshire',
    lat: 52.691,
    lon: -2.027,
    districts: ['WS11', 'WS12'],
    spreadKm: 2,
    weight: 4,
  },
  { name: 'Burntwood', area: 'Staffordshire', lat: 52.68, lon: -1.92, districts: ['WS7'], spreadKm: 1.5, weight: 2 },
  {
    name: 'Nuneaton',
    area: 'Warwickshire',
    lat: 52.523,
    lon: -1.468,
    districts: ['CV10', 'CV11'],
    spreadKm: 2.5,
    weight: 5,
  },
  { name: 'Bedworth', area: 'Warwickshire', lat: 52.479, lon: -1.469, districts: ['CV12'], spreadKm: 1.5, weight: 3 },
  {
    name: 'Rugby',
    area: 'Warwickshire',
    lat: 52.37,
    lon: -1.265,
    districts: ['CV21', 'CV22'],
    spreadKm: 2.5,
    weight: 4,
  },
  {
    name: 'Warwick',
    area: 'Warwickshire',
    lat: 52.282,
    lon: -1.585,
    districts: ['CV34', 'CV35'],
    spreadKm: 2,
    weight: 3,
  },
  {
    name: 'Leamington Spa',
    area: 'Warwickshire',
    lat: 52.2852,
    lon: -1.5201,
    districts: ['CV31', 'CV32'],
    spreadKm: 2,
    weight: 4,
  },
  { name: 'Kenilworth', area: 'Warwickshire', lat: 52.3487, lon: -1.581, districts: ['CV8'], spreadKm: 1.5, weight: 2 },
  {
    name: 'Stratford-upon-Avon',
    area: 'Warwickshire',
    lat: 52.192,
    lon: -1.707,
    districts: ['CV37'],
    spreadKm: 2,
    weight: 3,
  },
  {
    name: 'Bromsgrove',
    area: 'Worcestershire',
    lat: 52.335,
    lon: -2.057,
    districts: ['B60', 'B61'],
    spreadKm: 2,
    weight: 3,
  },
  {
    name: 'Redditch',
    area: 'Worcestershire',
    lat: 52.309,
    lon: -1.945,
    districts: ['B97', 'B98'],
    spreadKm: 2.5,
    weight: 4,
  },
  {
    name: 'Kidderminster',
    area: 'Worcestershire',
    lat: 52.388,
    lon: -2.249,
    districts: ['DY10', 'DY11'],
    spreadKm: 2,
    weight: 3,
  },
  {
    name: 'Worcester',
    area: 'Worcestershire',
    lat: 52.192,
    lon: -2.22,
    districts: ['WR1', 'WR2', 'WR3', 'WR4', 'WR5'],
    spreadKm: 3,
    weight: 5,
  },
];

export function townNamed(name: string): Town {
  const town = TOWNS.find((t) => t.name === name);
  if (!town) throw new RangeError(`unknown demo town "${name}"`);
  return town;
}
