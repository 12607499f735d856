/**
 * On VSee, in real Chromium: a guardian books a walk-in for her child (issue #13, decision 067).
 * She says the visit is for someone else and names Sofia; the sandbox's provider dashboard shows
 * Sofia as the patient; her visits list names Sofia. axe, screenshots and no sideways scrolling at
 * phone and desktop width.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main';
import { hasChromium, launch, startTestServer, watchConsole } from '../support/chromium';
import { checkPage, fillDetails, VIEWPORTS } from '../support/e2e-flows';

describe.skipIf(!hasChromium)('a walk-in for someone else on VSee, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(Object.entries(VIEWPORTS))('a guardian books a walk-in for her daughter; her visits name her (%s)', async (vp, viewport) => {
    const child = vp === 'phone' ? 'Sofia' : 'Lucia';
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = watchConsole(page);

    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'See a provider now' }).click();
    await fillDetails(page, 'Mariana');
    const forWhom = page.getByRole('group', { name: 'Who is this visit for?' });
    expect(await forWhom.getByRole('radio', { name: 'Me', exact: true }).isChecked()).toBe(true);
    await forWhom.getByRole('radio', { name: 'Someone else' }).check();
    await page.getByLabel('Their first name', { exact: true }).fill(child);
    await page.getByLabel('Their last name', { exact: true }).fill('Lopez');
    await page.getByLabel('Their date of birth', { exact: true }).fill('2018-04-02');
    await page.getByLabel('They are my', { exact: true }).selectOption({ label: 'Child' });
    await checkPage(page, `someone-else-1-details-${vp}`);
    await page.getByRole('button', { name: 'Join the queue' }).click();

    await page.waitForURL(/\/waiting-room\/\d+$/);
    await page.getByRole('heading', { level: 1, name: /in the queue/i }).waitFor();
    const visitId = page.url().split('/').pop()!;

    // VSee's side: the visit is the child's (the provider sees whom they are seeing).
    const provider = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const dash = await provider.newPage();
    await dash.goto(`${server.url}/sandbox/vc/providers/dashboard`);
    const row = dash.locator('li, tr').filter({ has: dash.locator(`form[action$="/visits/${visitId}/start"]`) });
    expect(await row.innerText()).toContain(child);
    await provider.close();

    await page.goto(`${server.url}/visits`);
    await page.getByRole('heading', { level: 1, name: 'My visits' }).waitFor();
    const card = page.locator('.visit-card').filter({ hasText: `For ${child} Lopez` });
    await card.waitFor();
    await checkPage(page, `someone-else-2-my-visits-${vp}`);
    await card.getByRole('link').click();
    await page.waitForURL(new RegExp(`/visits/${visitId}$`));
    await page.getByText(`${child} Lopez`).first().waitFor();
    await checkPage(page, `someone-else-3-visit-${vp}`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
