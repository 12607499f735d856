/**
 * VSee's provider use cases in real Chromium: the health system provisions providers with their own
 * rooms (POST /api/admin/providers), a patient books a walk-in at one provider's patientUrl, the
 * provider — launched from the Riverside Health demo host as a provider — opens their VSee
 * dashboard, sees that patient (and nobody else's), starts the visit, and the patient's waiting room
 * reacts. Another provider's dashboard never shows the visit.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PROVIDER } from '../../server/demo-host';
import { provisionResult, type ProvisionResult } from '../../server/proxy/admin-contract';
import { SANDBOX } from '../../server/vsee-sandbox/credentials';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium, watchConsole } from '../support/chromium';
import { checkPage, fillDetails, VIEWPORTS } from '../support/e2e-flows';

const TOKEN = 'admin-api-token-for-browser-tests-0123456789';

describe.skipIf(!hasChromium)('providers and their rooms in Chromium', () => {
  const suite = useBrowserSuite({ env: { ADMIN_API_TOKEN: TOKEN } });

  async function provision(code: string, firstName: string, lastName: string, slug: string): Promise<ProvisionResult> {
    const res = await fetch(`${suite.url}/api/admin/providers`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, firstName, lastName, room: { name: `Dr. ${lastName}`, slug } }),
    });
    expect(res.status).toBe(201);
    return provisionResult.parse(await res.json());
  }

  /** Another provider's dashboard, signed in the way VSee documents (SSO, then the portal). */
  async function dashboardHtml(code: string): Promise<string> {
    const sso = await fetch(`${suite.url}/sandbox/api_v3/users/sso`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-ApiKey': SANDBOX.apiKey, 'X-ApiSecret': SANDBOX.apiSecret },
      body: JSON.stringify({ code, first_name: 'Lee', last_name: 'Park', type: 400 }),
    });
    const token = ((await sso.json()) as { data: { token: { token: string } } }).data.token.token;
    const signIn = await fetch(`${suite.url}/sandbox/vc/auth?sso_token=${token}&next=/providers/dashboard`, { redirect: 'manual' });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    return (await fetch(`${suite.url}/sandbox/vc/providers/dashboard`, { headers: { cookie } })).text();
  }

  it('a provisioned provider’s patientUrl books a walk-in that only that provider sees, starts, and the patient’s waiting room reacts', async () => {
    const patel = await provision(DEMO_PROVIDER.sub, DEMO_PROVIDER.givenName, DEMO_PROVIDER.familyName, 'dr-patel');
    await provision('riverside-provider-lee-park', 'Lee', 'Park', 'dr-park');
    expect(patel.patientUrl).toBe(`${suite.url}/r/${patel.roomCode}`);

    // The patient books at Dr. Patel's own link.
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);
    await page.goto(patel.patientUrl);
    await page.getByRole('link', { name: 'Dr. Patel' }).waitFor();
    await checkPage(page, 'room-1-start-phone');
    // A new VSee room takes walk-ins only until the clinic turns appointments on.
    expect(await page.getByRole('button', { name: 'Schedule an appointment' }).count()).toBe(0);
    await page.getByRole('button', { name: 'See a provider now' }).click();
    await fillDetails(page, 'Rowan');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await page.waitForURL(/\/waiting-room\/\d+$/);
    await page.getByRole('heading', { level: 1, name: /in the queue/i }).waitFor();
    const visitId = page.url().split('/').pop()!;

    // Dr. Park's dashboard never shows it.
    const park = await dashboardHtml('riverside-provider-lee-park');
    expect(park).toContain('Signed in as Lee Park.');
    expect(park).not.toContain(`(visit ${visitId})`);

    // Dr. Patel, signed in to Riverside Health, opens telehealth as a provider.
    const staffContext = await suite.newContext({ viewport: VIEWPORTS.desktop });
    const host = await staffContext.newPage();
    const hostErrors = watchConsole(host);
    await host.goto(`${suite.server.demoHostUrl}/`);
    await host.getByRole('link', { name: /Open telehealth as a provider/ }).click();
    const frame = host.frameLocator('iframe[title="Telehealth for providers"]');
    await frame.getByText('Signed in as Sam Patel.').waitFor();
    await checkPage(host, 'staff-1-host-desktop');
    const [dash] = await Promise.all([
      staffContext.waitForEvent('page'),
      frame.getByRole('link', { name: 'Open my VSee dashboard' }).click(),
    ]);
    await dash.waitForURL(/\/sandbox\/vc\/providers\/dashboard$/).catch(async (err: unknown) => {
      // Say what the provider saw instead, to make a failure readable.
      const said = await host.frameLocator('iframe[title="Telehealth for providers"]').locator('main').innerText().catch(() => '?');
      throw new Error(`dashboard not reached: tab at ${dash.isClosed() ? '(closed)' : dash.url()}; frame says: ${said}; ${String(err)}`);
    });
    await dash.getByRole('heading', { level: 1, name: 'Provider dashboard' }).waitFor();
    expect(await dash.getByText('Signed in as Sam Patel.').count()).toBe(1);
    await checkPage(dash, 'staff-2-provider-dashboard-desktop');
    const rows = dash.locator('form[action*="/providers/visits/"] button');
    expect(await rows.count()).toBe(1); // only this room's patient, none of the clinic's
    await dash.locator(`form[action$="/visits/${visitId}/start"] button`).click();
    await dash.waitForLoadState();

    await page.getByRole('button', { name: 'Join video visit' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByText(/provider is ready/i).count()).toBeGreaterThan(0);
    await checkPage(page, 'room-2-ready-phone');

    // The host learnt that the provider left for the dashboard, and nothing else of substance.
    const events = (await host.evaluate(() => (window as unknown as { frontdeskEvents: Array<{ type: string; data: unknown }> }).frontdeskEvents)) ?? [];
    expect(events.filter((e) => e.type === 'handoff')).toEqual([{ type: 'handoff', data: { target: 'provider-dashboard' } }]);
    expect(JSON.stringify(events)).not.toMatch(/sso_token|Patel/);
    expect(errors).toEqual([]);
    expect(hostErrors).toEqual([]);
  });

  it('shows a clear page for an unknown room, with the way to the clinic', async () => {
    const [page] = await suite.newPage(VIEWPORTS.phone);
    await page.goto(`${suite.url}/r/nosuchroom`);
    await page.getByRole('heading', { level: 1, name: 'We could not find this waiting room' }).waitFor();
    await checkPage(page, 'room-3-unknown-phone');
    await page.getByRole('link', { name: 'Book with the clinic' }).click();
    await page.getByRole('button', { name: 'Schedule an appointment' }).waitFor();
  });
});
