/**
 * Every patient can book, in real Chromium on the sandbox: an appointment and the walk-in queue
 * with the keyboard alone; axe, a screenshot and no sideways scrolling at desktop and phone size
 * for every page and state we can reach (loading, errors, the cancel dialog, a closed clinic,
 * the waiting room before and after the provider starts, the camera check); focus and titles on
 * every new page, dialogs that hold and return focus, and no animation for reduced motion.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main';
import { downloaded, useBrowserSuite } from '../support/browser-suite';
import { hasChromium, startTestServer } from '../support/chromium';
import { maya } from '../support/cast';
import { bookAppointment, checkPage, checkPageAtWidths, focused, named, tabTo, VIEWPORTS, type Focused } from '../support/e2e-flows';

const CLINIC_PHONE = '+1 555-010-2000';
/** The sandbox room's name (server/vsee-sandbox/seed.ts): every page title ends with it. */
const SANDBOX_CLINIC = 'Sandbox Clinic';
/** Chromium logs every failed response; the pages that show these errors handle them. */
const handled = (errors: string[]) => errors.filter((e) => !/Failed to load resource.*status of 50[234]/.test(e));

/** After a navigation: focus on the new page's h1, whose words name the document. */
async function expectNewPage(page: Page, heading: RegExp) {
  const h1 = page.getByRole('heading', { level: 1, name: heading });
  await h1.waitFor();
  await expect.poll(async () => (await focused(page)).tag).toBe('h1');
  const words = await h1.innerText();
  // The start page's heading is the clinic's name: said once.
  expect(await page.title()).toBe(words === SANDBOX_CLINIC ? words : `${words} – ${SANDBOX_CLINIC}`);
}

/** The details form, reached and filled by Tab and typing only. */
async function keyboardDetails(page: Page, firstName: string, { withState = true } = {}) {
  await tabTo(page, named('First name'), 'First name');
  await page.keyboard.type(firstName);
  await tabTo(page, named('Last name'), 'Last name');
  await page.keyboard.type(maya.lastName);
  await tabTo(page, named('Date of birth'), 'Date of birth');
  // Chromium's date field takes the digits month, day, year and moves on by itself.
  const [year, month, day] = maya.dob.split('-');
  await page.keyboard.type(`${month}${day}${year}`);
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(maya.dob);
  await tabTo(page, named('Email'), 'Email');
  await page.keyboard.type(maya.email);
  await tabTo(page, named('Phone'), 'Phone');
  await page.keyboard.type(maya.phone);
  if (withState) await keyboardState(page);
  await tabTo(page, named(/Reason for visit/), 'Reason for visit');
  await page.keyboard.type('Sore throat for three days');
  await tabTo(page, named(/I consent/), 'the consent checkbox');
  await page.keyboard.press('Space');
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true);
}

/** The State question, reached by Tab and answered by type-ahead on the closed <select>. */
async function keyboardState(page: Page) {
  await tabTo(page, named('State'), 'State');
  await page.keyboard.type('Californ');
  expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe('CA');
}

/**
 * The camera check on this page, by keyboard: the preview must really play Chromium's fake camera.
 * `check` looks at the page while the camera is on.
 */
async function keyboardCameraCheck(page: Page, check: () => Promise<void>) {
  // On the confirmation the check is folded under "Get ready": open it from the keyboard first.
  if ((await page.locator('details.get-ready:not([open])').count()) > 0) {
    await tabTo(page, named('Get ready'), 'Get ready');
    await page.keyboard.press('Enter');
  }
  await tabTo(page, named('Check camera and microphone'), 'Check camera and microphone');
  await page.keyboard.press('Enter');
  const video = page.locator('.device-check video');
  await video.waitFor();
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => ({ ready: v.readyState >= 2, width: v.videoWidth > 0, muted: v.muted })), {
      timeout: 10_000,
    })
    .toEqual({ ready: true, width: true, muted: true });
  await page.getByText('Your camera and microphone are on. You should see yourself below.').waitFor();
  expect(await page.getByRole('meter', { name: 'Microphone level' }).count()).toBe(1);
  await check();
  // The same button now stops it, with focus still on it.
  expect((await focused(page)).name).toBe('Stop check');
  await page.keyboard.press('Enter');
  await page.getByText('The check has stopped. Your camera and microphone are off.').waitFor();
  expect(await video.count()).toBe(0);
  expect((await focused(page)).name).toBe('Check camera and microphone');
}

