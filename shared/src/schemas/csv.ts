import { Type, type Static } from 'typebox';
import { Id } from './common.ts';

/**
 * The columns of a firms CSV (header row required, any order; README "CSV
 * import" documents each). `capabilities` holds `skill:capacityPerMonth:unitPrice`
 * entries and `certifications` holds `scheme:expires[:reference]` entries,
 * each list separated by `;`.
 */
export const SME_CSV_COLUMNS = [
  'name',
  'postcode',
  'lat',
  'lon',
  'serviceRadiusKm',
  'employees',
  'ownership',
  'realLivingWage',
  'apprentices',
  'localEmployeesPct',
  'charterSignatory',
  'capabilities',
  'certifications',
] as const;
export type SmeCsvColumn = (typeof SME_CSV_COLUMNS)[number];
/** Columns that may be left out of the header or left empty; a firm needs `postcode` or both `lat` and `lon`. */
export const OPTIONAL_SME_CSV_COLUMNS: readonly SmeCsvColumn[] = ['postcode', 'lat', 'lon', 'certifications'];

/** One problem in a CSV file: line 1 is the header. */
export const CsvIssue = Type.Object({
  line: Type.Integer({ minimum: 1 }),
  field: Type.String(),
  message: Type.String(),
});
export type CsvIssue = Static<typeof CsvIssue>;

export const SmeImportResult = Type.Object({
  imported: Type.Integer(),
  items: Type.Array(Type.Object({ id: Id, name: Type.String(), line: Type.Integer() })),
  elapsedMs: Type.Integer({ description: 'Time spent parsing, checking and writing, for operators.' }),
});
export type SmeImportResult = Static<typeof SmeImportResult>;

export const SmeCsvBody = Type.String({
  description: 'A firms CSV (text/csv), header row first; see the README section "CSV import".',
});
