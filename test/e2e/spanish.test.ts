/**
 * Spanish in real Chromium against the real server on the built-in sandbox: a booking from
 * `/?lang=es` (where, time, review with the details) to "Cita confirmada", a browser whose language is Spanish, and a host site that
 * embeds frontdesk in Spanish.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main';
import { hasChromium, launch, startPageServer, startTestServer, watchConsole } from '../support/chromium';
import { checkPage, VIEWPORTS } from '../support/e2e-flows';

async function fillDetailsInSpanish(page: Page) {
  await page.getByLabel('Nombre', { exact: true }).fill('Lucía');
  await page.getByLabel('Apellido').fill('Quill');
  await page.getByLabel('Fecha de nacimiento').fill('1985-04-12');
  await page.getByLabel('Correo electrónico').fill('lucia.quill@example.com');
  await page.getByLabel('Teléfono').fill('555-010-2030');
  // The state was asked on the appointment's first step (times first, issue 11).
  await page.getByLabel('Motivo de la consulta').fill('Dolor de garganta desde hace tres días');
  await page.getByLabel(/consentimiento/).check();
}

describe.skipIf(!hasChromium)('Spanish in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let host: Awaited<ReturnType<typeof startPageServer>>;

  beforeAll(async () => {
    host = await startPageServer(() => ({
      '/host.html': `<!doctype html><html lang="es"><title>Sitio de prueba</title><link rel="icon" href="data:,"><main><h1>Sitio de prueba</h1><div id="booking"></div></main>
        <script src="${server.url}/embed.js"></script><script src="/host.js"></script></html>`,
      '/host.js': `Frontdesk.mount(document.getElementById('booking'), { lang: 'es' });`,
    }));
    server = await startTestServer({ EMBED_ORIGINS: host.origin });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await host?.close();
  });

  it.each(Object.entries(VIEWPORTS))('books an appointment in Spanish from /?lang=es (%s)', async (vpName, viewport) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = watchConsole(page);

    await page.goto(`${server.url}/?lang=es`);
    await page.getByRole('button', { name: 'Programar una cita' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await expect.poll(() => page.getByText('Si es una emergencia, llame al 911.').isVisible()).toBe(true);
    await checkPage(page, `spanish-1-start-${vpName}`);

    await page.getByRole('button', { name: 'Programar una cita' }).click();
    // Times first (issue 11): where the patient is, then the times, then who and why.
    await page.getByRole('heading', { level: 1, name: 'Reservar una cita' }).waitFor();
    expect(await page.title()).toBe('Reservar una cita – Sandbox Clinic');
    // Sent empty: the checks speak Spanish.
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByText('Elija el estado donde se encuentra ahora').waitFor();
    await page.getByLabel('Estado').selectOption('CA');
    await checkPage(page, `spanish-2-where-${vpName}`);
    await page.getByRole('button', { name: 'Continuar' }).click();

    const times = page.getByRole('radiogroup');
    await times.waitFor();
    const first = times.getByRole('radio').first();
    expect(await first.getAttribute('aria-label')).toMatch(
      /^(lunes|martes|miércoles|jueves|viernes|sábado|domingo), \d{1,2} de \p{L}+, \d{1,2}:\d{2}\s?[ap]\.\s?m\. (hora|tiempo) /u,
    );
    await checkPage(page, `spanish-3-time-${vpName}`);
    await first.click();
    await page.getByRole('button', { name: 'Continuar' }).click();

    await page.getByRole('heading', { level: 1, name: 'Revise su cita' }).waitFor();
    await page.getByRole('button', { name: 'Confirmar la cita' }).click();
    await page.getByText('Escriba su nombre').waitFor();
    await fillDetailsInSpanish(page);
    await checkPage(page, `spanish-4-review-${vpName}`);
    await page.getByRole('button', { name: 'Confirmar la cita' }).click();

    await page.getByRole('heading', { level: 1, name: 'Cita confirmada' }).waitFor();
    // Joining opens 15 minutes before the start; until then the page says when.
    await page.getByRole('status').filter({ hasText: /Podrá unirse desde/ }).waitFor();
    expect(page.url()).toMatch(/\/visits\/\d+$/);
    expect(await page.title()).toBe('Cita confirmada – Sandbox Clinic');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await checkPage(page, `spanish-5-confirmation-${vpName}`);

    // The choice lives in memory only.
    const stored = await page.evaluate(() => JSON.stringify({ l: { ...localStorage }, s: { ...sessionStorage } }));
    // Nothing but the tab's "had a session" flag (decision 040: no patient data, a first visit
    // from an ended session told apart).
    expect(stored).toBe('{"l":{},"s":{"frontdesk.had-session":"1"}}');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('comes up in Spanish when the browser speaks Spanish, and switches to English on request', async () => {
    const context = await browser.newContext({ locale: 'es-MX', viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    const errors = watchConsole(page);

    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 2, name: '¿Cómo desea consultar a un profesional de salud?' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await checkPage(page, 'spanish-browser-start-phone');

    await page.getByRole('group', { name: 'Idioma' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Schedule an appointment' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('English visitors never download the Spanish words', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Schedule an appointment' }).waitFor();
    expect(scripts.some((path) => /\/es-[\w-]+\.js$/.test(path))).toBe(false);
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('button', { name: 'Programar una cita' }).waitFor();
    expect(scripts.some((path) => /\/es-[\w-]+\.js$/.test(path))).toBe(true);
    await context.close();
  });

  it('follows the host site’s language inside the frame', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    await page.goto(`${host.origin}/host.html`);
    const frame = page.frameLocator('iframe[title="Book a telehealth visit"]');
    await frame.getByRole('button', { name: 'Programar una cita' }).waitFor();
    await expect
      .poll(() => page.frames().find((f) => f.url().startsWith(server.url))?.evaluate(() => document.documentElement.lang))
      .toBe('es');
    await context.close();
  });
});
