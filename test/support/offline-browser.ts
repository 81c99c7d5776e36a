import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium, as found (or installed) by the global setup. */
export const CHROMIUM = process.env.MPA_TEST_CHROMIUM || '/usr/bin/chromium';

export interface OfflineBrowser {
  readonly context: BrowserContext;
  /** Every URL the pages asked for, in order, allowed or not. */
  readonly requested: string[];
  /** The requests that were refused because they left the allowed origins. A test fails on any. */
  offsite(): string[];
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

export interface OfflineBrowserOptions {
  /** Default Playwright's 1280×720. The pages' viewport (screenshots are taken at this width). */
  readonly viewport?: { readonly width: number; readonly height: number };
}

/**
 * Headless Chromium in a throwaway profile that may talk to `origins` (gateways on 127.0.0.1,
 * or whatever URLs a predicate accepts, such as one report file) and nothing else: every other request is recorded and refused, so a page that reached for
 * the internet fails its test instead of quietly working here and not offline.
 */
export async function launchOfflineBrowser(
  origins: string | readonly string[] | ((url: string) => boolean),
  options: OfflineBrowserOptions = {},
): Promise<OfflineBrowser> {
  const prefixes = typeof origins === 'function' ? [] : (typeof origins === 'string' ? [origins] : origins).map((origin) => `${origin}/`);
  const profile = mkdtempSync(path.join(tmpdir(), 'mpa-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  const requested: string[] = [];
  const allowed = typeof origins === 'function' ? origins : (url: string) => prefixes.some((prefix) => url.startsWith(prefix));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requested.push(url);
    return allowed(url) ? route.continue() : route.abort();
  });
  return {
    context,
    requested,
    offsite: () => requested.filter((url) => !allowed(url)),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
