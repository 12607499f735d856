/**
 * Whole journeys in real Chromium against the real server on the built-in sandbox:
 * start page → details → (time → review → confirmation | waiting room) → VSee portal page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main';
import { hasChromium, launch, startTestServer, watchConsole } from '../support/chromium';
import { maya } from '../support/cast';
import { checkPage, fillDetails, patientTraces, VIEWPORTS } from '../support/e2e-flows';

describe.skipIf(!hasChromium)('booking in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(Object.entries(VIEWPORTS))('books an appointment and joins it on the portal (%s)', async (vpName, viewport) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = watchConsole(page);

    await page.goto(`${server.url}/`);
    await expect.poll(() => page.getByRole('button', { name: 'Schedule an appointment' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Sandbox Clinic').first().isVisible()).toBe(true);
    await checkPage(page, `appointment-1-start-${vpName}`);

    await page.getByRole('button', { name: 'Schedule an appointment' }).click();
    // Times first (issue 11): the first step asks only where the patient is.
    await page.getByLabel('State').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.getByLabel('First name').count()).toBe(0);
    // An empty submit shows the error inline.
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByText(/required|enter|choose/i).count()).toBeGreaterThan(0);
    await page.getByLabel('State').selectOption('CA');
    await checkPage(page, `appointment-2-where-${vpName}`);
    await page.getByRole('button', { name: 'Continue' }).click();

    const times = page.getByRole('radiogroup');
    await times.waitFor();
    const first = times.getByRole('radio').first();
    const spoken = (await first.getAttribute('aria-label')) ?? (await first.innerText());
    expect(spoken).toMatch(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d{1,2}.*\d{1,2}:\d{2}\s?(AM|PM)/);
    await checkPage(page, `appointment-3-time-${vpName}`);
    await first.click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('button', { name: 'Confirm appointment' }).waitFor();
    // Who and why, asked on the review; an empty submit shows inline errors and books nothing.
    await page.getByRole('button', { name: 'Confirm appointment' }).click();
    await expect.poll(() => page.getByText(/Enter your first name/).count()).toBeGreaterThan(0);
    // Back to the times and forward again: nothing typed is lost.
    await fillDetails(page, maya.firstName);
    await page.getByRole('link', { name: 'Choose a different time' }).click();
    await page.getByRole('radiogroup').waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Confirm appointment' }).waitFor();
    expect(await page.getByLabel('First name').inputValue()).toBe(maya.firstName);
    expect(await page.getByLabel('Reason for visit').inputValue()).toBe('Sore throat for three days');
    await checkPage(page, `appointment-4-review-${vpName}`);
    await page.getByRole('button', { name: 'Confirm appointment' }).click();

    // The first free time is more than 15 minutes away: the page says when joining opens.
    await page.getByRole('status').filter({ hasText: /You can join from/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Join video visit' }).count()).toBe(0);
    expect(page.url()).toMatch(/\/visits\/\d+$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/confirmed/i);
    await expect.poll(() => page.getByText(/Dr\. /).count()).toBeGreaterThan(0);
    // The URL holds an opaque id only: no name, email or birth date.
    expect(page.url()).not.toMatch(patientTraces(maya.firstName));
    await checkPage(page, `appointment-5-confirmation-${vpName}`);

    // The provider starts it early (the dashboard's own form action): joining is open at once.
    const visitId = page.url().split('/').pop()!;
    const started = await fetch(`${server.url}/sandbox/vc/providers/visits/${visitId}/start`, { method: 'POST', redirect: 'manual' });
    expect(started.status).toBe(303);
    await page.reload();
    await page.getByRole('button', { name: 'Join video visit' }).click();
    await page.waitForURL(/\/sandbox\/vc\/visits\/start\/\d+$/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkPage(page, `appointment-6-portal-${vpName}`);

    // Nothing of the patient's is kept in browser storage.
    const stored = await page.evaluate(() => JSON.stringify({ l: { ...localStorage }, s: { ...sessionStorage } }));
    expect(stored).not.toMatch(patientTraces(maya.firstName));
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each(Object.entries(VIEWPORTS))('joins the walk-in queue; a provider starts the visit; the patient joins (%s)', async (vpName, viewport) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = watchConsole(page);

    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'See a provider now' }).click();
    await fillDetails(page, 'Walker');
    await page.getByRole('button', { name: 'Join the queue' }).click();

    await page.waitForURL(/\/waiting-room\/\d+$/);
    await page.getByRole('heading', { level: 1, name: /in the queue/i }).waitFor();
    const visitId = page.url().split('/').pop()!;
    await checkPage(page, `walkin-1-waiting-${vpName}`);

    // The provider, in another browser, starts this patient's visit.
    const provider = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const dash = await provider.newPage();
    await dash.goto(`${server.url}/sandbox/vc/providers/dashboard`);
    await checkPage(dash, `walkin-2-provider-dashboard-${vpName}`);
    await dash.locator(`form[action$="/visits/${visitId}/start"] button`).click();
    await dash.waitForLoadState();
    await provider.close();

    await page.getByRole('button', { name: 'Join video visit' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByText(/provider is ready/i).count()).toBeGreaterThan(0);
    await checkPage(page, `walkin-3-ready-${vpName}`);
    await page.getByRole('button', { name: 'Join video visit' }).click();
    await page.waitForURL(new RegExp(`/sandbox/vc/visits/start/${visitId}$`));
    expect(await page.locator('body').innerText()).toMatch(/in progress/i);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('leaves the waiting room', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'See a provider now' }).click();
    await fillDetails(page, 'Leaver');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await page.getByRole('button', { name: 'Leave waiting room' }).click();
    await page.getByRole('dialog', { name: 'Leave the waiting room?' }).getByRole('button', { name: 'Yes, leave' }).click();
    await page.getByText(/left the waiting room/i).first().waitFor();
    await checkPage(page, 'walkin-4-left-phone');

    const dash = await (await browser.newContext()).newPage();
    await dash.goto(`${server.url}/sandbox/vc/providers/dashboard`);
    expect(await dash.locator('body').innerText()).not.toContain('Leaver Q.');
    await dash.context().close();
    expect(errors).toEqual([]);
    await context.close();
  });
});
