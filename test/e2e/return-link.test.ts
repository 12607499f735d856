/**
 * The return link (decision 031) in real Chromium: booked in one browser, opened in a fresh one
 * (no cookies, another device) it shows that visit only; "Join video visit" waits for the join
 * window and is then a real link that reaches the clinic's portal. axe at both widths, in English
 * and Spanish.
 */
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium } from '../support/chromium';
import { bookAppointment, checkPage, VIEWPORTS } from '../support/e2e-flows';

describe.skipIf(!hasChromium)('return link in Chromium', () => {
  const suite = useBrowserSuite({ context: { locale: 'en-US', timezoneId: 'America/New_York' } });
  const newPage = (viewport: { width: number; height: number }, locale = 'en-US') => suite.newPage(viewport, { locale });

  it('opens the booked visit in a fresh browser, joins once the visit is under way, and nothing else', async () => {
    const [patient, patientErrors] = await newPage(VIEWPORTS.phone);
    const visitId = await bookAppointment(patient, suite.url, 'Reva', 1);
    const link = patient.getByRole('link', { name: 'Link to this appointment' });
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^${suite.url}/v/[A-Za-z0-9_.-]+$`));
    // Not readable: no id, no name in it.
    expect(href).not.toContain(visitId);
    expect(href).not.toMatch(/Reva/);
    const when = await patient.locator('.when-line').innerText();
    await checkPage(patient, 'return-1-confirmation-phone');

    for (const [vp, viewport] of Object.entries(VIEWPORTS)) {
      for (const lang of ['en', 'es'] as const) {
        const [other, errors] = await newPage(viewport, lang === 'es' ? 'es-US' : 'en-US');
        await other.goto(href);
        await other
          .getByRole('heading', { level: 1, name: lang === 'es' ? 'Su cita por video' : 'Your video appointment' })
          .waitFor();
        if (lang === 'en') expect(await other.locator('.when-line').innerText()).toBe(when);
        // Tomorrow's visit: joining opens 15 minutes before; no Join yet, and the page says when.
        await other.getByRole('status').filter({ hasText: lang === 'es' ? /Podrá unirse desde/ : /You can join from/ }).waitFor();
        expect(await other.getByRole('link', { name: /Join video visit|Unirse a la consulta por video/ }).count()).toBe(0);
        // This browser is nobody: the link opened one visit, not the patient's account.
        expect((await other.request.get(`${suite.url}/api/visits`)).status()).toBe(401);
        expect(await other.getByRole('link', { name: /My visits|Mis consultas/ }).count()).toBe(0);
        await checkPage(other, `return-2-before-window-${vp}-${lang}`);
        expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
      }
    }

    // The provider starts the visit: joining is open, as a link that reaches the portal.
    // (The sandbox's dashboard lists today's appointments only; this one is tomorrow's, so the
    // provider's Start goes straight to the same form action.)
    const started = await fetch(`${suite.url}/sandbox/vc/providers/visits/${visitId}/start`, { method: 'POST', redirect: 'manual' });
    expect(started.status).toBe(303);

    const [other, errors] = await newPage(VIEWPORTS.phone);
    await other.goto(href);
    const join = other.getByRole('link', { name: 'Join video visit' });
    await join.waitFor();
    expect(await join.getAttribute('href')).toMatch(new RegExp(`/sandbox/vc/auth\\?sso_token=[A-Za-z0-9_-]+&next=/visits/start/${visitId}$`));
    await checkPage(other, 'return-3-join-open-phone');
    await join.click();
    await other.waitForURL(new RegExp(`/sandbox/vc/`));
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    expect(patientErrors).toEqual([]);
  });
});
