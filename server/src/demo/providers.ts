/** The demo housing providers and the real neighbourhoods where their homes are. */

export interface Neighbourhood {
  name: string;
  lat: number;
  lon: number;
  /** Outward postcode district. */
  district: string;
}

export interface Provider {
  key: string;
  name: string;
  neighbourhoods: readonly Neighbourhood[];
}

const place = (name: string, lat: number, lon: number, district: string): Neighbourhood => ({
  name,
  lat,
  lon,
  district,
});

export const PROVIDERS: readonly Provider[] = [
  {
    key: 'provider1',
    name: 'Brumside Homes',
    neighbourhoods: [
      place('Castle Vale', 52.52, -1.79, 'B35'),
      place('Kingstanding', 52.548, -1.888, 'B44'),
      place('Druids Heath', 52.405, -1.875, 'B14'),
      place('Ladywood', 52.478, -1.92, 'B16'),
      place('Shard End', 52.492, -1.77, 'B34'),
      place('Bartley Green', 52.435, -2.0, 'B32'),
      place('Stechford', 52.484, -1.81, 'B33'),
      place('Balsall Heath', 52.459, -1.888, 'B12'),
      place('Nechells', 52.494, -1.865, 'B7'),
    ],
  },
  {
    key: 'provider2',
    name: 'Black Country Housing Partnership',
    neighbourhoods: [
      place('Princes End, Tipton', 52.547, -2.055, 'DY4'),
      place('Priory Estate, Dudley', 52.507, -2.092, 'DY1'),
      place('Friar Park, Wednesbury', 52.548, -1.995, 'WS10'),
      place('Cape Hill, Smethwick', 52.492, -1.954, 'B66'),
      place('Brierley Hill', 52.481, -2.12, 'DY5'),
      place('Cradley Heath', 52.472, -2.082, 'B64'),
      place('Netherton', 52.49, -2.08, 'DY2'),
      place('Stowlawn, Bilston', 52.563, -2.061, 'WV14'),
    ],
  },
  {
    key: 'provider3',
    name: 'Coventry Community Homes',
    neighbourhoods: [
      place('Canley', 52.397, -1.563, 'CV4'),
      place('Tile Hill', 52.403, -1.59, 'CV4'),
      place('Willenhall, Coventry', 52.389, -1.478, 'CV3'),
      place('Hillfields', 52.413, -1.499, 'CV1'),
      place('Foleshill', 52.427, -1.499, 'CV6'),
      place('Wood End', 52.442, -1.469, 'CV2'),
      place('Bell Green', 52.437, -1.477, 'CV2'),
      place('Stoke Aldermoor', 52.399, -1.474, 'CV3'),
    ],
  },
  {
    key: 'provider4',
    name: 'Walsall Housing Trust',
    neighbourhoods: [
      place('Blakenall', 52.605, -1.988, 'WS3'),
      place('Beechdale', 52.595, -2.007, 'WS2'),
      place('Goscote', 52.612, -1.972, 'WS3'),
      place('Darlaston', 52.57, -2.031, 'WS10'),
      place('Bloxwich', 52.618, -2.004, 'WS3'),
      place('Brownhills', 52.647, -1.933, 'WS8'),
      place('Pelsall', 52.63, -1.97, 'WS3'),
      place('Leamore', 52.603, -2.001, 'WS3'),
    ],
  },
  {
    key: 'provider5',
    name: 'Solihull Neighbourhoods',
    neighbourhoods: [
      place('Chelmsley Wood', 52.479, -1.733, 'B37'),
      place("Smith's Wood", 52.495, -1.735, 'B36'),
      place('Kingshurst', 52.496, -1.758, 'B37'),
      place('Fordbridge', 52.487, -1.738, 'B37'),
      place('Shirley', 52.404, -1.82, 'B90'),
      place('Olton', 52.438, -1.805, 'B92'),
      place('Castle Bromwich', 52.504, -1.788, 'B36'),
      place('Meriden', 52.437, -1.646, 'CV7'),
    ],
  },
];

export function neighbourhood(providerKey: string, name: string): Neighbourhood {
  const found = PROVIDERS.find((p) => p.key === providerKey)?.neighbourhoods.find((n) => n.name === name);
  if (!found) throw new RangeError(`unknown neighbourhood "${name}" of ${providerKey}`);
  return found;
}
