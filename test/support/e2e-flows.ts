/** Steps the browser tests share: what a patient does, said once. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { maya } from './cast';
import { expectNoAxeViolations, screenshot } from './chromium';

export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 360, height: 740 },
} as const;

/**
 * Maya's details (test/support/cast.ts) under another first name: each browser test's patient is
 * told apart by it on the provider dashboard. `state`: where they are, when the form asks (a
 * DexCare practice offers only its own regions).
 */
export async function fillDetails(page: Page, firstName: string, reason = 'Sore throat for three days', state = 'CA') {
  await page.getByLabel('First name').fill(firstName);
  await page.getByLabel('Last name').fill(maya.lastName);
  await page.getByLabel('Date of birth').fill(maya.dob);
  await page.getByLabel('Email').fill(maya.email);
  // Exact: a visit type may be called "Phone call (15 min)" (the sandbox clinic's is).
  await page.getByLabel('Phone', { exact: true }).fill(maya.phone);
  // An appointment asked it on its first step (times first); a walk-in asks it here.
  if ((await page.getByLabel('State').count()) > 0) await page.getByLabel('State').selectOption(state);
  await page.getByLabel(/Reason for visit|Your question/).fill(reason);
  await page.getByLabel(/consent/i).check();
}

/** Anything that would identify the patient who filled in the form as `firstName` (for "never shown here" checks). */
export function patientTraces(firstName: string): RegExp {
  return new RegExp([firstName, maya.lastName, maya.dob.slice(0, 4), 'example\\.com'].join('|'));
}

/** axe with zero violations, a screenshot to look at, no sideways scrolling, and no control's words spilling out of it. */
export async function checkPage(page: Page, name: string) {
  await expectNoAxeViolations(page, name);
  await screenshot(page, name);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  // A control's words must fit inside it: one that does not wrap (a time) spills over its border
  // without scrolling the page (Spanish "10:15 p.m." did, at 360 px).
  const spilled = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a, [role="radio"], [role="button"]')]
      .filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent?.trim()),
  );
  expect(spilled, `${name}: words wider than their control`).toEqual([]);
}

/**
 * `check` at each of VIEWPORTS on the page as it stands, the window resized to it, then back to the
 * page's own size: a flow walked once, looked at (axe, screenshots) at both widths.
 */
export async function atEachWidth(page: Page, check: (vp: keyof typeof VIEWPORTS) => Promise<void>) {
  const own = page.viewportSize();
  // Its own size first: one resize fewer.
  const all = Object.entries(VIEWPORTS) as [keyof typeof VIEWPORTS, { width: number; height: number }][];
  const order = [...all.filter(([, v]) => v.width === own?.width), ...all.filter(([, v]) => v.width !== own?.width)];
  for (const [vp, viewport] of order) {
    await resizeTo(page, viewport);
    await check(vp);
  }
  if (own) await resizeTo(page, own);
}

/** checkPage at each of VIEWPORTS (`name-phone`, `name-desktop`) on the page as it stands. */
export function checkPageAtWidths(page: Page, name: string) {
  return atEachWidth(page, (vp) => checkPage(page, `${name}-${vp}`));
}

/** A new window size, and the page laid out again for it (media queries, the time picker's panes). */
export async function resizeTo(page: Page, viewport: { width: number; height: number }) {
  const now = page.viewportSize();
  if (now?.width === viewport.width && now.height === viewport.height) return;
  await page.setViewportSize(viewport);
  // Media query listeners run before the next frame's callbacks; the frame after it is drawn.
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  expect(await page.evaluate(() => window.innerWidth), 'the window took its new width').toBe(viewport.width);
}

/** An appointment's first step (times first, issue 11): where the patient is, then the times. */
export async function chooseWhere(page: Page) {
  await page.getByLabel('State').selectOption('CA');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('radiogroup').waitFor();
}

/** Start page → where → first free time → review (who and why) → confirmation; returns the visit id. */
export async function bookAppointment(page: Page, baseUrl: string, firstName: string, pick = 0): Promise<string> {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: 'Schedule an appointment' }).click();
  await chooseWhere(page);
  // The times' radio group (the provider choice after it has radios too).
  await page.getByRole('radiogroup').getByRole('radio').nth(pick).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await fillDetails(page, firstName);
  await page.getByRole('button', { name: 'Confirm appointment' }).click();
  // Joining opens 15 minutes before the start: the confirmation shows the heading, not Join yet.
  await page.getByRole('heading', { level: 1, name: 'Appointment confirmed' }).waitFor();
  await page.waitForURL(/\/visits\/\d+$/);
  return page.url().split('/').pop()!;
}

export interface Focused {
  tag: string;
  role: string | null;
  name: string;
  inDialog: boolean;
}

/** What has keyboard focus, by role and accessible name (enough of it for these pages). */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { tag: '', role: null, name: '', inDialog: false };
    const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
    const name = el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '';
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role'),
      name: name.trim().replace(/\s+/g, ' '),
      inDialog: el.closest('dialog') !== null,
    };
  });
}

/** Press Tab (Shift+Tab) until focus is on what `matches` describes; fails if it never gets there. */
export async function tabTo(page: Page, matches: (f: Focused) => boolean, what: string, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (matches(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${what}; focus is on ${JSON.stringify(await focused(page))}`);
}
export const named = (name: string | RegExp) => (f: Focused) => (typeof name === 'string' ? f.name === name : name.test(f.name));