describe.skipIf(!hasChromium)('accessibility in Chromium', () => {
  const suite = useBrowserSuite({ env: { CLINIC_PHONE }, context: { locale: 'en-US' } });
  const { newPage } = suite;
  const clearFaults = () => suite.clearFaults();
  const fault = (spec: Record<string, unknown>) => suite.fault(spec);
  beforeEach(async () => {
    await clearFaults();
  });

  it.each(Object.entries(VIEWPORTS))('books an appointment with the keyboard alone (%s)', async (vp, viewport) => {
    // A patient in New York booking with a clinic in Los Angeles.
    const [page, errors] = await newPage(viewport, { timezoneId: 'America/New_York' });
    await page.goto(`${suite.url}/`);
    await page.getByRole('button', { name: 'Schedule an appointment' }).waitFor();
    await page.getByText('If this is an emergency, call 911.').waitFor();
    await checkPage(page, `a11y-book-1-start-${vp}`);

    await tabTo(page, named('Schedule an appointment'), 'Schedule an appointment');
    await page.keyboard.press('Enter');
    // Times first (issue 11): only where the patient is, then the times; who and why on the review.
    await expectNewPage(page, /Book an appointment/);
    expect(await page.getByText('If this is an emergency, call 911.').count()).toBe(1);
    await keyboardState(page);
    await checkPage(page, `a11y-book-2-where-${vp}`);
    await tabTo(page, named('Continue'), 'Continue');
    await page.keyboard.press('Enter');

    await expectNewPage(page, /Choose a time/);
    const steps = page.getByRole('navigation', { name: 'Booking steps' });
    expect(await steps.locator('[aria-current="step"]').innerText()).toMatch(/Time/);
    await page.getByRole('radiogroup').waitFor();
    await page.getByText('Times in Eastern Time').waitFor();
    await checkPage(page, `a11y-book-3-time-${vp}`);

    // The days are one Tab stop (a strip of tabs on a phone, a month grid on a desktop); arrow
    // keys move between days.
    const isDay = (f: Focused) => (vp === 'phone' ? f.role === 'tab' : /^\w+day, \w+ \d{1,2}$/.test(f.name));
    await tabTo(page, isDay, 'the first day');
    const firstDay = (await focused(page)).name;
    await page.keyboard.press('ArrowRight');
    const secondDay = (await focused(page)).name;
    expect(secondDay).not.toBe(firstDay);
    // (On a desktop the calendar turns to the next month when the first open day is its month's last.)
    await page.keyboard.press('ArrowLeft');
    expect((await focused(page)).name).toBe(firstDay);
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).name).toBe(secondDay);
    await page.getByRole('heading', { level: 2, name: `Times on ${secondDay.replace(/ \(.*\)$/, '')}` }).waitFor();

    // From that day to Continue: at most 3 Tab presses (the promise), counted.
    let tabs = 0;
    const press = async (key: string) => {
      if (key === 'Tab') tabs += 1;
      await page.keyboard.press(key);
    };
    while ((await focused(page)).role !== 'radio') {
      await press('Tab');
      expect(tabs, 'Tab presses to reach the times').toBeLessThanOrEqual(2);
    }
    // The times are one radio group; every time's name says day, time and zone. Arrows choose.
    const time0 = await focused(page);
    expect(time0.name).toMatch(/^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d{1,2}, \d{1,2}:\d{2} (AM|PM) Eastern Time$/);
    await press('ArrowDown');
    const time = await focused(page);
    expect(time.name).not.toBe(time0.name);
    expect(await page.getByRole('radio', { name: time.name }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('status').filter({ hasText: `Selected: ${time.name}` }).waitFor();
    const box = await page.getByRole('radio', { name: time.name }).boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(44);
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await checkPage(page, `a11y-book-4-time-chosen-${vp}`);
    // A full-page screenshot resizes the window for a moment, as a turned tablet or a zoomed page
    // does for good: the picker changes layout, and the chosen time must keep focus through it.
    expect((await focused(page)).name).toBe(time.name);
    if (vp === 'desktop') {
      await page.setViewportSize(VIEWPORTS.phone);
      await page.getByRole('tablist', { name: 'Dates with open times' }).waitFor();
      expect((await focused(page)).name).toBe(time.name);
      await page.setViewportSize(viewport);
      await page.getByRole('tablist').waitFor({ state: 'detached' });
      expect((await focused(page)).name).toBe(time.name);
    }
    await press('Tab');
    expect((await focused(page)).name).toBe('Continue');
    expect(tabs).toBeLessThanOrEqual(3);
    await page.keyboard.press('Space');

    await expectNewPage(page, /Review your appointment/);
    await keyboardDetails(page, `Kay${vp}`, { withState: false });
    await checkPage(page, `a11y-book-5-review-${vp}`);
    await tabTo(page, named('Confirm appointment'), 'Confirm appointment');
    await page.keyboard.press('Enter');

    await expectNewPage(page, /Appointment confirmed/);
    expect(await steps.locator('[aria-current="step"]').innerText()).toMatch(/Done/);
    await page.getByRole('link', { name: 'Download calendar file (.ics)' }).waitFor();
    await checkPage(page, `a11y-book-6-confirmed-${vp}`);

    // The calendar file downloads as appointment.ics, a real iCalendar file with the visit's link.
    await tabTo(page, named('Download calendar file (.ics)'), 'the calendar file');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const file = await download;
    expect(file.suggestedFilename()).toBe('appointment.ics');
    const ics = (await downloaded(file)).toString('utf8');
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    // It carries the visit's return link, which opens this visit on any device (decision 031).
    const returnLink = await page.getByRole('link', { name: 'Link to this appointment' }).getAttribute('href');
    expect(returnLink).toMatch(/\/v\/[A-Za-z0-9_.-]+$/);
    expect(ics.replace(/\r\n /g, '')).toContain(`\r\nURL:${returnLink}\r\n`);
    expect(ics).not.toMatch(new RegExp(`Kay|${maya.lastName}|Sore throat`));

    await keyboardCameraCheck(page, () => checkPage(page, `a11y-book-7-camera-check-${vp}`));
    expect(errors).toEqual([]);
  });

  // Tab follows the document's order, which no style here rearranges at either width (the time
  // picker, whose parts do change with the width, is the appointment's, walked at both above):
  // walked once, on a phone, looked at at both widths.
  it('joins the walk-in queue with the keyboard alone; the provider starts', async () => {
    const [page, errors] = await newPage(VIEWPORTS.phone);
    await page.goto(`${suite.url}/`);
    await page.getByRole('button', { name: 'See a provider now' }).waitFor();
    await tabTo(page, named('See a provider now'), 'See a provider now');
    await page.keyboard.press('Enter');
    await expectNewPage(page, /Your details/);
    await keyboardDetails(page, 'Wynn');
    await tabTo(page, named('Join the queue'), 'Join the queue');
    await page.keyboard.press('Enter');

    await expectNewPage(page, /in the queue/);
    const visitId = page.url().split('/').pop()!;
    expect(await page.getByRole('navigation', { name: 'Booking steps' }).locator('[aria-current="step"]').innerText()).toMatch(
      /Waiting room/,
    );
    await checkPageAtWidths(page, 'a11y-walkin-1-waiting');
    await keyboardCameraCheck(page, () => checkPageAtWidths(page, 'a11y-walkin-2-camera-check'));

    const [dash] = await newPage(VIEWPORTS.desktop);
    await dash.goto(`${suite.url}/sandbox/vc/providers/dashboard`);
    await dash.locator(`form[action$="/visits/${visitId}/start"] button`).click();
    await dash.waitForLoadState();

    await page.getByRole('heading', { level: 1, name: 'Your provider is ready' }).waitFor({ timeout: 15_000 });
    // The tab's title says so too, for a patient looking at another tab; no sound plays.
    expect(await page.title()).toBe(`Your provider is ready – ${SANDBOX_CLINIC}`);
    expect(await page.locator('audio, video').count()).toBe(0);
    await checkPageAtWidths(page, 'a11y-walkin-3-ready');
    await tabTo(page, named('Join video visit'), 'Join video visit');
    expect(errors).toEqual([]);
  });

  it.each(Object.entries(VIEWPORTS))('shows the times loading, then failing, with a way to try again (%s)', async (vp, viewport) => {
    const [page, errors] = await newPage(viewport);
    await page.goto(`${suite.url}/`);
    await page.getByRole('button', { name: 'Schedule an appointment' }).click();
    // Times first: where the patient is is all the times need.
    await page.getByLabel('State').selectOption('CA');
    await fault({ route: 'GET /availability', kind: 'latency', ms: 3000 });
    await page.getByRole('button', { name: 'Continue' }).click();

    const loading = page.getByRole('status').filter({ hasText: 'Loading available times…' });
    await loading.waitFor();
    await checkPage(page, `a11y-state-1-times-loading-${vp}`);
    await clearFaults();
    await page.getByRole('radiogroup').waitFor();

    // Later dates, from a clinic that is failing now (a phone asks for them; a desktop's calendar
    // asks when it shows a month past the first four weeks).
    await fault({ route: 'GET /availability', kind: 'error', status: 503 });
    if (vp === 'phone') await page.getByRole('button', { name: 'Show later dates' }).click();
    else for (let i = 0; i < 2; i += 1) await page.getByRole('button', { name: 'Next month' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'We could not load the available times' });
    await alert.waitFor({ timeout: 20_000 });
    await checkPage(page, `a11y-state-2-times-error-${vp}`);

    await clearFaults();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => alert.count(), { timeout: 15_000 }).toBe(0);
    expect(handled(errors)).toEqual([]);
  });

  it('stills the spinner for a patient who asks for reduced motion', async () => {
    for (const reducedMotion of ['reduce', 'no-preference'] as const) {
      const [page] = await newPage(VIEWPORTS.phone, { reducedMotion });
      await page.goto(`${suite.url}/`);
      await page.getByRole('button', { name: 'Schedule an appointment' }).click();
      // Times first: where the patient is is all the times need.
    await page.getByLabel('State').selectOption('CA');
      await fault({ route: 'GET /availability', kind: 'latency', ms: 3000 });
      await page.getByRole('button', { name: 'Continue' }).click();
      const spinner = page.locator('.loading .spinner');
      await spinner.waitFor();
      const animation = await spinner.evaluate((el) => getComputedStyle(el).animationName);
      expect(animation).toBe(reducedMotion === 'reduce' ? 'none' : 'spin');
      if (reducedMotion === 'reduce') {
        // And nothing else on the page moves either.
        const moving = await page.evaluate(() =>
          [...document.querySelectorAll('*')].filter((el) => {
            const style = getComputedStyle(el);
            const long = (v: string) => v.split(',').some((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 1 : 1000) > 1);
            return (style.animationName !== 'none' && long(style.animationDuration)) || long(style.transitionDuration);
          }).length,
        );
        expect(moving).toBe(0);
      }
      await clearFaults();
      await page.getByRole('radiogroup').waitFor();
    }
  });

  it('holds focus in the cancel dialog and gives it back', async () => {
    const [page, errors] = await newPage(VIEWPORTS.phone);
    await bookAppointment(page, suite.url, 'Dia', 1);
    const opener = page.getByRole('button', { name: 'Cancel appointment' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Cancel this appointment?' });
    await dialog.waitFor();
    expect((await focused(page)).name).toBe('Keep appointment');
    await checkPageAtWidths(page, 'a11y-dialog-1-cancel');
    // (Back at its own size, with focus where it was.)
    expect((await focused(page)).name).toBe('Keep appointment');

    // Tab and Shift+Tab stay inside the dialog (the browser may offer its own UI between rounds).
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      const now = await focused(page);
      if (now.tag !== 'body' && now.tag !== '') expect(now.inDialog, `${key} left the dialog for ${JSON.stringify(now)}`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => opener.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('checks My visits and the page-not-found page', async () => {
    const [page, errors] = await newPage(VIEWPORTS.phone);
    await bookAppointment(page, suite.url, 'Mia', 2);
    await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'My visits' }).click();
    await expectNewPage(page, /My visits/);
    await page.getByRole('combobox', { name: 'Time zone' }).waitFor();
    await checkPageAtWidths(page, 'a11y-page-my-visits');
    await page.goto(`${suite.url}/no/such/page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await checkPageAtWidths(page, 'a11y-page-not-found');
    expect(errors).toEqual([]);
  });

  describe('a closed clinic', () => {
    // The proxy keeps the clinic's settings for a minute: a server of its own, closed before anyone asks.
    let closed: RunningServer;
    beforeAll(async () => {
      closed = await startTestServer({ CLINIC_PHONE });
      const res = await fetch(`${closed.url}/sandbox/control/room`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ isClosed: true, closeMsg: 'We are closed for the holiday. We open again on Monday at 8 AM.' }),
      });
      expect(res.ok).toBe(true);
    });
    afterAll(async () => {
      await closed?.close();
    });

    it('offers appointments and the clinic’s phone, not the queue', async () => {
      const [page, errors] = await newPage(VIEWPORTS.phone);
      await page.goto(`${closed.url}/`);
      await page.getByText('The clinic is closed right now').waitFor();
      await page.getByText('We are closed for the holiday. We open again on Monday at 8 AM.').waitFor();
      expect(await page.getByRole('link', { name: CLINIC_PHONE }).getAttribute('href')).toBe('tel:+15550102000');
      expect(await page.getByRole('button', { name: 'See a provider now' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Schedule an appointment' }).count()).toBe(1);
      expect(await page.getByText('If this is an emergency, call 911.').count()).toBe(1);
      await checkPageAtWidths(page, 'a11y-closed-1-start');
      expect(errors).toEqual([]);
    });
  });
});
