import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import SwaggerParser from '@apidevtools/swagger-parser';
import { startTestApp, type TestApp } from '../support/app.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  responses?: Record<string, { description?: string }>;
}
type OpenApi = { paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>> } & Record<
  string,
  unknown
>;

/** "GET /api/smes/{id}" (operationId) — what a failure names so the route is easy to find. */
function operationAt(document: OpenApi, pointer: string | undefined): string {
  const match = /^#\/paths\/([^/]+)\/([a-z]+)/.exec(pointer ?? '');
  if (!match) return pointer ?? '(document)';
  const path = match[1]!.replaceAll('~1', '/').replaceAll('~0', '~');
  const method = match[2] as (typeof METHODS)[number];
  const operationId = document.paths[path]?.[method]?.operationId;
  return `${method.toUpperCase()} ${path}${operationId ? ` (${operationId})` : ''}`;
}

function describeProblem(document: OpenApi, problem: NormalizedProblem): string {
  const pointer = problem.location[0]?.pointer;
  return `${operationAt(document, pointer)}: [${problem.ruleId}] ${problem.message} at ${pointer ?? '?'}`;
}

/**
 * The OpenAPI document at /docs/json as outside tools take it: redocly's recommended ruleset with no
 * errors, swagger-parser's validation, and what a reader needs on every operation.
 */
describe('the OpenAPI document', () => {
  let test: TestApp;
  let source: string;
  let document: OpenApi;
  beforeAll(async () => {
    test = await startTestApp();
    const response = await test.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    source = response.body;
    document = JSON.parse(source) as OpenApi;
  });
  afterAll(() => test?.close());

  it('passes the redocly recommended lint with no errors', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: '/docs/json', config });
    const errors = problems.filter((problem) => problem.severity === 'error').map((p) => describeProblem(document, p));
    expect(errors, errors.join('\n')).toEqual([]);
    const warnings = problems.filter((problem) => problem.severity === 'warn').map((p) => describeProblem(document, p));
    if (warnings.length) console.log(`redocly warnings (${warnings.length}):\n${warnings.join('\n')}`);
  });

  it('validates with swagger-parser', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it('gives every operation an operationId, summary, tags and described responses', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const name = `${method.toUpperCase()} ${path}`;
        if (!operation.operationId) missing.push(`${name}: no operationId`);
        if (!operation.summary) missing.push(`${name}: no summary`);
        if (!operation.tags?.length) missing.push(`${name}: no tags`);
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          if (!response.description || response.description === 'Default Response') {
            missing.push(`${name}: response ${status} has no description of its own`);
          }
        }
      }
    }
    expect(missing, missing.join('\n')).toEqual([]);
  });

  it('has servers and no path that differs from another only by a trailing slash', () => {
    expect(document.servers).toEqual(expect.arrayContaining([expect.objectContaining({ url: expect.any(String) })]));
    const paths = Object.keys(document.paths);
    const duplicates = paths.filter((path) => path.endsWith('/') && paths.includes(path.slice(0, -1)));
    expect(duplicates).toEqual([]);
  });
});
