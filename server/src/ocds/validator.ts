/**
 * Validation against the official OCDS 1.1.5 release package schema with the
 * Lots extension applied, from the copies in ./schema (see its README), so
 * neither tests nor the server reach out to the network.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const read = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./schema/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** RFC 7386 JSON Merge Patch: how OCDS extensions amend the release schema. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

export interface SchemaIssue {
  /** JSON Pointer into the document, e.g. /releases/0/tender/items/2/quantity */
  path: string;
  message: string;
}

/** Most issues a 400 lists; the rest are only counted. */
export const MAX_REPORTED_ISSUES = 100;
const RELEASE_SCHEMA_ID = 'https://standard.open-contracting.org/schema/1__1__5/release-schema.json';

/**
 * Ajv checks `uniqueItems` by comparing every pair of items (quadratic: 6,000 releases took
 * seconds, 100,000 minutes). Arrays of releases are checked for duplicates by hashing instead;
 * inside a release the keyword is dropped (OCDS merges by `id`, and the import maps each lot once).
 */
function withoutUniqueItems(schema: unknown): unknown {
  const pending: unknown[] = [schema];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (!Array.isArray(node)) delete (node as Record<string, unknown>).uniqueItems;
    pending.push(...Object.values(node));
  }
  return schema;
}

function compile() {
  // The OCDS schemas carry their own keywords (codelist, omitWhenMerged, …), which strict mode would reject.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const release = mergePatch(read('release-schema-1.1.5.json'), read('lots-extension-release-schema.json'));
  // Lot.submissionTerms points at the Submission terms extension, which is not shipped: accept any object there.
  ajv.addSchema(
    withoutUniqueItems(mergePatch(release, { definitions: { SubmissionTerms: { type: 'object' } } })) as object,
  );
  // The package without its releases: those are checked one by one, so checking can stop early.
  const envelope = mergePatch(read('release-package-schema-1.1.5.json'), {
    properties: { releases: { items: null, uniqueItems: null } },
  }) as object;
  return { envelope: ajv.compile(envelope), release: ajv.getSchema(RELEASE_SCHEMA_ID)! };
}

let validators: ReturnType<typeof compile> | undefined;

type AjvErrors = ReturnType<typeof compile>['release']['errors'];

function issuesOf(errors: AjvErrors, prefix: string): SchemaIssue[] {
  return (errors ?? []).map((error) => ({
    path: `${prefix}${error.instancePath}` || '/',
    message:
      error.keyword === 'required'
        ? `is missing ${String(error.params.missingProperty)}`
        : (error.message ?? 'is invalid'),
  }));
}

/** The first `limit` issues, most specific first, without repeats. */
function firstDistinct(issues: SchemaIssue[], limit: number): SchemaIssue[] {
  const seen = new Set<string>();
  return issues
    .sort((a, b) => b.path.length - a.path.length)
    .filter((issue) => {
      const key = `${issue.path} ${issue.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, limit);
}

export interface SchemaCheck {
  /** At most MAX_REPORTED_ISSUES (or the limit asked for), most specific first. */
  issues: SchemaIssue[];
  /** Issues found before checking stopped. */
  total: number;
  /** Checking stopped at the limit: there may be more issues in later releases. */
  stoppedEarly: boolean;
}

/** Longest stretch of checking between two turns of the event loop. */
const SLICE_MS = 10;

/**
 * Schema issues of a release package (none when it is valid). Releases are checked one at a
 * time, checking stops once `limit` issues are known, and it yields to other requests every few
 * milliseconds, so a large or very wrong document neither takes long nor holds up the server.
 */
export async function checkReleasePackage(document: unknown, limit = MAX_REPORTED_ISSUES): Promise<SchemaCheck> {
  validators ??= compile();
  const found: SchemaIssue[] = validators.envelope(document) ? [] : issuesOf(validators.envelope.errors, '');
  const releases = (document as { releases?: unknown } | null)?.releases;
  let stoppedEarly = false;
  if (Array.isArray(releases)) {
    const seen = new Map<string, number>();
    let sliceStart = performance.now();
    for (const [index, release] of releases.entries()) {
      if (found.length >= limit) {
        stoppedEarly = index < releases.length;
        break;
      }
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
      if (!validators.release(release)) found.push(...issuesOf(validators.release.errors, `/releases/${index}`));
      const key = JSON.stringify(release);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else found.push({ path: `/releases/${index}`, message: `is the same release as /releases/${first}` });
    }
  }
  return { issues: firstDistinct(found, limit), total: found.length, stoppedEarly };
}

/** Schema issues of a release package (empty when it is valid); at most `limit`, most specific first. */
export async function releasePackageIssues(document: unknown, limit = 20): Promise<SchemaIssue[]> {
  return (await checkReleasePackage(document, limit)).issues;
}
