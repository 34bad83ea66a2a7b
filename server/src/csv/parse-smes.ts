/** A firms CSV (columns in shared/src/schemas/csv.ts, README "CSV import") to SmeInputs, or every problem by line. */
import { finished } from 'node:stream';
import { parse } from 'csv-parse';
import { Compile } from 'typebox/compile';
import {
  OPTIONAL_SME_CSV_COLUMNS,
  SME_CSV_COLUMNS,
  SmeInput,
  smeInputIssues,
  type CsvIssue,
  type SmeCsvColumn,
} from '@lepa/shared';
import { storableText } from '../common/json-types.ts';
import { settlePlace, type Placed } from '../geo/place.ts';

export interface ParsedFirm {
  line: number;
  input: Placed<SmeInput>;
}

/** Most problems a 400 lists; the rest are only counted. */
export const MAX_REPORTED_ISSUES = 100;
/** Entries in one list cell (capabilities, certifications): far above what a firm has, far below what hurts. */
const MAX_LIST_ENTRIES = 100;
/** One row's size; a whole register of 50,000 firms fits the body limit at a few hundred bytes a row. */
const MAX_ROW_BYTES = 64 * 1024;
const CHUNK_CHARS = 16 * 1024;

/** Keeps the first MAX_REPORTED_ISSUES problems and counts the rest: a bad file must not become a huge answer. */
export class IssueList {
  readonly items: CsvIssue[] = [];
  length = 0;
  push(issue: CsvIssue) {
    this.length += 1;
    if (this.items.length < MAX_REPORTED_ISSUES) this.items.push(issue);
  }
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

function cells(record: Record<string, string>, line: number, issues: IssueList) {
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
  const list = (column: SmeCsvColumn) => {
    const entries = (record[column] ?? '').split(';', MAX_LIST_ENTRIES + 2);
    if (entries.length > MAX_LIST_ENTRIES + 1) {
      issues.push({ line, field: column, message: `has more than ${MAX_LIST_ENTRIES} entries` });
      return [];
    }
    return entries
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => entry.split(':').map((part) => part.trim()));
  };
  return { number, flag, list };
}

function firmFrom(record: Record<string, string>, line: number, issues: IssueList): Placed<SmeInput> | undefined {
  const before = issues.length;
  for (const [column, text] of Object.entries(record)) {
    if (!storableText(text))
      issues.push({ line, field: column, message: 'must be text without NUL characters or unpaired surrogates' });
  }
  if (issues.length > before) return undefined;
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

function headerIssues(header: readonly string[]): CsvIssue[] {
  return [
    ...header
      .filter((c) => !(SME_CSV_COLUMNS as readonly string[]).includes(c))
      .map((c) => ({ line: 1, field: c, message: 'is not a column of the firms CSV' })),
    ...SME_CSV_COLUMNS.filter((c) => !OPTIONAL_SME_CSV_COLUMNS.includes(c) && !header.includes(c)).map((c) => ({
      line: 1,
      field: c,
      message: 'column is missing',
    })),
  ];
}

interface Parsed {
  record: Record<string, string>;
  info: { lines: number };
}

/**
 * All firms of the file, or (when anything is wrong) its problems by line: the first
 * MAX_REPORTED_ISSUES of them, and how many there were. The file is parsed as a stream and
 * parsing stops at a wrong header or at the first row over `maxRows`, yielding to other requests
 * every few milliseconds, so no file can hold the server up.
 */
export async function parseSmeCsv(
  text: string,
  maxRows: number,
): Promise<{ firms: ParsedFirm[]; issues: CsvIssue[]; issueCount: number }> {
  const issues = new IssueList();
  const firms: ParsedFirm[] = [];
  const parser = parse({
    columns: true,
    info: true,
    bom: true,
    trim: true,
    skip_empty_lines: true,
    max_record_size: MAX_ROW_BYTES,
  });
  let parseError: { lines?: number; message: string } | undefined;
  parser.on('error', (error) => (parseError ??= error as Error & { lines?: number }));
  let rows = 0;
  let stopped = false;

  /** Checks the records parsed so far; false once the file is known to be refused. */
  const take = () => {
    for (let item = parser.read() as Parsed | null; item !== null; item = parser.read() as Parsed | null) {
      const { record, info } = item;
      rows += 1;
      if (rows === 1) {
        for (const issue of headerIssues(Object.keys(record))) issues.push(issue);
        if (issues.length > 0) return false;
      }
      if (rows > maxRows) {
        issues.push({
          line: info.lines,
          field: 'file',
          message: `has more than ${maxRows} firms; at most ${maxRows} per import`,
        });
        return false;
      }
      const input = firmFrom(record, info.lines, issues);
      if (input && issues.length === 0) firms.push({ line: info.lines, input });
    }
    return true;
  };

  // Fed a slice at a time (the parser parses each write at once), checking and yielding between slices.
  for (let start = 0; start < text.length && !stopped; start += CHUNK_CHARS) {
    parser.write(text.slice(start, start + CHUNK_CHARS));
    stopped = !take() || parseError !== undefined;
    await new Promise((resolve) => setImmediate(resolve));
  }
  // The parser reports a bad quote a tick after the write that found it, so parseError is checked again here.
  if (!stopped && parseError === undefined) {
    await new Promise<void>((resolve) => {
      finished(parser, () => resolve());
      // A refusal leaves records unread, and then the stream never ends: stop waiting for it.
      parser.on('readable', () => {
        if (!take()) resolve();
      });
      parser.end();
    });
  }
  parser.destroy();
  if (parseError) issues.push({ line: parseError.lines ?? 1, field: 'file', message: parseError.message });
  if (rows === 0 && issues.length === 0) {
    const header = text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0]!
      .split(',')
      .map((c) => c.trim());
    for (const issue of headerIssues(header)) issues.push(issue);
    issues.push({ line: 1, field: 'file', message: 'has no firms below the header' });
  }
  return issues.length > 0
    ? { firms: [], issues: issues.items, issueCount: issues.length }
    : { firms, issues: [], issueCount: 0 };
}
