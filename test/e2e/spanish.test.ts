/**
 * Spanish in real Chromium against the real server on the built-in sandbox: a booking from
 * `/?lang=es` (where, time, review with the details) to "Cita confirmada" (walked once, on a
 * phone, every page checked at both widths), a browser whose language is Spanish, and a host site
 * that embeds frontdesk in Spanish.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium, startPageServer } from '../support/chromium';
import { checkPage, checkPageAtWidths, VIEWPORTS } from '../support/e2e-flows';

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
  let host: Awaited<ReturnType<typeof startPageServer>>;
  beforeAll(async () => {
    host = await startPageServer(() => ({
      '/host.html': `<!doctype html><html lang="es"><title>Sitio de prueba</title><link rel="icon" href="data:,"><main><h1>Sitio de prueba</h1><div id="booking"></div></main>
        <script src="${suite.url}/embed.js"></script><script src="/host.js"></script></html>`,
      '/host.js': `Frontdesk.mount(document.getElementById('booking'), { lang: 'es' });`,
    }));
  });
  afterAll(async () => {
    await host?.close();
  });
  const suite = useBrowserSuite({ env: () => ({ EMBED_ORIGINS: host.origin }) });

  it('books an appointment in Spanish from /?lang=es', async () => {
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);

    await page.goto(`${suite.url}/?lang=es`);
    await page.getByRole('button', { name: 'Programar una cita' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await expect.poll(() => page.getByText('Si es una emergencia, llame al 911.').isVisible()).toBe(true);
    await checkPageAtWidths(page, 'spanish-1-start');

    await page.getByRole('button', { name: 'Programar una cita' }).click();
    // Times first (issue 11): where the patient is, then the times, then who and why.
    await page.getByRole('heading', { level: 1, name: 'Reservar una cita' }).waitFor();
    expect(await page.title()).toBe('Reservar una cita – Sandbox Clinic');
    // Sent empty: the checks speak Spanish.
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByText('Elija el estado donde se encuentra ahora').waitFor();
    await page.getByLabel('Estado').selectOption('CA');
    await checkPageAtWidths(page, 'spanish-2-where');
    await page.getByRole('button', { name: 'Continuar' }).click();

    const times = page.getByRole('radiogroup');
    await times.waitFor();
    const first = times.getByRole('radio').first();
    expect(await first.getAttribute('aria-label')).toMatch(
      /^(lunes|martes|miércoles|jueves|viernes|sábado|domingo), \d{1,2} de \p{L}+, \d{1,2}:\d{2}\s?[ap]\.\s?m\. (hora|tiempo) /u,
    );
    await checkPageAtWidths(page, 'spanish-3-time');
    await first.click();
    await page.getByRole('button', { name: 'Continuar' }).click();

    await page.getByRole('heading', { level: 1, name: 'Revise su cita' }).waitFor();
    await page.getByRole('button', { name: 'Confirmar la cita' }).click();
    await page.getByText('Escriba su nombre').waitFor();
    await fillDetailsInSpanish(page);
    await checkPageAtWidths(page, 'spanish-4-review');
    await page.getByRole('button', { name: 'Confirmar la cita' }).click();

    await page.getByRole('heading', { level: 1, name: 'Cita confirmada' }).waitFor();
    // Joining opens 15 minutes before the start; until then the page says when.
    await page.getByRole('status').filter({ hasText: /Podrá unirse desde/ }).waitFor();
    expect(page.url()).toMatch(/\/visits\/\d+$/);
    expect(await page.title()).toBe('Cita confirmada – Sandbox Clinic');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await checkPageAtWidths(page, 'spanish-5-confirmation');

    // The choice lives in memory only.
    const stored = await page.evaluate(() => JSON.stringify({ l: { ...localStorage }, s: { ...sessionStorage } }));
    // Nothing but the tab's "had a session" flag (decision 040: no patient data, a first visit
    // from an ended session told apart).
    expect(stored).toBe('{"l":{},"s":{"frontdesk.had-session":"1"}}');
    expect(errors).toEqual([]);
  });

  it('comes up in Spanish when the browser speaks Spanish, and switches to English on request', async () => {
    const [page, errors] = await suite.newPage(VIEWPORTS.phone, { locale: 'es-MX' });

    await page.goto(`${suite.url}/`);
    await page.getByRole('heading', { level: 2, name: '¿Cómo desea consultar a un profesional de salud?' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await checkPage(page, 'spanish-browser-start-phone');

    await page.getByRole('group', { name: 'Idioma' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Schedule an appointment' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(errors).toEqual([]);
  });

  it('English visitors never download the Spanish words', async () => {
    const [page] = await suite.newPage(VIEWPORTS.desktop, { locale: 'en-US' });
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${suite.url}/`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Schedule an appointment' }).waitFor();
    expect(scripts.some((path) => /\/es-[\w-]+\.js$/.test(path))).toBe(false);
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('button', { name: 'Programar una cita' }).waitFor();
    expect(scripts.some((path) => /\/es-[\w-]+\.js$/.test(path))).toBe(true);
  });

  it('follows the host site’s language inside the frame', async () => {
    const [page] = await suite.newPage(VIEWPORTS.desktop, { locale: 'en-US' });
    await page.goto(`${host.origin}/host.html`);
    const frame = page.frameLocator('iframe[title="Book a telehealth visit"]');
    await frame.getByRole('button', { name: 'Programar una cita' }).waitFor();
    await expect
      .poll(() => page.frames().find((f) => f.url().startsWith(suite.url))?.evaluate(() => document.documentElement.lang))
      .toBe('es');
  });
});
