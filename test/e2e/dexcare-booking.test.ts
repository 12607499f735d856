/**
 * CLINIC_BACKEND=dexcare, as `npm start` serves it, in real Chromium: Riverside Health's demo host
 * launches Daniel Reyes (DexCare patient, token and his daughter in the launch token); inside the
 * frame he books a walk-in for Sofia with a coupon, waits in frontdesk's queue page, and lands in
 * the sandbox's DexCare waiting room, where the provider page starts the visit. axe, screenshots
 * and no sideways scrolling at phone and desktop width.
 */
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium } from '../support/chromium';
import { checkPage, VIEWPORTS } from '../support/e2e-flows';

describe.skipIf(!hasChromium)('a DexCare virtual visit in Chromium', () => {
  const suite = useBrowserSuite({ env: { CLINIC_BACKEND: 'dexcare' } });

  // At both widths: the host sizes the frame to its content, which the width changes.
  it.each(Object.entries(VIEWPORTS))('a launched guardian books for his daughter and lands in DexCare’s waiting room (%s)', async (vp, viewport) => {
    const [page, errors] = await suite.newPage(viewport);
    const context = page.context();
    await page.goto(`${suite.server.demoHostUrl}/book?flow=walkin`);
    const frame = page.frameLocator('iframe[title="Book a telehealth visit"]');

    // Launched with his DexCare patient: past the identity fields.
    await frame.getByText(/booking as Daniel Reyes/i).waitFor();
    await frame.getByLabel('State').selectOption('WA');
    await frame.getByLabel('Reason for visit').fill('Ear ache since last night');
    await frame.getByLabel(/consent/i).check();
    // A walk-in's details end in "Join the queue" (booking3); DexCare's own details step follows.
    await frame.getByRole('button', { name: 'Join the queue' }).click();

    await frame.getByRole('heading', { level: 1, name: 'Before you join' }).waitFor();
    await frame.getByRole('radio', { name: 'Sofia Reyes' }).check();
    await frame.getByLabel('Phone', { exact: true }).fill('509-555-0187');
    await frame.getByLabel('Email', { exact: true }).fill('daniel.reyes@example.com');
    await frame.getByLabel('Street address').fill('12 River Road');
    await frame.getByLabel('City', { exact: true }).fill('Spokane');
    await frame.getByLabel('State').selectOption('WA');
    await frame.getByLabel('ZIP code').fill('99201');
    await frame.getByRole('radio', { name: 'A coupon code or service key' }).check();
    await frame.getByRole('textbox', { name: 'Coupon code or service key' }).fill('RIVERSIDE-CARE');
    await frame.getByRole('checkbox', { name: /terms of this virtual visit/ }).check();
    await checkPage(page, `dexcare-1-before-you-join-${vp}`);
    // By keyboard: the host may still be resizing the frame to the longer form at phone width.
    await frame.getByRole('button', { name: 'Join the queue' }).press('Enter');

    await frame.getByRole('heading', { level: 1, name: 'You are in the queue' }).waitFor();
    await checkPage(page, `dexcare-2-queue-${vp}`);
    const join = frame.getByRole('link', { name: 'Join video visit' });
    await join.waitFor();
    const [room] = await Promise.all([context.waitForEvent('page'), join.click()]);
    await room.waitForURL(/\/sandbox\/dexcare\/DexCare\/visit\/[0-9a-f-]+\?brand=riverside$/);
    await expect.poll(() => room.getByRole('heading', { level: 1 }).textContent()).toBe('You are in the waiting room');
    expect(await room.getByText('Sofia R. (booked by Daniel R.)').count()).toBe(1);
    await checkPage(room, `dexcare-3-waiting-room-${vp}`);

    // The provider starts it; the DexCare waiting room notices by itself.
    const provider = await context.newPage();
    await provider.goto(`${suite.url}/sandbox/dexcare/provider`);
    await provider.getByRole('button', { name: /^Start visit with Sofia R\./ }).last().click();
    await provider.getByRole('button', { name: /^Complete visit with Sofia R\./ }).last().waitFor();
    await expect.poll(() => room.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe('Your visit has started');
    expect(errors).toEqual([]);
  });
});
