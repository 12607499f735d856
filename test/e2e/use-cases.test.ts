/**
 * VSee's patient use cases beyond the first two, in real Chromium on the sandbox: e-consult,
 * guest invite (a second browser joins as the guest), cancel, reschedule and the visit summary.
 */
import { describe, expect, it } from 'vitest';
import { downloaded, useBrowserSuite } from '../support/browser-suite';
import { hasChromium } from '../support/chromium';
import { bookAppointment, checkPage, fillDetails, patientTraces, VIEWPORTS } from '../support/e2e-flows';

describe.skipIf(!hasChromium)('patient use cases in Chromium', () => {
  const suite = useBrowserSuite({ context: { acceptDownloads: true } });
  const newPage = (viewport: { width: number; height: number } = VIEWPORTS.desktop) => suite.newPage(viewport);

  async function providerPress(name: RegExp, visitId: string) {
    const [dash] = await newPage();
    await dash.goto(`${suite.url}/sandbox/vc/providers/dashboard`);
    await dash.getByRole('button', { name }).and(dash.locator(`form[action*="/visits/${visitId}/"] button`)).click();
    await dash.waitForLoadState();
    await dash.close();
  }

  it('sends an e-consult, which a provider accepts on the dashboard', async () => {
    const [page, errors] = await newPage(VIEWPORTS.phone);
    await page.goto(`${suite.url}/`);
    await page.getByRole('button', { name: 'Send a question to a provider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Describe your question' }).waitFor();
    await fillDetails(page, 'Esme', 'Can I take ibuprofen with my current prescription?');
    await checkPage(page, 'econsult-1-details-phone');
    await page.getByRole('button', { name: 'Send my question' }).click();
    await page.getByRole('heading', { level: 1, name: /E-consult sent/i }).waitFor();
    const visitId = page.url().split('/').pop()!;
    expect(await page.getByRole('button', { name: 'Join video visit' }).count()).toBe(0);
    await checkPage(page, 'econsult-2-sent-phone');

    const [dash] = await newPage();
    await dash.goto(`${suite.url}/sandbox/vc/providers/dashboard`);
    await checkPage(dash, 'econsult-3-provider-dashboard');
    await dash.locator(`form[action$="/visits/${visitId}/accept"] button`).click();
    await dash.waitForLoadState();

    await page.reload();
    await expect.poll(() => page.getByText(/provider is reviewing your e-consult/i).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('invites a guest, who joins from another browser without an account', async () => {
    const [page, errors] = await newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.url });
    await bookAppointment(page, suite.url, 'Ines');
    // The invite is folded under "Get ready" on the confirmation.
    await page.getByText('Get ready', { exact: true }).click();
    await page.getByRole('button', { name: 'Invite someone to join' }).click();
    const field = page.getByLabel('Guest link');
    await field.waitFor();
    const link = await field.inputValue();
    expect(link).toMatch(new RegExp(`^${suite.url}/sandbox/vc/visits/join/[0-9a-f]{32}$`));
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.getByText('Link copied').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await checkPage(page, 'invite-1-link');

    const [guest] = await newPage(VIEWPORTS.phone);
    await guest.goto(link);
    await guest.getByRole('heading', { level: 1, name: 'Join as a guest' }).waitFor();
    await checkPage(guest, 'invite-2-guest-join-phone');
    await guest.getByLabel('Your name').fill('Sam (daughter)');
    await guest.getByRole('button', { name: 'Join visit' }).click();
    await guest.getByText(/joined the visit as a guest/i).first().waitFor();
    // The guest sees nothing of the patient.
    expect(await guest.locator('body').innerText()).not.toMatch(patientTraces('Ines'));
    expect(errors).toEqual([]);
  });

  it('cancels an appointment after confirming in a dialog', async () => {
    const [page, errors] = await newPage(VIEWPORTS.phone);
    const visitId = await bookAppointment(page, suite.url, 'Cato', 1);
    const opener = page.getByRole('button', { name: 'Cancel appointment' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this appointment?' });
    await dialog.waitFor();
    await checkPage(page, 'cancel-1-dialog-phone');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => opener.evaluate((el) => el === document.activeElement)).toBe(true);

    await opener.click();
    await dialog.getByRole('button', { name: 'Yes, cancel appointment' }).click();
    await page.getByRole('heading', { level: 1, name: /cancelled/i }).waitFor();
    await checkPage(page, 'cancel-2-cancelled-phone');
    // The server runs in this process: read the sandbox's own record of the visit.
    const record = suite.server.app.sandbox?.store.visits.get(visitId);
    expect(record?.closeReason).toBe('patient_cancel_appointment');
    expect(errors).toEqual([]);
  });

  it('reschedules an appointment to another time', async () => {
    const [page, errors] = await newPage();
    const visitId = await bookAppointment(page, suite.url, 'Remy', 2);
    const before = await page.locator('.when-line').innerText();
    await page.getByRole('link', { name: 'Reschedule' }).or(page.getByRole('button', { name: 'Reschedule' })).click();
    const times = page.getByRole('radiogroup');
    await times.waitFor();
    await checkPage(page, 'reschedule-1-time');
    await times.getByRole('radio').nth(5).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Confirm new time' }).click();
    await page.waitForURL(new RegExp(`/visits/${visitId}$`));
    await page.getByText(/moved to the new time/i).first().waitFor();
    const after = await page.locator('.when-line').innerText();
    expect(after).not.toBe(before);
    await checkPage(page, 'reschedule-2-moved');
    expect(errors).toEqual([]);
  });

  it('downloads the summary of a completed visit from My visits', async () => {
    const [page, errors] = await newPage();
    await page.goto(`${suite.url}/`);
    await page.getByRole('button', { name: 'See a provider now' }).click();
    await fillDetails(page, 'Dana');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await page.waitForURL(/\/waiting-room\/\d+$/);
    const visitId = page.url().split('/').pop()!;

    await providerPress(/Start visit/, visitId);
    await providerPress(/Complete visit/, visitId);
    // VSee's visit.ended webhook has been answered and handled: the proxy forgot its cached reads.
    await suite.server.app.sandbox!.outbox.flush();
    await suite.server.app.webhooks!.idle();

    await page.getByRole('link', { name: 'My visits' }).click();
    await page.getByRole('heading', { level: 1, name: 'My visits' }).waitFor();
    await checkPage(page, 'summary-1-my-visits');
    await page.locator(`a[href="/visits/${visitId}"]`).first().click();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download visit summary' }).click();
    const pdf = await downloaded(await download);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(visitId);
    expect(errors).toEqual([]);
  });
});
