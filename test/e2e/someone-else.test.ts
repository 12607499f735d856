/**
 * On VSee, in real Chromium: a guardian books a walk-in for her child (issue #13, decision 067).
 * She says the visit is for someone else and names Sofia; the sandbox's provider dashboard shows
 * Sofia as the patient; her visits list names Sofia. Walked on a phone; axe, screenshots and no
 * sideways scrolling at phone and desktop width on every page.
 */
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium } from '../support/chromium';
import { checkPageAtWidths, fillDetails, VIEWPORTS } from '../support/e2e-flows';

describe.skipIf(!hasChromium)('a walk-in for someone else on VSee, in Chromium', () => {
  const suite = useBrowserSuite();

  it('a guardian books a walk-in for her daughter; her visits name her', async () => {
    const child = 'Sofia';
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);

    await page.goto(`${suite.url}/`);
    await page.getByRole('button', { name: 'See a provider now' }).click();
    await fillDetails(page, 'Mariana');
    const forWhom = page.getByRole('group', { name: 'Who is this visit for?' });
    expect(await forWhom.getByRole('radio', { name: 'Me', exact: true }).isChecked()).toBe(true);
    await forWhom.getByRole('radio', { name: 'Someone else' }).check();
    await page.getByLabel('Their first name', { exact: true }).fill(child);
    await page.getByLabel('Their last name', { exact: true }).fill('Lopez');
    await page.getByLabel('Their date of birth', { exact: true }).fill('2018-04-02');
    await page.getByLabel('They are my', { exact: true }).selectOption({ label: 'Child' });
    await checkPageAtWidths(page, 'someone-else-1-details');
    await page.getByRole('button', { name: 'Join the queue' }).click();

    await page.waitForURL(/\/waiting-room\/\d+$/);
    await page.getByRole('heading', { level: 1, name: /in the queue/i }).waitFor();
    const visitId = page.url().split('/').pop()!;

    // VSee's side: the visit is the child's (the provider sees whom they are seeing).
    const [dash] = await suite.newPage(VIEWPORTS.desktop);
    await dash.goto(`${suite.url}/sandbox/vc/providers/dashboard`);
    const row = dash.locator('li, tr').filter({ has: dash.locator(`form[action$="/visits/${visitId}/start"]`) });
    expect(await row.innerText()).toContain(child);
    await dash.context().close();

    await page.goto(`${suite.url}/visits`);
    await page.getByRole('heading', { level: 1, name: 'My visits' }).waitFor();
    const card = page.locator('.visit-card').filter({ hasText: `For ${child} Lopez` });
    await card.waitFor();
    await checkPageAtWidths(page, 'someone-else-2-my-visits');
    await card.getByRole('link').click();
    await page.waitForURL(new RegExp(`/visits/${visitId}$`));
    await page.getByText(`${child} Lopez`).first().waitFor();
    await checkPageAtWidths(page, 'someone-else-3-visit');
    expect(errors).toEqual([]);
  });
});
