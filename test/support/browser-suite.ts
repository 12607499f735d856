/**
 * One browser test file's set-up, said once: the real server (SPA + proxy + sandbox) on free
 * ports, the run's shared Chromium, a fresh context for each page (closed after each test: a page
 * left open keeps polling the server and would use up the next test's faults), and the sandbox's
 * control routes.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Download, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { RunningServer } from '../../server/main';
import { connectBrowser, startTestServer, watchConsole } from './chromium';

type Env = Record<string, string>;
type Viewport = { width: number; height: number };

export interface BrowserSuiteOptions {
  /** The server's environment; a function when it names something an earlier `beforeAll` started (a host page's origin). */
  env?: Env | (() => Env);
  /** The sandbox clinic's own insurers and prices (startTestServer); without it, bookings have no payment step. */
  payment?: boolean;
  /** Every context's options (locale, time zone); a page may add its own. */
  context?: BrowserContextOptions;
}

export function useBrowserSuite(options: BrowserSuiteOptions = {}) {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const env = typeof options.env === 'function' ? options.env() : options.env;
    [server, browser] = await Promise.all([startTestServer(env, { payment: options.payment }), connectBrowser()]);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function started<T>(what: T | undefined, name: string): T {
    if (what === undefined) throw new Error(`${name} is not started yet (used before beforeAll?)`);
    return what;
  }

  const suite = {
    get server(): RunningServer {
      return started(server, 'the test server');
    },
    get url(): string {
      return suite.server.url;
    },
    get browser(): Browser {
      return started(browser, 'Chromium');
    },

    /** A new context (another browser profile: no cookies), closed after the test. */
    async newContext(opts: BrowserContextOptions = {}): Promise<BrowserContext> {
      const context = await suite.browser.newContext({ ...options.context, ...opts });
      contexts.push(context);
      return context;
    },

    /** A page in a new context, and the console errors it logs (see watchConsole). */
    async newPage(viewport: Viewport, opts: BrowserContextOptions = {}): Promise<[Page, string[]]> {
      const page = await (await suite.newContext({ viewport, ...opts })).newPage();
      return [page, watchConsole(page)];
    },

    /** POST to the sandbox's control routes (faults, payment, clock, room); fails the test unless it succeeds. */
    async control(path: string, body: unknown): Promise<void> {
      const res = await fetch(`${suite.url}/sandbox/control/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.ok, `sandbox control ${path}: ${res.status}`).toBe(true);
    },

    /** The sandbox answers the next matching call with this fault (server/vsee-sandbox/faults.ts). */
    fault(spec: Record<string, unknown>): Promise<void> {
      return suite.control('faults', spec);
    },

    async clearFaults(): Promise<void> {
      const res = await fetch(`${suite.url}/sandbox/control/faults`, { method: 'DELETE' });
      expect(res.ok, `clearing faults: ${res.status}`).toBe(true);
    },
  };
  return suite;
}
export type BrowserSuite = ReturnType<typeof useBrowserSuite>;

/**
 * A download's bytes. The shared Chromium is connected to, not launched by this process, and
 * Playwright gives no local path for a connected browser's downloads: read its stream instead.
 */
export async function downloaded(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
