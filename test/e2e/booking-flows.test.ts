/**
 * Whole journeys in real Chromium against the real server on the built-in sandbox:
 * start page → details → (time → review → confirmation | waiting room) → VSee portal page.
 * Each journey is walked once, on a phone; every page on the way is checked at both widths.
 */
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium } from '../support/chromium';
import { maya } from '../support/cast';
import { checkPage, checkPageAtWidths, fillDetails, patientTraces, VIEWPORTS } from '../support/e2e-flows';

describe.skipIf(!hasChromium)('booking in Chromium', () => {
  const suite = useBrowserSuite();

  it('books an appointment and joins it on the portal', async () => {
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);

    await page.goto(`${suite.url}/`);
    await expect.poll(() => page.getByRole('button', { name: 'Schedule an appointment' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Sandbox Clinic').first().isVisible()).toBe(true);
    await checkPageAtWidths(page, 'appointment-1-start');

    await page.getByRole('button', { name: 'Schedule an appointment' }).click();
    // Times first (issue 11): the first step asks only where the patient is.
    await page.getByLabel('State').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.getByLabel('First name').count()).toBe(0);
    // An empty submit shows the error inline.
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByText(/required|enter|choose/i).count()).toBeGreaterThan(0);
    await page.getByLabel('State').selectOption('CA');
    await checkPageAtWidths(page, 'appointment-2-where');
    await page.getByRole('button', { name: 'Continue' }).click();

    const times = page.getByRole('radiogroup');
    await times.waitFor();
    const first = times.getByRole('radio').first();
    const spoken = (await first.getAttribute('aria-label')) ?? (await first.innerText());
    expect(spoken).toMatch(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d{1,2}.*\d{1,2}:\d{2}\s?(AM|PM)/);
    await checkPageAtWidths(page, 'appointment-3-time');
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
    await checkPageAtWidths(page, 'appointment-4-review');
    await page.getByRole('button', { name: 'Confirm appointment' }).click();

    // The first free time is more than 15 minutes away: the page says when joining opens.
    await page.getByRole('status').filter({ hasText: /You can join from/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Join video visit' }).count()).toBe(0);
    expect(page.url()).toMatch(/\/visits\/\d+$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/confirmed/i);
    await expect.poll(() => page.getByText(/Dr\. /).count()).toBeGreaterThan(0);
    // The URL holds an opaque id only: no name, email or birth date.
    expect(page.url()).not.toMatch(patientTraces(maya.firstName));
    await checkPageAtWidths(page, 'appointment-5-confirmation');

    // The provider starts it early (the dashboard's own form action): joining is open at once.
    const visitId = page.url().split('/').pop()!;
    const started = await fetch(`${suite.url}/sandbox/vc/providers/visits/${visitId}/start`, { method: 'POST', redirect: 'manual' });
    expect(started.status).toBe(303);
    await page.reload();
    await page.getByRole('button', { name: 'Join video visit' }).click();
    await page.waitForURL(/\/sandbox\/vc\/visits\/start\/\d+$/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkPageAtWidths(page, 'appointment-6-portal');

    // Nothing of the patient's is kept in browser storage.
    const stored = await page.evaluate(() => JSON.stringify({ l: { ...localStorage }, s: { ...sessionStorage } }));
    expect(stored).not.toMatch(patientTraces(maya.firstName));
    expect(errors).toEqual([]);
  });

  it('joins the walk-in queue; a provider starts the visit; the patient joins', async () => {
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);

    await page.goto(`${suite.url}/`);
    await page.getByRole('button', { name: 'See a provider now' }).click();
    await fillDetails(page, 'Walker');
    await page.getByRole('button', { name: 'Join the queue' }).click();

    await page.waitForURL(/\/waiting-room\/\d+$/);
    await page.getByRole('heading', { level: 1, name: /in the queue/i }).waitFor();
    const visitId = page.url().split('/').pop()!;
    await checkPageAtWidths(page, 'walkin-1-waiting');

    // The provider, in another browser, starts this patient's visit.
    const [dash] = await suite.newPage(VIEWPORTS.desktop);
    await dash.goto(`${suite.url}/sandbox/vc/providers/dashboard`);
    await checkPage(dash, 'walkin-2-provider-dashboard-desktop');
    await dash.locator(`form[action$="/visits/${visitId}/start"] button`).click();
    await dash.waitForLoadState();
    await dash.context().close();

    await page.getByRole('button', { name: 'Join video visit' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByText(/provider is ready/i).count()).toBeGreaterThan(0);
    await checkPageAtWidths(page, 'walkin-3-ready');
    await page.getByRole('button', { name: 'Join video visit' }).click();
    await page.waitForURL(new RegExp(`/sandbox/vc/visits/start/${visitId}$`));
    expect(await page.locator('body').innerText()).toMatch(/in progress/i);
    expect(errors).toEqual([]);
  });

  it('leaves the waiting room', async () => {
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);
    await page.goto(`${suite.url}/`);
    await page.getByRole('button', { name: 'See a provider now' }).click();
    await fillDetails(page, 'Leaver');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await page.getByRole('button', { name: 'Leave waiting room' }).click();
    await page.getByRole('dialog', { name: 'Leave the waiting room?' }).getByRole('button', { name: 'Yes, leave' }).click();
    await page.getByText(/left the waiting room/i).first().waitFor();
    await checkPage(page, 'walkin-4-left-phone');

    const [dash] = await suite.newPage(VIEWPORTS.desktop);
    await dash.goto(`${suite.url}/sandbox/vc/providers/dashboard`);
    expect(await dash.locator('body').innerText()).not.toContain('Leaver Q.');
    expect(errors).toEqual([]);
  });
});
