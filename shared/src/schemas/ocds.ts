import { Type, type Static } from 'typebox';
import { Lot } from './lots.ts';

/**
 * An OCDS 1.1 release package. The server checks it against the official
 * release package schema (with the Lots extension), which is far larger than
 * anything worth restating here; see server/src/ocds/schema.
 */
export const OcdsReleasePackage = Type.Unknown({
  description: 'An OCDS 1.1 release package: https://standard.open-contracting.org/1.1/en/schema/release_package/',
});

export const OcdsImportResult = Type.Object({
  items: Type.Array(Lot, { description: 'The lots created, one per tender lot.' }),
});
export type OcdsImportResult = Static<typeof OcdsImportResult>;
