import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';

/** axe-core's source, evaluated through the DevTools protocol: the app's CSP (rightly) refuses injected script tags. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

/**
 * Runs axe-core in the page (or only in the part `include` selects) and answers
 * the serious and critical violations, described for a failure message.
 */
export async function seriousAxeViolations(page: Page, include?: string): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (selector) =>
      (window as unknown as { axe: { run(context?: unknown): Promise<AxeResults> } }).axe.run(
        selector ? { include: [selector] } : document,
      ),
    include ?? null,
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}
