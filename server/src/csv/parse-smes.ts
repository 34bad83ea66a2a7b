/** A firms CSV (columns in shared/src/schemas/csv.ts, README "CSV import") to SmeInputs, or every problem by line. */
import { parse } from 'csv-parse/sync';
import { Compile } from 'typebox/compile';
import {
  OPTIONAL_SME_CSV_COLUMNS,
  SME_CSV_COLUMNS,
  SmeInput,
  smeInputIssues,
  type CsvIssue,
  type SmeCsvColumn,
} from '@lepa/shared';
import { settlePlace, type Placed } from '../geo/place.ts';

export interface ParsedFirm {
  line: number;
  input: Placed<SmeInput>;
}

/** Compiled once: thousands of rows are checked per import. */
const checkSmeInput = Compile(SmeInput);

const TRUE = new Set(['yes', 'y', 'true', '1']);
const FALSE = new Set(['no', 'n', 'false', '0', '']);

/** SmeInput paths back to the column a value came from. */
function columnOf(path: string): string {
  const [head, second] = path.split('/').filter(Boolean);
  if (head === 'location' || head === 'socialValue') return second ?? head;
  return head ?? 'row';
}

function cells(record: Record<string, string>, line: number, issues: CsvIssue[]) {
  const number = (column: SmeCsvColumn) => {
    const text = record[column] ?? '';
    const value = Number(text);
    if (text === '' || !Number.isFinite(value))
      issues.push({ line, field: column, message: `"${text}" is not a number` });
    return value;
  };
  const flag = (column: SmeCsvColumn) => {
    const text = (record[column] ?? '').toLowerCase();
    if (!TRUE.has(text) && !FALSE.has(text))
      issues.push({ line, field: column, message: `"${record[column]}" is not yes or no` });
    return TRUE.has(text);
  };
  const list = (column: SmeCsvColumn) =>
    (record[column] ?? '')
      .split(';')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => entry.split(':').map((part) => part.trim()));
  return { number, flag, list };
}

function firmFrom(record: Record<string, string>, line: number, issues: CsvIssue[]): Placed<SmeInput> | undefined {
  const before = issues.length;
  const { number, flag, list } = cells(record, line, issues);
  const capabilities = list('capabilities').map(([skill, capacity, price], index) => {
    if (price === undefined)
      issues.push({
        line,
        field: 'capabilities',
        message: `entry ${index + 1} must be skill:capacityPerMonth:unitPrice`,
      });
    return { skill, capacityPerMonth: Number(capacity), unitPrice: Number(price) };
  });
  const certifications = list('certifications').map(([scheme, expires, ...reference], index) => {
    if (expires === undefined)
      issues.push({ line, field: 'certifications', message: `entry ${index + 1} must be scheme:expires[:reference]` });
    return reference.length > 0 ? { scheme, expires, reference: reference.join(':') } : { scheme, expires };
  });
  const input = {
    name: record.name ?? '',
    ...(record.postcode ? { postcode: record.postcode } : {}),
    // Without coordinates the postcode places the firm (its district's centre).
    ...(record.lat || record.lon || !record.postcode ? { location: { lat: number('lat'), lon: number('lon') } } : {}),
    serviceRadiusKm: number('serviceRadiusKm'),
    employees: number('employees'),
    ownership: record.ownership ?? '',
    capabilities,
    certifications,
    socialValue: {
      realLivingWage: flag('realLivingWage'),
      apprentices: number('apprentices'),
      localEmployeesPct: number('localEmployeesPct'),
      charterSignatory: flag('charterSignatory'),
    },
  };
  if (issues.length > before) return undefined;
  const invalid = checkSmeInput.Check(input) ? [] : [...checkSmeInput.Errors(input)];
  for (const error of invalid) issues.push({ line, field: columnOf(error.instancePath), message: error.message });
  if (invalid.length > 0) return undefined;
  const place = settlePlace(input as SmeInput);
  const rules = [...('issues' in place ? place.issues : []), ...smeInputIssues(input as SmeInput)];
  for (const rule of rules)
    issues.push({ line, field: columnOf(rule.field.replace(/\./g, '/')), message: rule.message });
  return rules.length > 0 || !('placed' in place) ? undefined : place.placed;
}

/** All firms of the file, or (when anything is wrong) every problem found with its line. */
export function parseSmeCsv(text: string, maxRows: number): { firms: ParsedFirm[]; issues: CsvIssue[] } {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, { columns: true, info: true, bom: true, trim: true, skip_empty_lines: true });
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    return { firms: [], issues: [{ line: lines ?? 1, field: 'file', message }] };
  }
  const header = rows[0]
    ? Object.keys(rows[0].record)
    : text
        .split(/\r?\n/, 1)[0]!
        .split(',')
        .map((c) => c.trim());
  const issues: CsvIssue[] = [
    ...header
      .filter((c) => !(SME_CSV_COLUMNS as readonly string[]).includes(c))
      .map((c) => ({ line: 1, field: c, message: 'is not a column of the firms CSV' })),
    ...SME_CSV_COLUMNS.filter((c) => !OPTIONAL_SME_CSV_COLUMNS.includes(c) && !header.includes(c)).map((c) => ({
      line: 1,
      field: c,
      message: 'column is missing',
    })),
  ];
  if (rows.length === 0) issues.push({ line: 1, field: 'file', message: 'has no firms below the header' });
  if (rows.length > maxRows)
    issues.push({ line: 1, field: 'file', message: `has ${rows.length} firms; at most ${maxRows} per import` });
  if (issues.length > 0) return { firms: [], issues };

  const firms: ParsedFirm[] = [];
  for (const { record, info } of rows) {
    const input = firmFrom(record, info.lines, issues);
    if (input) firms.push({ line: info.lines, input });
  }
  return issues.length > 0 ? { firms: [], issues } : { firms, issues };
}
