/**
 * Real Chromium for browser tests (Debian's /usr/bin/chromium driven by playwright-core).
 * Absent on a developer machine → the tests skip and say why; absent under CI=true → they fail.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/main';
import { CHROMIUM_PATH, hasChromium, LAUNCH_OPTIONS } from './chromium-launch';

export { CHROMIUM_PATH, hasChromium } from './chromium-launch';

if (!hasChromium) {
  if (process.env.CI === 'true') throw new Error(`Browser tests need Chromium at ${CHROMIUM_PATH} and CI=true: install it (apt-get install -y chromium).`);
  console.warn(`[skip] browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
}

/** A Chromium of its own (scripts; a browser test file run without the e2e global setup's). */
export function launch(): Promise<Browser> {
  return chromium.launch(LAUNCH_OPTIONS);
}

/**
 * The run's one Chromium, started by the e2e global setup (test/e2e/global-setup.ts): a file
 * connects in 10–35 ms where a launch of its own took about 200 ms (measured at load 3.5).
 */
export function connectBrowser(): Promise<Browser> {
  const endpoint = inject('chromiumEndpoint');
  return endpoint ? chromium.connect(endpoint) : launch();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The real server (SPA + proxy + sandbox) on a free port of this machine. Unless `payment` is
 * set, its sandbox clinic lists no insurers and charges nothing, so bookings have no payment step
 * (test/e2e/payment.test.ts walks through it).
 */
export async function startTestServer(env: Record<string, string> = {}, opts: { payment?: boolean } = {}): Promise<RunningServer> {
  const port = await freePort();
  const demoPort = await freePort();
  const server = await startServer(
    loadConfig({ LOG_LEVEL: 'silent', PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, DEMO_HOST_PORT: String(demoPort), ...env }),
  );
  if (!opts.payment) {
    const res = await fetch(`${server.url}/sandbox/control/payment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ insurers: false, price: 0 }),
    });
    if (!res.ok) throw new Error(`sandbox payment control: ${res.status}`);
  }
  return server;
}

/** A throwaway web server on 127.0.0.1 serving the given pages (other sites for embed tests). */
export async function startPageServer(pages: (origin: string) => Record<string, string>) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = createHttpServer((req, res) => {
    // Built per request, so pages may name servers started after this one.
    const body = pages(origin)[new URL(req.url ?? '/', origin).pathname];
    if (body === undefined) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('Content-Type', body.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8');
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return { origin, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Fails the test on any console error or uncaught page error. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

export async function expectNoAxeViolations(page: Page, label: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${label}`).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
