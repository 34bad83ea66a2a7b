import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { ensureClientBuilt } from './client-build.ts';

export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export interface E2e {
  t: TestApp;
  /** http://127.0.0.1:<port>, serving the built client and the API */
  url: string;
  browser: Browser;
  /** A fresh browser profile: its own cookies, so its own signed-in user. */
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** One test file's world: the built client, a real server on its own database and port, a browser. */
export async function startE2e(): Promise<E2e> {
  await ensureClientBuilt();
  await mkdir(ARTIFACTS, { recursive: true });
  const t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  return {
    t,
    url,
    browser,
    async newPage(viewport = DESKTOP) {
      const context = await browser.newContext({ viewport, baseURL: url });
      contexts.push(context);
      const page = await context.newPage();
      // Failures in the page would otherwise only show up as a missing element much later.
      page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
      return { context, page };
    },
    async close() {
      await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
      await browser.close();
      await t.close();
    },
  };
}
