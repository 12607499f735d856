/**
 * The clinic's own intake (issue #16) in real Chromium against the real server and sandbox: a
 * 30-minute paid visit type booked with a chosen provider and two of the clinic's questions
 * answered; a phone appointment whose pages never offer video; and the hand-off to VSee's own
 * scheduling page with the intake (use case 3, step 3b), also before there is one (decision 069).
 * axe on every new step at phone and desktop width (the paid booking walked once, on a phone), with screenshots to look at.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSULTATIONS } from '../../server/vsee-sandbox/seed';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium } from '../support/chromium';
import { checkPage, checkPageAtWidths, chooseWhere, fillDetails, VIEWPORTS } from '../support/e2e-flows';

const QUESTIONS = join(import.meta.dirname, '../../server/vsee-sandbox/intake-questions.json');
const CHEN = '10003';

describe.skipIf(!hasChromium)('the clinic’s visit types, providers and questions in Chromium', () => {
  // The sandbox clinic's prices (49/89/no charge) and its demo questions; no insurers.
  const suite = useBrowserSuite({ env: { INTAKE_QUESTIONS: QUESTIONS, CLINIC_ADDRESS: '1200 Harbor Way, Oakland, CA 94607' }, payment: true });
  beforeAll(async () => {
    await suite.control('payment', { insurers: false });
  });

  const sandbox = () => suite.server.app.sandbox!.store;

  async function answerAllergy(page: Page) {
    await page.getByRole('group', { name: 'Do you have any allergies?' }).getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('textbox', { name: 'What are you allergic to?' }).fill('Penicillin');
  }

  async function firstTime(page: Page) {
    await page.getByRole('radiogroup').getByRole('radio').first().click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  /** An appointment of this kind from the start page, through the first step, to the times. */
  async function toTimes(page: Page, visitType: string) {
    await page.goto(`${suite.url}/`);
    await page.getByRole('button', { name: 'Schedule an appointment' }).click();
    await page.getByRole('group', { name: 'What kind of visit?' }).getByRole('radio', { name: visitType }).check();
    await chooseWhere(page);
    await page.getByRole('heading', { level: 1, name: 'Choose a time' }).waitFor();
  }

  it('books a 30-minute paid visit with Dr. Chen and two questions answered', async () => {
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);

    await page.goto(`${suite.url}/`);
    await page.getByRole('button', { name: 'Schedule an appointment' }).click();

    // The visit type comes first (with the state: times first, issue 11), the clinic's default chosen.
    const types = page.getByRole('group', { name: 'What kind of visit?' });
    await expect.poll(() => types.getByRole('radio', { name: '15-min Consultation' }).isChecked()).toBe(true);
    await expect.poll(() => page.getByText('30 minutes · $89.00').isVisible()).toBe(true);
    await types.getByRole('radio', { name: '30-min Consultation' }).check();
    await checkPageAtWidths(page, 'choices-1-type');
    await chooseWhere(page);

    // The provider beside the times.
    await page.getByRole('heading', { level: 1, name: 'Choose a time' }).waitFor();
    const who = page.getByRole('group', { name: 'Who would you like to see?' });
    await expect.poll(() => who.getByRole('radio', { name: 'Any available provider' }).isChecked()).toBe(true);
    await who.getByRole('radio', { name: 'Dr. Mei Chen' }).check();
    await page.getByRole('radiogroup').getByRole('radio').first().waitFor();
    await checkPageAtWidths(page, 'choices-4-provider');
    await firstTime(page);

    // The review asks who and why, and the clinic's questions.
    await page.getByRole('heading', { level: 1, name: 'Review your appointment' }).waitFor();
    await fillDetails(page, 'Tara');
    // A required question left blank: the error is at the question and focus goes there.
    await page.getByRole('button', { name: 'Confirm appointment' }).click();
    const allergic = page.getByRole('group', { name: 'Do you have any allergies?' });
    await expect.poll(() => allergic.getByText('Answer this question.').isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent)).toBe('Do you have any allergies?');
    await checkPageAtWidths(page, 'choices-2-question-error');
    await answerAllergy(page);
    await checkPageAtWidths(page, 'choices-3-questions');
    await page.getByRole('button', { name: 'Confirm appointment' }).click();

    // Paid: the 30-minute type's price.
    await page.getByRole('heading', { level: 1, name: 'Paying for your visit' }).waitFor();
    await expect.poll(() => page.getByText('This visit costs $89.00.').isVisible()).toBe(true);
    await page.getByRole('radio', { name: 'I’ll pay myself' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();

    // Back on the review: type, price, provider, a 30-minute time.
    await page.getByRole('heading', { level: 1, name: 'Review your appointment' }).waitFor();
    await expect.poll(() => page.getByText('30-min Consultation (Video appointment)').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('$89.00', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Dr. Mei Chen').isVisible()).toBe(true);
    await checkPageAtWidths(page, 'choices-5-review');
    await page.getByRole('button', { name: 'Confirm appointment' }).click();

    // Booked for tomorrow: Join appears only from 15 minutes before, so the heading says it is done.
    await page.getByRole('heading', { level: 1, name: 'Appointment confirmed' }).waitFor();
    await page.waitForURL(/\/visits\/\d+$/);
    await checkPageAtWidths(page, 'choices-6-confirmation');
    const id = page.url().split('/').pop()!;

    // What VSee holds: 30 minutes with Dr. Chen, the answers as custom fields.
    const visit = sandbox().visits.get(id)!;
    expect([visit.end - visit.start, visit.providerId]).toEqual([1800, CHEN]);
    const intake = sandbox().intakes.get(visit.intakeId!)!;
    expect(intake.consultation?.id).toBe(CONSULTATIONS[1].id);
    expect(Object.fromEntries(Object.entries(intake.fields).filter(([k]) => k.startsWith('custom_')))).toEqual({
      custom_is_allergic: 'Yes',
      custom_allergies: 'Penicillin',
    });
    expect(errors).toEqual([]);
  });

  it('a phone appointment: the pages say the clinic will call and never offer video', async () => {
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);

    await toTimes(page, 'Phone call (15 min)');
    await firstTime(page);
    await page.getByRole('heading', { level: 1, name: 'Review your appointment' }).waitFor();
    await expect.poll(() => page.getByText('Phone call (15 min) (Phone visit)').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('No charge', { exact: true }).isVisible()).toBe(true);
    await fillDetails(page, 'Phoebe');
    await page.getByRole('group', { name: 'Do you have any allergies?' }).getByRole('radio', { name: 'No' }).check();
    // No charge: no payment step; the review's Confirm books.
    await page.getByRole('button', { name: 'Confirm appointment' }).click();

    const how = page.getByRole('region', { name: 'This is a phone visit' });
    await how.waitFor();
    await expect.poll(() => how.textContent()).toContain('We will call you at 555-201-7788 at the time of your visit.');
    await page.waitForURL(/\/visits\/\d+$/);
    const noVideo = async (label: string) => {
      await checkPage(page, label);
      expect(await page.getByRole('button', { name: /video/i }).count()).toBe(0);
      expect(await page.getByText(/Join video visit|Check your camera|Bring someone along/).count()).toBe(0);
    };
    await noVideo('choices-7-phone-visit-phone');
    await page.setViewportSize(VIEWPORTS.desktop);
    await noVideo('choices-7-phone-visit-desktop');

    // Again after a reload, and on My visits.
    await page.reload();
    await how.waitFor();
    await noVideo('choices-8-phone-visit-reloaded');
    await page.goto(`${suite.url}/visits`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await noVideo('choices-9-my-visits');
    expect(errors).toEqual([]);
  });

  it('step 3b: "See more times on the clinic’s scheduling page" hands off to VSee with the intake', async () => {
    const [page, errors] = await suite.newPage(VIEWPORTS.desktop);

    // The hand-off takes the intake along, so it is offered only once there is one (times first,
    // issue 11): here after the review's details and the payment step, back at the times. A paid
    // type, since a free one books straight from the review's Confirm.
    await toTimes(page, '15-min Consultation');
    expect(await page.getByRole('button', { name: 'See more times on the clinic’s scheduling page' }).count()).toBe(0);
    await firstTime(page);
    await page.getByRole('heading', { level: 1, name: 'Review your appointment' }).waitFor();
    await fillDetails(page, 'Sam');
    await page.getByRole('group', { name: 'Do you have any allergies?' }).getByRole('radio', { name: 'No' }).check();
    await page.getByRole('button', { name: 'Confirm appointment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Paying for your visit' }).waitFor();
    await page.getByRole('radio', { name: 'I’ll pay myself' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review your appointment' }).waitFor();
    await page.getByRole('link', { name: 'Choose a different time' }).click();
    await page.getByRole('heading', { level: 1, name: 'Choose a time' }).waitFor();

    const signIn = page.waitForRequest((r) => r.url().includes('/sandbox/vc/auth?'));
    await page.getByRole('button', { name: 'See more times on the clinic’s scheduling page' }).click();
    // The portal's sign-in link: a fresh token, and next = the scheduling page with the intake.
    const auth = new URL((await signIn).url());
    expect([...auth.searchParams.keys()]).toEqual(['sso_token', 'next']);
    const next = auth.searchParams.get('next') ?? '';
    expect(next).toMatch(/^\/u\/clinic\?intake_id=[0-9a-f-]{36}&action=appointment#schedule-appointment$/);
    const intakeId = /intake_id=([0-9a-f-]+)/.exec(next)![1]!;
    expect(sandbox().intakes.get(intakeId)?.consultation?.description).toBe('15-min Consultation');

    // The sandbox portal signs in and opens its scheduling panel for that intake.
    await page.waitForURL(`${suite.url}/sandbox/vc/u/clinic?intake_id=${intakeId}&action=appointment#schedule-appointment`);
    await page.getByRole('heading', { name: 'Schedule an appointment' }).waitFor();
    await expect.poll(() => page.getByText('Visit type: 15-min Consultation.').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });
  it('step 3b before there is an intake: the time step asks who and why first, then hands off (decision 069)', async () => {
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);

    // A paid type: the payment step, too, leads back to the time step and its handoff.
    await toTimes(page, '15-min Consultation');

    // No intake yet: the hint, and the way to give the details (no handoff button yet).
    const way = page.getByRole('link', { name: 'Give your details and see more times' });
    await way.waitFor();
    expect(await page.getByRole('button', { name: /clinic’s scheduling page/ }).count()).toBe(0);
    expect(await way.getAttribute('aria-describedby')).toBe('schedule-on-site-hint');
    await checkPageAtWidths(page, 'choices-10-more-times-hint');
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('link', { name: 'Dar sus datos y ver más horarios' }).waitFor();
    await checkPageAtWidths(page, 'choices-10-more-times-hint-es');
    await page.getByRole('button', { name: 'English' }).click();

    // Keyboard: the way is reached with Tab and followed with Enter; focus goes to the new page's heading.
    await way.focus();
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 1, name: 'Your details' });
    await heading.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(page.url()).toBe(`${suite.url}/book/appointment/more-times`);
    expect(await page.getByLabel('State').count()).toBe(0);
    await checkPageAtWidths(page, 'choices-11-more-times-details');
    await fillDetails(page, 'Lena');
    await page.getByRole('group', { name: 'Do you have any allergies?' }).getByRole('radio', { name: 'No' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Paying for your visit' }).waitFor();
    await page.getByRole('radio', { name: 'I’ll pay myself' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();

    // Back at the time step: the clinic's page first, the primary action; nothing booked.
    await page.getByRole('heading', { level: 1, name: 'Choose a time' }).waitFor();
    const go = page.getByRole('button', { name: 'Choose a time on the clinic’s scheduling page' });
    await go.waitFor();
    expect(await go.getAttribute('class')).toContain('button-primary');
    expect(await way.count()).toBe(0);
    await checkPageAtWidths(page, 'choices-12-more-times-handoff');

    const signIn = page.waitForRequest((r) => r.url().includes('/sandbox/vc/auth?'));
    await go.click();
    const next = new URL((await signIn).url()).searchParams.get('next') ?? '';
    const intakeId = /^\/u\/clinic\?intake_id=([0-9a-f-]{36})&action=appointment#schedule-appointment$/.exec(next)?.[1];
    expect(intakeId).toBeDefined();
    const intake = sandbox().intakes.get(intakeId!)!;
    expect(intake.consultation?.description).toBe('15-min Consultation');
    // No visit was booked on frontdesk's side for this intake.
    expect([...sandbox().visits.values()].filter((v) => v.intakeId === intakeId)).toEqual([]);

    await page.waitForURL(`${suite.url}/sandbox/vc/u/clinic?intake_id=${intakeId}&action=appointment#schedule-appointment`);
    await page.getByRole('heading', { name: 'Schedule an appointment' }).waitFor();
    await expect.poll(() => page.getByText('Visit type: 15-min Consultation.').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });
});
