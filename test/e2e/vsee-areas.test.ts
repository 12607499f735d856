/**
 * VSee with SERVICE_STATES in real Chromium: the start page asks where the patient is among the
 * served states; "Somewhere else" (any unserved state) leads to the out-of-area page, which offers
 * an e-consult and the clinic's phone. Walked on a phone; axe, screenshots, no sideways scrolling
 * at both widths.
 */
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium } from '../support/chromium';
import { checkPageAtWidths, VIEWPORTS } from '../support/e2e-flows';

describe.skipIf(!hasChromium)('VSee’s SERVICE_STATES on the start page in Chromium', () => {
  const suite = useBrowserSuite({ env: { SERVICE_STATES: 'WA,OR', ECONSULT: 'true', CLINIC_PHONE: '+1 555-010-2000' } });

  it('a patient in an unserved state reaches the out-of-area page', async () => {
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);
    await page.goto(`${suite.url}/`);
    const where = page.getByRole('combobox', { name: 'Where are you right now?' });
    await where.waitFor();
    expect(await where.locator('option').allTextContents()).toEqual(['Choose where you are', 'Oregon', 'Washington', 'Somewhere else']);
    await checkPageAtWidths(page, 'vsee-areas-1-where');

    await where.selectOption({ label: 'Somewhere else' });
    await page.getByRole('heading', { level: 1, name: 'The clinic cannot see you where you are' }).waitFor();
    await page.getByText('They see patients in: Oregon and Washington.').waitFor();
    await page.getByRole('link', { name: '+1 555-010-2000' }).waitFor();
    await checkPageAtWidths(page, 'vsee-areas-2-out-of-area');

    // What is still possible: a question to a provider, from anywhere.
    await page.getByRole('button', { name: 'Send a question to a provider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Describe your question' }).waitFor();
    expect(errors).toEqual([]);
  });
});
