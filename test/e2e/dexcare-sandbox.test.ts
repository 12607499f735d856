/**
 * The DexCare sandbox's pages in real Chromium, as `npm start` serves them: the waiting room a
 * DexCare handoff lands on notices by itself when a provider starts the visit from the provider
 * page; axe, a screenshot and no sideways scrolling at phone and desktop width for each page
 * (walked once, on a phone).
 */
import { describe, expect, it } from 'vitest';
import { PRACTICE_ID, REGION, SEED_DEPENDENT, SEED_GUARDIAN } from '../../server/dexcare-sandbox/seed';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium, watchConsole } from '../support/chromium';
import { checkPageAtWidths, VIEWPORTS } from '../support/e2e-flows';

describe.skipIf(!hasChromium)('DexCare sandbox pages in Chromium', () => {
  const suite = useBrowserSuite();

  /** Daniel books for his daughter through the API, as frontdesk's proxy will; returns the waiting-room URL. */
  async function bookForSofia(): Promise<string> {
    const store = suite.server.app.dexcareSandbox!.store;
    const res = await fetch(`${suite.url}/sandbox/dexcare/api/8/practices/${PRACTICE_ID}/visits`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${SEED_GUARDIAN.token}` },
      body: JSON.stringify({
        patient: { identifier: SEED_DEPENDENT.id, phone: SEED_GUARDIAN.phone, email: SEED_GUARDIAN.email, address: { line1: '12 River Road', city: 'Spokane', state: 'WA', postalCode: '99201' } },
        actor: { firstName: 'Daniel', lastName: 'Reyes', phone: SEED_GUARDIAN.phone, dateOfBirth: SEED_GUARDIAN.dateOfBirth },
        billingInfo: { paymentMethod: 'couponcode', couponCode: 'RIVERSIDE-CARE' },
        visitDetails: {
          practiceRegionId: REGION.washington,
          ehrSystemName: 'RIVERSIDE_EPIC',
          departmentId: store.regions.get(REGION.washington)!.departments[0]!.id,
          visitReason: 'Ear ache',
          declaration: 'other',
          acceptedTerms: true,
        },
      }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { visitRedirectUrl: string }).visitRedirectUrl;
  }

  it('the waiting room reacts when the provider starts the visit', async () => {
    const [patient, errors] = await suite.newPage(VIEWPORTS.phone);
    const url = await bookForSofia();
    expect(url.startsWith(`${suite.url}/sandbox/dexcare/DexCare/visit/`)).toBe(true);

    await patient.goto(url);
    await expect.poll(() => patient.getByRole('heading', { level: 1 }).textContent()).toBe('You are in the waiting room');
    expect(await patient.getByText('Sofia R. (booked by Daniel R.)').count()).toBe(1);
    await checkPageAtWidths(patient, 'dexcare-waiting-room');

    const provider = await patient.context().newPage();
    const providerErrors = watchConsole(provider);
    await provider.goto(`${suite.url}/sandbox/dexcare/provider`);
    await checkPageAtWidths(provider, 'dexcare-provider');
    // Keyboard only: the row's button is reachable and named after the patient.
    const start = provider.getByRole('button', { name: /^Start visit with Sofia R\./ }).last();
    await start.focus();
    await provider.keyboard.press('Enter');
    // The form posts, and the provider page comes back with the visit in progress.
    await provider.getByRole('button', { name: /^Complete visit with Sofia R\./ }).last().waitFor();

    // The patient's page was not reloaded: its script saw the start.
    await expect
      .poll(() => patient.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 })
      .toBe('Your visit has started');
    expect(await patient.getByRole('status').textContent()).toBe('Your visit has started: Dr. Priya Natarajan has joined.');
    expect(await patient.getByRole('button', { name: 'Leave waiting room' }).isVisible()).toBe(false);
    expect(await patient.locator('#visit-provider').textContent()).toBe('Dr. Priya Natarajan');
    expect(await patient.locator('#visit-wait').textContent()).toBe('Not waiting');
    await checkPageAtWidths(patient, 'dexcare-visit-started');

    await patient.goto(`${suite.url}/sandbox/dexcare/DexCare/visit/${url.split('/').pop()!.split('?')[0]}?brand=acme`);
    await checkPageAtWidths(patient, 'dexcare-not-found');
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    expect(providerErrors).toEqual([]);
  });
});
