/**
 * Setup for component tests (jsdom). Times are shown in the patient's timezone, so pin one; and
 * any console.error a test did not ask for fails that test (React warnings are bugs).
 */
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { format } from 'node:util';

process.env.TZ = 'America/Los_Angeles';

let consoleErrors: string[] = [];
let allowed: RegExp[] = [];

/** Declare a console.error this test expects (e.g. React reporting an error boundary catch). */
export function allowConsoleError(pattern: RegExp): void {
  allowed.push(pattern);
}

beforeEach(() => {
  consoleErrors = [];
  allowed = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const message = format(...args);
    if (!allowed.some((pattern) => pattern.test(message))) consoleErrors.push(message);
  });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  const unexpected = consoleErrors;
  consoleErrors = [];
  if (unexpected.length > 0) {
    throw new Error(`Unexpected console.error during the test:\n${unexpected.join('\n---\n')}`);
  }
});
