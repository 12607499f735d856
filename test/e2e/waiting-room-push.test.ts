/**
 * #15: the waiting room is pushed. In real Chromium on `npm start`'s shape (the sandbox sends its
 * webhooks to our own receiver): the page holds the visit's event stream and learns the provider
 * started from it, without polling; when the stream is cut, it polls and still learns.
 */
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium } from '../support/chromium';
import { checkPage, fillDetails, VIEWPORTS } from '../support/e2e-flows';

describe.skipIf(!hasChromium)('the waiting room, pushed', () => {
  const suite = useBrowserSuite();

  /** Polls of the visit itself (GET /api/visits/:id), not its event stream. */
  function watchPolls(page: Page) {
    const polls: number[] = [];
    page.on('request', (r: Request) => {
      if (r.method() === 'GET' && /\/api\/visits\/\d+$/.test(new URL(r.url()).pathname)) polls.push(Date.now());
    });
    return polls;
  }

  async function joinQueue(page: Page, firstName: string) {
    await page.goto(`${suite.url}/`);
    await page.getByRole('button', { name: 'See a provider now' }).click();
    await fillDetails(page, firstName);
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await page.waitForURL(/\/waiting-room\/\d+$/);
    await page.getByRole('heading', { level: 1, name: /in the queue/i }).waitFor();
    return page.url().split('/').pop()!;
  }

  async function providerStarts(visitId: string) {
    const [dash] = await suite.newPage(VIEWPORTS.desktop);
    await dash.goto(`${suite.url}/sandbox/vc/providers/dashboard`);
    await dash.locator(`form[action$="/visits/${visitId}/start"] button`).click();
    await dash.waitForLoadState();
    await dash.close();
  }

  it('a walk-in’s waiting room learns the provider started through its event stream, not by polling', async () => {
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);
    const polls = watchPolls(page);
    const stream = page.waitForResponse((r) => /\/api\/visits\/\d+\/events$/.test(new URL(r.url()).pathname));
    const visitId = await joinQueue(page, 'Streamer');
    const res = await stream;
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^text\/event-stream/);
    await checkPage(page, 'push-1-waiting-phone');

    const before = polls.length;
    const pressed = Date.now();
    await providerStarts(visitId);
    await page.getByRole('heading', { level: 1, name: 'Your provider is ready' }).waitFor({ timeout: 10_000 });
    console.log(`provider pressed Start → the page knew: ${Date.now() - pressed} ms`);
    expect(polls.length).toBe(before); // no poll told it: the stream did
    await expect.poll(() => page.getByRole('button', { name: 'Join video visit' }).count()).toBe(1);
    await checkPage(page, 'push-2-ready-phone');
    expect(errors).toEqual([]);
  });

  it('when the event stream is cut, the page polls and still learns the provider started', async () => {
    const [page] = await suite.newPage(VIEWPORTS.desktop);
    const polls = watchPolls(page);
    // Every attempt at the stream fails, as behind a proxy that drops it.
    await page.route(/\/api\/visits\/\d+\/events$/, (route) => route.abort('connectionreset'));
    const visitId = await joinQueue(page, 'Cutoff');
    await expect.poll(() => polls.length, { timeout: 10_000 }).toBeGreaterThan(1); // polling again
    await providerStarts(visitId);
    await page.getByRole('heading', { level: 1, name: 'Your provider is ready' }).waitFor({ timeout: 10_000 });
    await checkPage(page, 'push-3-ready-after-fallback-desktop');
  });
});
