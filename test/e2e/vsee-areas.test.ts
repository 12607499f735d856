/**
 * VSee with SERVICE_STATES in real Chromium: the start page asks where the patient is among the
 * served states; "Somewhere else" (any unserved state) leads to the out-of-area page, which offers
 * an e-consult and the clinic's phone. axe, screenshots, no sideways scrolling at both widths.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main';
import { hasChromium, launch, startTestServer, watchConsole } from '../support/chromium';
import { checkPage, VIEWPORTS } from '../support/e2e-flows';

describe.skipIf(!hasChromium)('VSee’s SERVICE_STATES on the start page in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ SERVICE_STATES: 'WA,OR', ECONSULT: 'true', CLINIC_PHONE: '+1 555-010-2000' });
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(Object.entries(VIEWPORTS))('a patient in an unserved state reaches the out-of-area page (%s)', async (vp, viewport) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(`${server.url}/`);
    const where = page.getByRole('combobox', { name: 'Where are you right now?' });
    await where.waitFor();
    expect(await where.locator('option').allTextContents()).toEqual(['Choose where you are', 'Oregon', 'Washington', 'Somewhere else']);
    await checkPage(page, `vsee-areas-1-where-${vp}`);

    await where.selectOption({ label: 'Somewhere else' });
    await page.getByRole('heading', { level: 1, name: 'The clinic cannot see you where you are' }).waitFor();
    await page.getByText('They see patients in: Oregon and Washington.').waitFor();
    await page.getByRole('link', { name: '+1 555-010-2000' }).waitFor();
    await checkPage(page, `vsee-areas-2-out-of-area-${vp}`);

    // What is still possible: a question to a provider, from anywhere.
    await page.getByRole('button', { name: 'Send a question to a provider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Describe your question' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
