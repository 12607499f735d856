/**
 * CLINIC_BACKEND=dexcare in real Chromium, before any details: "Somewhere else" leads to the
 * out-of-area page (where the practice does see patients, the phone); Oregon, busy in the
 * sandbox, says so in plain words with a way forward and no walk-in; Washington is open with
 * DexCare's estimated wait. Walked on a phone; axe, screenshots and no sideways scrolling at phone
 * and desktop width.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSY_MESSAGE } from '../../server/dexcare-sandbox/seed';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium } from '../support/chromium';
import { checkPageAtWidths, VIEWPORTS } from '../support/e2e-flows';

describe.skipIf(!hasChromium)('DexCare’s service areas on the start page in Chromium', () => {
  const suite = useBrowserSuite({ env: { CLINIC_BACKEND: 'dexcare', CLINIC_PHONE: '+1 555-010-2000' } });

  it('out of area, then a busy region, then an open one with its wait', async () => {
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);
    await page.goto(`${suite.url}/`);
    const where = page.getByRole('combobox', { name: 'Where are you right now?' });

    await where.selectOption({ label: 'Somewhere else' });
    await page.getByRole('heading', { level: 1, name: 'The clinic cannot see you where you are' }).waitFor();
    await page.getByText('They see patients in: Idaho, Montana, Oregon, and Washington.').waitFor();
    expect(await page.getByRole('link', { name: '+1 555-010-2000' }).getAttribute('href')).toBe('tel:+15550102000');
    // DexCare v8 takes no e-consults: none is offered.
    expect(await page.getByRole('button', { name: 'Send a question to a provider' }).count()).toBe(0);
    await checkPageAtWidths(page, 'dexcare-areas-1-out-of-area');

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
    await checkPageAtWidths(page, 'dexcare-areas-2-busy');

    await where.selectOption({ label: 'Washington' });
    await status.getByText('Yes, a provider can see you by video now.').waitFor();
    expect(await status.getByText(/^Estimated wait: (about \d+ minutes|more than an hour)\.$/).count()).toBe(1);
    await page.getByRole('button', { name: 'See a provider now' }).waitFor();
    await checkPageAtWidths(page, 'dexcare-areas-3-open');
    expect(errors).toEqual([]);
  });
});
