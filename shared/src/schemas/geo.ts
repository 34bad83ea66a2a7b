import { Type, type Static } from 'typebox';
import { Location } from './common.ts';

/** How a firm's or lot's location was known: set exactly, or the centre of its postcode's district (good to a few km). */
export const LocationSource = Type.Enum(['postcode-district', 'exact'], {
  description: '"exact" when a location was given; "postcode-district" when it is the centre of the postcode district',
});
export type LocationSource = Static<typeof LocationSource>;

export const PostcodeParams = Type.Object(
  { postcode: Type.String({ minLength: 1, maxLength: 12, description: 'A UK postcode or its outward code' }) },
  { additionalProperties: false },
);

export const PostcodePlace = Type.Object(
  {
    postcode: Type.String({ description: 'In its usual form, e.g. "B23 6TN"' }),
    outcode: Type.String({ description: 'The outward code, e.g. "B23"' }),
    location: Location,
    district: Type.String({ description: 'The district or county the postcode district lies in, e.g. "Birmingham"' }),
    area: Type.Union([Type.String(), Type.Null()], {
      description: 'The locality the postcode district is known by, e.g. "Erdington", where known',
    }),
  },
  { description: 'Where a postcode is: the centre of its district' },
);
export type PostcodePlace = Static<typeof PostcodePlace>;

/** "B23 — Erdington area, Birmingham": how forms show a postcode's place. */
export function postcodePlaceWords(place: Pick<PostcodePlace, 'outcode' | 'district' | 'area'>): string {
  return place.area && place.area !== place.district
    ? `${place.outcode} — ${place.area} area, ${place.district}`
    : `${place.outcode} — ${place.district}`;
}
