/**
 * How the visit is paid (issue #12), in real Chromium against the real server and sandbox: a
 * patient books with insurance, the confirmation says "Checking your coverage…", and once the
 * sandbox clock has moved on 10 seconds (its eligibility check runs and its webhook reaches our
 * receiver) the page shows the result by itself — for each of the three outcomes, which follow the
 * member ID's last character. axe on every new page at phone and desktop width.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium } from '../support/chromium';
import { checkPage, chooseWhere, fillDetails, VIEWPORTS } from '../support/e2e-flows';

/**
 * The third booking is at a width the first already checked page by page, and its pages differ
 * from the first's only in the member ID: axe runs there on its one new page, the result.
 */
const OUTCOMES = [
  { memberId: 'HCA-0000451', result: 'Your insurance is active', viewport: 'desktop', everyPage: true },
  { memberId: 'HCA-0000452', result: 'Your insurance is not active — the clinic will contact you', viewport: 'phone', everyPage: true },
  { memberId: 'HCA-0000453', result: 'We couldn’t confirm your coverage — you can still have your visit', viewport: 'desktop', everyPage: false },
] as const;

describe.skipIf(!hasChromium)('paying for the visit in Chromium', () => {
  const suite = useBrowserSuite({ payment: true });
  beforeAll(async () => {
    // The test, not the wall clock, decides when the check's 10 seconds have passed.
    await suite.control('clock', { paused: true });
  });

  const coverageState = (page: Page) => page.getByRole('region', { name: 'Payment' }).getByRole('status');

  it.each(OUTCOMES)('books with insurance; member ID $memberId → "$result" ($viewport)', async ({ memberId, result, viewport, everyPage }) => {
    const [page, errors] = await suite.newPage(VIEWPORTS[viewport]);
    const checkStep = (name: string) => (everyPage ? checkPage(page, name) : Promise.resolve());

    await page.goto(`${suite.url}/`);
    await page.getByRole('button', { name: 'Schedule an appointment' }).click();
    // Times first (issue 11): where, then the time, then the review's details.
    await chooseWhere(page);
    await page.getByRole('radiogroup', { name: /^Times on / }).getByRole('radio').first().click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Confirm appointment' }).waitFor();
    await fillDetails(page, `Pat${memberId.slice(-1)}`);
    // The details' submit makes the intake; this clinic asks how the visit is paid next.
    await page.getByRole('button', { name: 'Confirm appointment' }).click();

    // The payment step.
    await page.getByRole('heading', { level: 1, name: 'Paying for your visit' }).waitFor();
    const how = page.getByRole('radiogroup', { name: 'How will you pay for this visit?' });
    await expect.poll(() => how.getByRole('radio').count()).toBe(3);
    await expect.poll(() => how.getByRole('radio', { name: 'I’ll pay myself' }).getAttribute('aria-describedby')).toBeTruthy();
    await expect.poll(() => page.getByText('This visit costs $49.00.').isVisible()).toBe(true);
    await checkStep(`payment-1-choices-${viewport}`);
    // Sent empty: the error is beside the question and focus goes to it.
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByText('Choose how you will pay for this visit').isVisible()).toBe(true);
    await checkStep(`payment-2-error-${viewport}`);

    await how.getByRole('radio', { name: 'Insurance' }).check();
    const company = page.getByRole('combobox', { name: 'Insurance company' });
    await company.fill('arizona');
    await expect.poll(() => company.getAttribute('aria-expanded')).toBe('true');
    await checkStep(`payment-3-combobox-${viewport}`);
    await company.press('ArrowDown');
    await company.press('Enter');
    await expect.poll(() => company.inputValue()).toBe('HEALTH CHOICE ARIZONA');
    await page.getByLabel('Member ID').fill(memberId);
    await checkStep(`payment-4-insurance-${viewport}`);
    await page.getByRole('button', { name: 'Continue' }).click();

    // Back on the review (the time was chosen before the details): the check is running.
    await page.getByRole('heading', { level: 1, name: 'Review your appointment' }).waitFor();
    await page.getByRole('button', { name: 'Confirm appointment' }).waitFor();
    await expect.poll(() => coverageState(page).innerText()).toBe('Checking your coverage…');
    await expect.poll(() => page.getByText(`HEALTH CHOICE ARIZONA, member ID ending in ${memberId.slice(-4)}`).isVisible()).toBe(true);
    await checkStep(`payment-5-review-${viewport}`);
    await page.getByRole('button', { name: 'Confirm appointment' }).click();

    // Confirmation: still checking, until the sandbox's 10 seconds pass.
    await page.getByRole('heading', { level: 1, name: 'Appointment confirmed' }).waitFor();
    await expect.poll(() => coverageState(page).innerText()).toBe('Checking your coverage…');
    await checkStep(`payment-6-confirmation-checking-${viewport}`);
    await suite.control('clock', { seconds: 10 });
    await expect.poll(() => coverageState(page).innerText(), { timeout: 15_000 }).toBe(result);
    await checkPage(page, `payment-7-confirmation-result-${viewport}`);

    // Only the last 4 of the member ID are ever on the page.
    expect(await page.content()).not.toContain(memberId);
    expect(errors).toEqual([]);
  });
});
