/**
 * Where Chromium is and how it is started, with nothing of vitest's in it: the e2e global setup
 * (test/e2e/global-setup.ts) starts the run's one Chromium from here, test files and scripts through
 * test/support/chromium.ts.
 */
import { existsSync } from 'node:fs';
import type { LaunchOptions } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

/** How Chromium runs on this kind of machine (a container, no GPU, no network of its own): tests and Lighthouse alike. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [
    ...CHROMIUM_FLAGS,
    '--disable-quic',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
  ],
};
