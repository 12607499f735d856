/**
 * Embedding across sites in real Chromium: the Riverside Health demo host (127.0.0.1) embeds
 * frontdesk (localhost) through /embed.js with a launch token; an allowlisted test host and an
 * attacker page check that only exact origins are listened to; an unlisted site cannot frame it.
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium, startPageServer, watchConsole } from '../support/chromium';
import { checkPage, VIEWPORTS } from '../support/e2e-flows';

type HostEvent = { type: string; data: Record<string, unknown> };

describe.skipIf(!hasChromium)('embedding in Chromium', () => {
  let testHost: Awaited<ReturnType<typeof startPageServer>>;
  let attacker: Awaited<ReturnType<typeof startPageServer>>;
  let unlisted: Awaited<ReturnType<typeof startPageServer>>;

  beforeAll(async () => {
    // The test host is allowlisted; the attacker and the unlisted framer are not.
    attacker = await startPageServer(() => ({
      '/attacker.html': `<!doctype html><title>x</title><link rel="icon" href="data:,"><script src="/attacker.js"></script>`,
      '/attacker.js': `window.addEventListener('message', (e) => { window.received = (window.received || 0) + 1; });
        window.fire = (token) => { for (let i = 0; i < parent.frames.length; i++) if (parent.frames[i] !== window) parent.frames[i].postMessage({ source: 'frontdesk', version: 1, type: 'launch', data: { token } }, '*'); };`,
    }));
    testHost = await startPageServer(() => ({
      '/host.html': `<!doctype html><html lang="en"><title>Test host</title><link rel="icon" href="data:,"><main><h1>Test host</h1><div id="booking"></div></main>
        <script src="${suite.url}/embed.js"></script><script src="/host.js"></script></html>`,
      '/host.js': `window.events = []; window.origins = [];
        window.addEventListener('message', (e) => window.origins.push(e.origin));
        window.fd = Frontdesk.mount(document.getElementById('booking'), { flow: 'appointment', onEvent: (e) => window.events.push(e) });
        window.addAttacker = (src) => { const f = document.createElement('iframe'); f.src = src; f.title = 'other'; document.body.append(f); };
        window.relaunch = (token) => window.fd.frame.contentWindow.postMessage({ source: 'frontdesk', version: 1, type: 'launch', data: { token } }, new URL(window.fd.frame.src).origin);
`,
    }));
    unlisted = await startPageServer((origin) => ({
      '/framer.html': `<!doctype html><title>Unlisted</title><link rel="icon" href="data:,"><iframe title="frontdesk" src="${suite.url}/?embed=1&parent=${encodeURIComponent(origin)}"></iframe><script src="/framer.js"></script>`,
      '/framer.js': `window.received = []; window.addEventListener('message', (e) => window.received.push(e.origin));`,
    }));
  });
  afterAll(async () => {
    await Promise.all([testHost?.close(), attacker?.close(), unlisted?.close()]);
  });
  const suite = useBrowserSuite({ env: () => ({ EMBED_ORIGINS: testHost.origin }) });

  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    return (await suite.newContext({ viewport })).newPage();
  }

  function frontdeskFrame(page: Page): Frame {
    const frame = page.frames().find((f) => f.url().startsWith(suite.url));
    if (!frame) throw new Error('no frontdesk frame');
    return frame;
  }

  async function frameHeightMatchesContent(page: Page) {
    await expect
      .poll(async () => {
        const outer = await page.locator('iframe[title="Book a telehealth visit"]').evaluate((el) => el.getBoundingClientRect().height);
        const inner = await frontdeskFrame(page).evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
        return Math.abs(outer - Math.max(200, inner));
      })
      .toBeLessThanOrEqual(2);
    const scroll = await frontdeskFrame(page).evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight);
    expect(scroll, 'no inner scrollbar').toBeLessThanOrEqual(1);
  }

  it.each(Object.entries(VIEWPORTS))('Riverside Health launches its patient, who books inside the frame (%s)', async (vp, viewport) => {
    const page = await newPage(viewport);
    const errors = watchConsole(page);
    // The page's timers on the test's clock, so the join window's next look at it comes when the test says.
    await page.clock.install();
    const hostPage = await page.goto(`${suite.server.demoHostUrl}/book?flow=appointment`);
    // The host isolates itself, as many health systems' sites do.
    expect(hostPage?.headers()['cross-origin-opener-policy']).toBe('same-origin');
    const iframe = page.locator('iframe[title="Book a telehealth visit"]');
    await iframe.waitFor();
    expect(await iframe.getAttribute('allow')).toBe('camera; microphone; fullscreen; display-capture');
    const frame = page.frameLocator('iframe[title="Book a telehealth visit"]');

    // Launched: the first step (times first, issue 11) asks where, and says who is booking.
    await frame.getByText(/booking as Jordan Rivera/i).waitFor();
    await frameHeightMatchesContent(page);
    await checkPage(page, `embed-1-host-where-${vp}`);

    await frame.getByLabel('State').selectOption('WA');
    await frame.getByRole('button', { name: 'Continue' }).click();
    // Click only once the host has sized the frame to the new page: until then the frame's
    // document is taller than the frame and a click could land where the content was.
    await frame.getByRole('radiogroup').waitFor();
    await frameHeightMatchesContent(page);
    await frame.getByRole('radiogroup').getByRole('radio').first().click();
    await frame.getByRole('button', { name: 'Continue' }).click();
    await frame.getByRole('button', { name: 'Confirm appointment' }).waitFor();
    // The review asks why, but not who: the launched patient is past the identity fields.
    await frame.getByText(/booking as Jordan Rivera/i).waitFor();
    expect(await frame.getByLabel('First name').count()).toBe(0);
    await frame.getByLabel('Reason for visit').fill('Follow-up on blood pressure');
    await frame.getByLabel(/consent/i).check();
    await frameHeightMatchesContent(page);
    await checkPage(page, `embed-2-host-review-${vp}`);
    // By keyboard: the full-page screenshot just resized the window, and the host re-sizes the frame
    // a moment later, so a click aimed now could land where the button was (seen: nothing booked).
    await frame.getByRole('button', { name: 'Confirm appointment' }).press('Enter');
    await frame.getByRole('heading', { level: 1, name: /confirmed/i }).waitFor();
    await frameHeightMatchesContent(page);
    await checkPage(page, `embed-3-host-confirmed-${vp}`);

    // Join under a COOP host: a real link opens the portal in a new tab (a blank tab opened by
    // script and sent on later would be cut off), and the host page stays.
    // Joining opens 15 minutes before the start (the visit page's join window): until then the
    // page says when. The page's clock is then set to 10 minutes before the booked start, and
    // moved on past the join window's next look at the clock (every 15 seconds).
    await frame.getByText(/You can join from/).waitFor();
    expect(await frame.getByRole('link', { name: 'Join video visit' }).count()).toBe(0);
    const bookedEvent = ((await page.evaluate(() => (window as unknown as { frontdeskEvents: HostEvent[] }).frontdeskEvents)) ?? []).find(
      (e) => e.type === 'booked',
    );
    const bookedStart = (bookedEvent?.data as { start?: string } | undefined)?.start;
    if (!bookedStart) throw new Error('no booked event with a start');
    await page.clock.setSystemTime(new Date(Date.parse(bookedStart) - 10 * 60_000));
    await page.clock.fastForward(15_000);
    const join = frame.getByRole('link', { name: 'Join video visit' });
    await join.waitFor();
    const [portal] = await Promise.all([page.context().waitForEvent('page'), join.click()]);
    await portal.waitForURL(/\/sandbox\/vc\//);
    expect(portal.url()).not.toBe('about:blank');
    expect(await portal.evaluate(() => window.opener)).toBeNull();
    await portal.close();
    expect(page.url()).toContain(suite.server.demoHostUrl!);

    const events = (await page.evaluate(() => (window as unknown as { frontdeskEvents: HostEvent[] }).frontdeskEvents)) ?? [];
    const types = events.map((e) => e.type);
    expect(types).toContain('ready');
    expect(types).toContain('resize');
    expect(types).toContain('page');
    const booked = events.find((e) => e.type === 'booked');
    expect(booked?.data).toEqual({ visitId: expect.stringMatching(/^\d+$/), kind: 'appointment', start: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    // Nothing of the patient crossed to the host page.
    expect(JSON.stringify(events)).not.toMatch(/Jordan|Rivera|1979|example\.com|sso_token/);
    expect(errors).toEqual([]);
  });

  it('listens only to its host’s exact origin: an attacker frame cannot launch a patient', async () => {
    const page = await newPage(VIEWPORTS.desktop);
    const errors = watchConsole(page);
    await page.goto(`${testHost.origin}/host.html`);
    const frame = page.frameLocator('iframe[title="Book a telehealth visit"]');
    // The appointment's first step (times first, issue 11): a guest, so no "booking as" line.
    await frame.getByLabel('State').waitFor();
    // Messages the host received all came from frontdesk's origin.
    await expect.poll(() => page.evaluate(() => (window as unknown as { events: HostEvent[] }).events.length)).toBeGreaterThan(0);
    const origins = await page.evaluate(() => (window as unknown as { origins: string[] }).origins);
    expect(new Set(origins)).toEqual(new Set([suite.url]));

    // A valid, unused token, posted by another origin's frame on the same page, changes nothing.
    const token = await mintDemoToken();
    await page.evaluate((src) => (window as unknown as { addAttacker: (s: string) => void }).addAttacker(src), `${attacker.origin}/attacker.html`);
    const attackerFrame = await waitForFrame(page, attacker.origin);
    await attackerFrame.evaluate((t) => (window as unknown as { fire: (t: string) => void }).fire(t), token);
    await page.waitForTimeout(500);
    expect(await frame.getByText(/booking as/i).count()).toBe(0);
    expect(await frame.getByLabel('State').count()).toBe(1);
    expect(await attackerFrame.evaluate(() => (window as unknown as { received?: number }).received ?? 0)).toBe(0);

    // The same token from the real host still works: it was not consumed by the attacker's message.
    await page.evaluate((t) => (window as unknown as { relaunch: (t: string) => void }).relaunch(t), token);
    await frame.getByText(/booking as Jordan Rivera/i).waitFor();
    expect(errors).toEqual([]);
  });

  it('cannot be framed by a site outside EMBED_ORIGINS, which receives nothing', async () => {
    const page = await newPage(VIEWPORTS.desktop);
    await page.goto(`${unlisted.origin}/framer.html`);
    await page.waitForTimeout(1000);
    const inner = page.frames().find((f) => f !== page.mainFrame());
    // Chromium shows its own "blocked" page in the frame: frontdesk's app never loads there.
    const rendered = inner ? await inner.evaluate(() => document.getElementById('root') !== null).catch(() => false) : false;
    expect(rendered).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { received: string[] }).received)).toEqual([]);
  });

  async function mintDemoToken(): Promise<string> {
    // Riverside Health's own server signs it (same-origin request from its page).
    const host = await newPage(VIEWPORTS.desktop);
    await host.goto(`${suite.server.demoHostUrl}/`);
    const token = await host.evaluate(async () => {
      const res = await fetch('/launch-token', { method: 'POST', headers: { 'X-Requested-With': 'fetch' } });
      return ((await res.json()) as { token: string }).token;
    });
    await host.close();
    return token;
  }

  async function waitForFrame(page: Page, origin: string): Promise<Frame> {
    await expect.poll(() => page.frames().some((f) => f.url().startsWith(origin))).toBe(true);
    return page.frames().find((f) => f.url().startsWith(origin))!;
  }
});
