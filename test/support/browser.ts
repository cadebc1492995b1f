import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, or CHROMIUM_PATH when set (and there): the tests never download a browser of their own. */
export const CHROMIUM_PATH = (process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser']).find((file) => existsSync(file));

/**
 * Why the browser tests cannot run here, if they cannot. Said loudly, since a skipped browser test looks like a
 * passed one in a summary; under CI=true a missing Chromium is a failure, not a skip (.ci/run installs it).
 */
export function browserUnavailable(tests: string): string | undefined {
  if (CHROMIUM_PATH) return undefined;
  const reason = `no Chromium at ${process.env.CHROMIUM_PATH || '/usr/bin/chromium'} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') throw new Error(`${tests}: ${reason}; CI must run the browser tests`);
  console.warn(`\n*** SKIPPED ${tests}: ${reason} ***\n`);
  return reason;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a new empty profile and nothing that reaches beyond this machine. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'attrmock-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1500, height: 1100 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
