/**
 * Setup for component tests (jsdom). Times are shown in the patient's timezone, so pin one; and
 * any console.error a test did not ask for fails that test (React warnings are bugs).
 */
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { format } from 'node:util';
import { resetLanguage } from '../../src/lib/i18n/language';
import { resetTimeZoneChoice } from '../../src/lib/time-zone';

process.env.TZ = 'America/Los_Angeles';

// A page's first render loads its lazy route module; on a busy machine (CI, several suites at once)
// that alone can pass the default 1 s of findBy*. Waiting longer only slows a failing test.
configure({ asyncUtilTimeout: 5_000 });

installDialogPolyfill();
installObjectUrls();
// As index.html starts: <html lang="en">.
resetLanguage();

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
  // The patient's choice of timezone lives for the browser session; each test is a new one.
  resetTimeZoneChoice();
  // So is the language: every test starts in English, whatever the last one switched to.
  resetLanguage();
  // And whether this tab ever had a session (src/lib/had-session.ts).
  sessionStorage.clear();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  const unexpected = consoleErrors;
  consoleErrors = [];
  if (unexpected.length > 0) {
    throw new Error(`Unexpected console.error during the test:\n${unexpected.join('\n---\n')}`);
  }
});

/**
 * jsdom has HTMLDialogElement but not show/showModal/close. Just enough of the browser's behaviour
 * for the tests: `open` follows the calls, and Escape fires a cancelable `cancel`, then closes the
 * topmost modal dialog unless the cancel was prevented; closing fires `close`.
 */
function installDialogPolyfill(): void {
  const proto = HTMLDialogElement.prototype;
  if (typeof proto.showModal === 'function') return;
  const modals: HTMLDialogElement[] = [];

  proto.show = function show(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.showModal = function showModal(this: HTMLDialogElement) {
    if (this.open) throw new DOMException('The dialog is already open.', 'InvalidStateError');
    if (!this.isConnected) throw new DOMException('The dialog is not in a document.', 'InvalidStateError');
    this.setAttribute('open', '');
    modals.push(this);
  };
  proto.close = function close(this: HTMLDialogElement, returnValue?: string) {
    if (!this.open) return;
    this.removeAttribute('open');
    const index = modals.indexOf(this);
    if (index >= 0) modals.splice(index, 1);
    if (returnValue !== undefined) this.returnValue = returnValue;
    this.dispatchEvent(new Event('close'));
  };

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    // Dialogs a test left open are gone from the page after cleanup.
    for (let i = modals.length - 1; i >= 0; i -= 1) if (!modals[i]?.isConnected) modals.splice(i, 1);
    const top = modals.at(-1);
    if (!top) return;
    const proceed = top.dispatchEvent(new Event('cancel', { cancelable: true }));
    if (proceed) top.close();
  });
}

/**
 * Blobs behind the object URLs the page made, to read them back. jsdom has no object URLs (the
 * URL here may be Node's, whose object URLs take only Node's own Blobs), so tests get these.
 */
export const objectUrls = new Map<string, Blob>();

function installObjectUrls(): void {
  let next = 0;
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    next += 1;
    const url = `blob:http://localhost/object-${next}`;
    if (blob instanceof Blob) objectUrls.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = (url: string) => {
    objectUrls.delete(url);
  };
}
