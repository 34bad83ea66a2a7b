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

function compile() {
  // The OCDS schemas carry their own keywords (codelist, omitWhenMerged, …), which strict mode would reject.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const release = mergePatch(read('release-schema-1.1.5.json'), read('lots-extension-release-schema.json'));
  // Lot.submissionTerms points at the Submission terms extension, which is not shipped: accept any object there.
  ajv.addSchema(mergePatch(release, { definitions: { SubmissionTerms: { type: 'object' } } }) as object);
  return ajv.compile(read('release-package-schema-1.1.5.json'));
}

let validatePackage: ReturnType<typeof compile> | undefined;

/** Schema issues of a release package (empty when it is valid); at most `limit`, most specific first. */
export function releasePackageIssues(document: unknown, limit = 20): SchemaIssue[] {
  validatePackage ??= compile();
  if (validatePackage(document)) return [];
  const issues = (validatePackage.errors ?? []).map((error) => ({
    path: error.instancePath || '/',
    message:
      error.keyword === 'required'
        ? `is missing ${String(error.params.missingProperty)}`
        : (error.message ?? 'is invalid'),
  }));
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
