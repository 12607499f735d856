/**
 * CLINIC_BACKEND=dexcare in real Chromium, before any details: "Somewhere else" leads to the
 * out-of-area page (where the practice does see patients, the phone); Oregon, busy in the
 * sandbox, says so in plain words with a way forward and no walk-in; Washington is open with
 * DexCare's estimated wait. axe, screenshots and no sideways scrolling at phone and desktop width.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main';
import { DEFAULT_BUSY_MESSAGE } from '../../server/dexcare-sandbox/seed';
import { hasChromium, launch, startTestServer, watchConsole } from '../support/chromium';
import { checkPage, VIEWPORTS } from '../support/e2e-flows';

describe.skipIf(!hasChromium)('DexCare’s service areas on the start page in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ CLINIC_BACKEND: 'dexcare', CLINIC_PHONE: '+1 555-010-2000' });
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(Object.entries(VIEWPORTS))('out of area, then a busy region, then an open one with its wait (%s)', async (vp, viewport) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(`${server.url}/`);
    const where = page.getByRole('combobox', { name: 'Where are you right now?' });

    await where.selectOption({ label: 'Somewhere else' });
    await page.getByRole('heading', { level: 1, name: 'The clinic cannot see you where you are' }).waitFor();
    await page.getByText('They see patients in: Idaho, Montana, Oregon, and Washington.').waitFor();
    expect(await page.getByRole('link', { name: '+1 555-010-2000' }).getAttribute('href')).toBe('tel:+15550102000');
    // DexCare v8 takes no e-consults: none is offered.
    expect(await page.getByRole('button', { name: 'Send a question to a provider' }).count()).toBe(0);
    await checkPage(page, `dexcare-areas-1-out-of-area-${vp}`);

    await page.getByRole('link', { name: 'Choose another place' }).click();
    await where.selectOption({ label: 'Oregon' });
    const status = page.getByRole('region', { name: 'Can the clinic see you now?' });
    await status.getByText('Not right now: the clinic is seeing more patients than usual.').waitFor();
    await status.getByText(`The clinic says: “${DEFAULT_BUSY_MESSAGE}”`).waitFor();
    // The clinic's own words say when to try again; no second "try later" beside them.
    expect(await status.getByText('Please try again in a little while.', { exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'See a provider now' }).count()).toBe(0);
    // The area's answer is the answer: no second, vaguer "not available" below it.
    expect(await page.getByText(/Online visits are not available/).count()).toBe(0);
    await checkPage(page, `dexcare-areas-2-busy-${vp}`);

    await where.selectOption({ label: 'Washington' });
    await status.getByText('Yes, a provider can see you by video now.').waitFor();
    expect(await status.getByText(/^Estimated wait: (about \d+ minutes|more than an hour)\.$/).count()).toBe(1);
    await page.getByRole('button', { name: 'See a provider now' }).waitFor();
    await checkPage(page, `dexcare-areas-3-open-${vp}`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
