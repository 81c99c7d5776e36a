import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium, as found (or installed) by the global setup. */
const CHROMIUM = process.env.MPA_TEST_CHROMIUM || '/usr/bin/chromium';

export interface OfflineChromium {
  readonly context: BrowserContext;
  /** Every URL the pages asked for, allowed or not. */
  readonly requested: string[];
  close(): Promise<void>;
}

/**
 * Headless Chromium in a fresh profile where only URLs `allowed` accepts are fetched: every
 * other request is recorded (so a test can fail on it) and never leaves the machine.
 */
export async function launchOfflineChromium(allowed: (url: string) => boolean): Promise<OfflineChromium> {
  const profile = mkdtempSync(path.join(tmpdir(), 'mpa-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const requested: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requested.push(url);
    return allowed(url) ? route.continue() : route.abort();
  });
  return {
    context,
    requested,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
