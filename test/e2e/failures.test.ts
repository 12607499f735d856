/**
 * The patient under failure, in real Chromium: VSee failing or losing an answer (sandbox fault
 * injection) and the device going offline. The patient is told what happened where it happened,
 * nothing they typed is lost, and a retry books exactly once.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium, watchConsole } from '../support/chromium';
import { checkPage, fillDetails, VIEWPORTS } from '../support/e2e-flows';

describe.skipIf(!hasChromium)('failures in Chromium', () => {
  // A short time budget so a lost answer is noticed quickly.
  const suite = useBrowserSuite({ env: { VSEE_TIMEOUT_MS: '1500' } });
  let context: BrowserContext;

  beforeEach(async () => {
    context = await suite.newContext({ viewport: VIEWPORTS.phone });
    await suite.clearFaults();
  });

  async function walkinDetails(page: Page, name: string) {
    await page.goto(`${suite.url}/`);
    await page.getByRole('button', { name: 'See a provider now' }).click();
    await fillDetails(page, name);
  }

  const visitsOf = (firstName: string) => {
    const store = suite.server.app.sandbox!.store;
    const ids = new Set([...store.users.values()].filter((u) => u.firstName === firstName).map((u) => u.id));
    return [...store.visits.values()].filter((v) => ids.has(v.memberId));
  };

  it('VSee down: the patient is told, keeps every field, and the retry joins the queue once', async () => {
    const page = await context.newPage();
    const errors = watchConsole(page);
    await walkinDetails(page, 'Faye');
    await suite.fault({ route: 'POST /visits/add_walkin', kind: 'error', status: 503, times: 1 });

    const started = Date.now();
    await page.getByRole('button', { name: 'Join the queue' }).click();
    const alert = page.getByRole('alert').filter({ hasText: /not answering/i });
    await alert.waitFor();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(page.url()).toMatch(/\/book\/walkin\/details$/);
    expect(await page.getByLabel('First name').inputValue()).toBe('Faye');
    expect(await page.getByLabel('Reason for visit').inputValue()).toBe('Sore throat for three days');
    await checkPage(page, 'failure-1-upstream-down-phone');
    expect(visitsOf('Faye')).toHaveLength(0);

    await page.getByRole('button', { name: 'Join the queue' }).click();
    await page.waitForURL(/\/waiting-room\/\d+$/);
    expect(visitsOf('Faye')).toHaveLength(1);
    // Chromium logs the 502 the page handled; nothing else.
    expect(errors.filter((e) => !/status of 502/.test(e))).toEqual([]);
  });

  it('a lost answer: VSee made the visit but its reply timed out; the proxy finds that visit instead of booking twice', async () => {
    const page = await context.newPage();
    await walkinDetails(page, 'Lars');
    await suite.fault({ route: 'POST /visits/add_walkin', kind: 'latency', ms: 4000, processed: true, times: 1 });

    // A double click too: the Idempotency-Key makes the second press wait for the first.
    await page.getByRole('button', { name: 'Join the queue' }).dblclick();
    await page.waitForURL(/\/waiting-room\/\d+$/, { timeout: 15_000 });
    const visits = visitsOf('Lars');
    expect(visits).toHaveLength(1);
    expect(page.url().endsWith(`/waiting-room/${visits[0]!.id}`)).toBe(true);
  });

  it('going offline is noticed and said, and the notice leaves when the connection is back', async () => {
    const page = await context.newPage();
    await walkinDetails(page, 'Olga');
    await context.setOffline(true);
    const notice = page.getByRole('status').filter({ hasText: /You are offline/ });
    await notice.waitFor();
    await checkPage(page, 'failure-2-offline-phone');
    await context.setOffline(false);
    await expect.poll(() => notice.count()).toBe(0);
    expect(await page.getByLabel('First name').inputValue()).toBe('Olga');
  });
});
