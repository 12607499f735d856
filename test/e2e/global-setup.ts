import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { buildAll } from '../../scripts/build';
import { hasChromium, LAUNCH_OPTIONS } from '../support/chromium-launch';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's one Chromium (test/support/chromium.ts connectBrowser); null without Chromium. */
    chromiumEndpoint: string | null;
  }
}

/**
 * Browser tests run against the built SPA, as `npm start` serves it, built once for the run; and
 * in one Chromium for the run, started while the build runs. Each file connects to it and opens
 * contexts of its own (closed after each test), so files still share no cookies or pages.
 */
export default async function setup(project: TestProject) {
  const [, browserServer] = await Promise.all([buildAll(), hasChromium ? chromium.launchServer(LAUNCH_OPTIONS) : null]);
  project.provide('chromiumEndpoint', browserServer?.wsEndpoint() ?? null);
  return async () => {
    await browserServer?.close();
  };
}
