/**
 * The clinic status page in real Chromium, after a few scripted bookings on the real server:
 * every chart draws what its table says, the numbers are the bookings made, axe finds nothing,
 * and no patient's name is anywhere on the page.
 */
import type { Frame, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium } from '../support/chromium';
import { checkPage, VIEWPORTS } from '../support/e2e-flows';

const ADMIN_TOKEN = 'status-page-admin-token-0123456789abcdef';

/** A patient's calls, as the SPA's client makes them. */
function patient(base: string) {
  const jar = new Map<string, string>();
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const h = new Headers(headers);
    if (method !== 'GET') {
      h.set('X-Frontdesk', '1');
      h.set('Origin', base);
      h.set('Content-Type', 'application/json');
    }
    if (jar.size) h.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(`${base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  };
}

const NAMES = ['Imogen', 'Tariq', 'Lucia', 'Hana'];
let key = 0;

async function bookWalkin(base: string, firstName: string) {
  const call = patient(base);
  expect((await call('POST', '/api/session/guest', { firstName, lastName: 'Okafor', dob: '1990-01-01', email: `${firstName.toLowerCase()}@example.com` })).status).toBe(201);
  const { id: intakeId } = (await (await call('POST', '/api/intakes', { kind: 'walkin', reason: 'Headache', state: 'CA' })).json()) as { id: string };
  const res = await call('POST', '/api/walkins', { intakeId }, { 'Idempotency-Key': `status-${Date.now()}-${++key}` });
  expect(res.status).toBe(201);
  return { call, visitId: ((await res.json()) as { id: string }).id };
}

interface Figure {
  title: string;
  labels: string[];
  values: number[][];
  table: { headers: string[]; rows: string[][] };
  painted: boolean;
}

/** Each chart as Chart.js holds it, its table as the page shows it, and whether it drew anything. */
async function figures(page: Page | Frame): Promise<Figure[]> {
  await page.locator('canvas[data-chart-values]').nth(5).waitFor();
  return page.$$eval('figure.status-chart', (els) =>
    els.map((fig) => {
      const canvas = fig.querySelector('canvas')!;
      const ctx = canvas.getContext('2d')!;
      const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = false;
      for (let i = 3; i < px.length; i += 4) {
        if (px[i]! > 0) {
          painted = true;
          break;
        }
      }
      const table = fig.querySelector('table')!;
      return {
        title: fig.querySelector('figcaption')!.textContent ?? '',
        labels: JSON.parse(canvas.dataset.chartLabels ?? '[]') as string[],
        values: JSON.parse(canvas.dataset.chartValues ?? '[]') as number[][],
        table: {
          headers: [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? ''),
          rows: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent ?? '')),
        },
        painted,
      };
    }),
  );
}

function expectChartsAgreeWithTables(all: Figure[]) {
  expect(all).toHaveLength(6);
  for (const f of all) {
    expect(f.painted, `${f.title} drew something`).toBe(true);
    // The chart's categories are the table's rows, its series the table's columns, value for value.
    expect(f.table.rows.map((r) => r[0]), f.title).toEqual(f.labels);
    expect(f.table.rows.map((r) => r.slice(1).map(Number)), f.title).toEqual(f.labels.map((_, row) => f.values.map((series) => series[row])));
  }
}

describe.skipIf(!hasChromium)('clinic status page', () => {
  const suite = useBrowserSuite({ env: { ADMIN_API_TOKEN: ADMIN_TOKEN, RATE_LIMIT_SESSIONS: '0' } });

  beforeAll(async () => {
    // Three walk-ins booked; the provider starts the first one, whose patient then sees it start.
    const booked = [];
    for (const name of NAMES.slice(0, 3)) booked.push(await bookWalkin(suite.url, name));
    const start = await fetch(`${suite.url}/sandbox/vc/providers/visits/${booked[0]!.visitId}/start`, { method: 'POST', redirect: 'manual' });
    expect(start.status).toBe(303);
    expect((await booked[0]!.call('GET', `/api/visits/${booked[0]!.visitId}`)).status).toBe(200);
    // One booking refused: an intake that is not the patient's.
    const stranger = patient(suite.url);
    await stranger('POST', '/api/session/guest', { firstName: NAMES[3], lastName: 'Okafor', dob: '1990-01-01', email: 'hana@example.com' });
    expect((await stranger('POST', '/api/walkins', { intakeId: 'not-mine-1' }, { 'Idempotency-Key': `status-refused-${Date.now()}` })).status).toBe(404);
  }, 120_000);

  it('asks for the admin token, then shows charts that agree with their tables', async () => {
    const [page, errors] = await suite.newPage(VIEWPORTS.desktop);
    await page.goto(`${suite.url}/staff/status`);
    await page.getByRole('heading', { level: 1, name: 'Clinic status' }).waitFor();
    await page.getByLabel('Admin token').waitFor();
    await checkPage(page, 'status-1-token-desktop');
    await page.getByLabel('Admin token').fill('wrong-token-wrong-token-wrong-token');
    await page.getByRole('button', { name: 'Show status' }).click();
    await page.getByText('That token was not accepted.').waitFor();
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Show status' }).click();
    await page.getByRole('heading', { level: 2, name: 'Bookings' }).waitFor();

    const all = await figures(page);
    expect(all.map((f) => f.title)).toEqual([
      'Visits booked per day, by kind',
      'Booking requests in the last 7 days, by outcome',
      'Patients at each step',
      'VSee calls by outcome',
      'How long VSee took to answer',
      'How long walk-in patients waited for their visit',
    ]);
    expectChartsAgreeWithTables(all);
    // And they are the bookings made above.
    const [byDay, byOutcome, funnel, , , waits] = all as [Figure, Figure, Figure, Figure, Figure, Figure];
    expect(byDay.table.headers).toEqual(['Day', 'Walk-in', 'Appointment', 'E-consult']);
    expect(byDay.table.rows.at(-1)!.slice(1)).toEqual(['3', '0', '0']);
    expect(byOutcome.table.rows.find((r) => r[0] === 'Booked')!.slice(1)).toEqual(['3', '0', '0']);
    expect(byOutcome.table.rows.find((r) => r[0] === 'Refused')!.slice(1)).toEqual(['1', '0', '0']);
    expect(funnel.table.rows.map((r) => r[2])).toEqual(['4', '3', '4', '3']);
    expect(waits.table.rows.reduce((n, r) => n + Number(r[2]), 0)).toBe(1);
    await page.getByText('Visits booked today: 3').waitFor();

    // Counts only: no patient is named anywhere on the page.
    const text = await page.locator('body').innerText();
    for (const name of [...NAMES, 'Okafor', '@example.com']) expect(text).not.toContain(name);

    for (const d of await page.locator('details').all()) await d.locator('summary').click();
    await checkPage(page, 'status-2-report-desktop');
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });

  it('reads on a phone, tables open', async () => {
    const [page] = await suite.newPage(VIEWPORTS.phone);
    await page.goto(`${suite.url}/staff/status`);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Show status' }).click();
    await page.getByRole('heading', { level: 2, name: 'Waiting room' }).waitFor();
    await page.locator('canvas[data-chart-values]').nth(5).waitFor();
    await page.locator('details').first().locator('summary').click();
    await checkPage(page, 'status-3-report-phone');
  });

  it('opens for a provider launched by their health system, from a link on their page, with no token', async () => {
    const [host, errors] = await suite.newPage(VIEWPORTS.desktop);
    await host.goto(`${suite.server.demoHostUrl}/`);
    await host.getByRole('link', { name: /Open telehealth as a provider/ }).click();
    const frame = host.frameLocator('iframe[title="Telehealth for providers"]');
    await frame.getByText('Signed in as Sam Patel.').waitFor();
    await frame.getByRole('link', { name: 'See how booking is going (clinic status)' }).click();
    await frame.getByRole('heading', { level: 1, name: 'Clinic status' }).waitFor();
    await frame.getByRole('heading', { level: 2, name: 'Bookings' }).waitFor();
    // The staff cookie opened it: no token asked for.
    expect(await frame.getByLabel('Admin token').count()).toBe(0);
    const inner = await (await host.locator('iframe[title="Telehealth for providers"]').elementHandle())!.contentFrame();
    const all = await figures(inner!);
    expectChartsAgreeWithTables(all);
    expect(all[0]!.table.rows.at(-1)!.slice(1)).toEqual(['3', '0', '0']);
    const text = await frame.locator('body').innerText();
    for (const name of [...NAMES, 'Okafor', '@example.com']) expect(text).not.toContain(name);
    await checkPage(host, 'status-4-provider-desktop');
    await host.setViewportSize(VIEWPORTS.phone);
    await frame.locator('details').first().locator('summary').click();
    await checkPage(host, 'status-5-provider-phone');
    // And back to the provider's page.
    await frame.getByRole('link', { name: 'Back to telehealth for providers' }).click();
    await frame.getByRole('link', { name: 'Open my VSee dashboard' }).waitFor();
    expect(errors).toEqual([]);
  });
});
