import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (tests/support/ensure-chromium.sh installs it); Playwright's own browser downloads are not available here. */
export const CHROMIUM_PATH = process.env.LEPA_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a quiet, hermetic headless run: no sandbox (containers run as root), no GPU, no phoning home. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true });
}
