/**
 * CLINIC_BACKEND=dexcare in real Chromium, before any details: "Somewhere else" leads to the
 * out-of-area page (where the practice does see patients, the phone); Oregon, busy in the
 * sandbox, says so in plain words with a way forward and no walk-in; Washington is open with
 * DexCare's estimated wait. Montana, closed at the start of any sandbox run (OFF_HOURS), says when
 * it opens; Idaho, with nobody on call (NO_ONCALL_PROVIDERS), says so — both in English and
 * Spanish, by keyboard, with nothing booked; and a region whose providers go off call while the
 * patient fills in "Before you join" books nothing either. Walked on a phone; axe, screenshots and
 * no sideways scrolling at phone and desktop width.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSY_MESSAGE, PRACTICE_ID, PROVIDERS, REGION } from '../../server/dexcare-sandbox/seed';
import { useBrowserSuite } from '../support/browser-suite';
import { hasChromium } from '../support/chromium';
import { checkPageAtWidths, fillDetails, named, tabTo, VIEWPORTS } from '../support/e2e-flows';

/** How many lines a control's words take (a word broken in two takes two). */
function linesOf(control: Locator): Promise<number> {
  return control.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  });
}

/** The sandbox's own view of its regions and visits (GET control/state). */
interface SandboxState {
  regions: { id: string; reason: string | null }[];
  visits: { id: string; regionId: string }[];
}

describe.skipIf(!hasChromium)('DexCare’s service areas on the start page in Chromium', () => {
  const suite = useBrowserSuite({ env: { CLINIC_BACKEND: 'dexcare', CLINIC_PHONE: '+1 555-010-2000' }, context: { locale: 'en-US', timezoneId: 'America/New_York' } });
  const sandbox = `/sandbox/dexcare`;

  async function sandboxState(): Promise<SandboxState> {
    const res = await fetch(`${suite.url}${sandbox}/control/state`);
    expect(res.status).toBe(200);
    return (await res.json()) as SandboxState;
  }
  const reasonOf = async (regionId: string) => (await sandboxState()).regions.find((r) => r.id === regionId)?.reason;

  /** What DexCare staff change on a region (control/regions/{id}). */
  async function staffSet(regionId: string, settings: Record<string, unknown>) {
    const res = await fetch(`${suite.url}${sandbox}/control/regions/${regionId}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(settings),
    });
    expect(res.status).toBe(200);
  }

  it('out of area, then a busy region, then an open one with its wait', async () => {
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);
    await page.goto(`${suite.url}/`);
    const where = page.getByRole('combobox', { name: 'Where are you right now?' });

    await where.selectOption({ label: 'Somewhere else' });
    await page.getByRole('heading', { level: 1, name: 'The clinic cannot see you where you are' }).waitFor();
    await page.getByText('They see patients in: Idaho, Montana, Oregon, and Washington.').waitFor();
    expect(await page.getByRole('link', { name: '+1 555-010-2000' }).getAttribute('href')).toBe('tel:+15550102000');
    // DexCare v8 takes no e-consults: none is offered.
    expect(await page.getByRole('button', { name: 'Send a question to a provider' }).count()).toBe(0);
    await checkPageAtWidths(page, 'dexcare-areas-1-out-of-area');

    await page.getByRole('link', { name: 'Choose another place' }).click();
    await where.selectOption({ label: 'Oregon' });
    const status = page.getByRole('region', { name: 'Can the clinic see you now?' });
    await status.getByText('Not right now: the clinic is seeing more patients than usual.').waitFor();
    await status.getByText(`The clinic says: “${DEFAULT_BUSY_MESSAGE}”`).waitFor();
    // The clinic's own words say when to try again; no second "try later" beside them.
    expect(await status.getByText('Please try again in a little while.', { exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'See a provider now' }).count()).toBe(0);
    // The area's answer is the answer: no second, vaguer "not available" below it.
    expect(await page.getByText(/Online visits are not available/).count()).toBe(0);
    await checkPageAtWidths(page, 'dexcare-areas-2-busy');

    await where.selectOption({ label: 'Washington' });
    await status.getByText('Yes, a provider can see you by video now.').waitFor();
    expect(await status.getByText(/^Estimated wait: (about \d+ minutes|more than an hour)\.$/).count()).toBe(1);
    await page.getByRole('button', { name: 'See a provider now' }).waitFor();
    await checkPageAtWidths(page, 'dexcare-areas-3-open');
    expect(errors).toEqual([]);
  });

  it('off hours: Montana is closed now and says when it opens, in English and Spanish, by keyboard; nothing is booked', async () => {
    expect(await reasonOf(REGION.montana)).toBe('OFF_HOURS');
    // When it opens, as DexCare's practice answer says (its first opening window), in the patient's zone.
    const practice = (await (await fetch(`${suite.url}${sandbox}/api/8/DexCare/practices/${PRACTICE_ID}`)).json()) as {
      practiceRegions: { id: string; availability: { start: string }[] }[];
    };
    const opens = new Date(practice.practiceRegions.find((r) => r.id === REGION.montana)!.availability[0]!.start);
    expect(opens.getTime()).toBeGreaterThan(Date.now());
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);
    await page.goto(`${suite.url}/`);
    /** "Sunday, November 29, 4:00 PM Eastern Time", by Chromium's own Intl in the page's zone. */
    const when = (locale: string) =>
      page.evaluate(
        ([iso, locale]) => {
          const zone = new Intl.DateTimeFormat(locale, { timeZoneName: 'longGeneric' }).formatToParts(new Date(iso)).find((p) => p.type === 'timeZoneName')!.value;
          const day = new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(iso));
          const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
          return `${day}, ${time} ${zone}`.replace(/[\u202f\u2009\u00a0]/g, ' ');
        },
        [opens.toISOString(), locale] as const,
      );
    // Keyboard only: Tab to the question, type the state's first letters (a select's own type-ahead).
    await tabTo(page, named('Where are you right now?'), 'the area question');
    await page.keyboard.type('Mon');
    const status = page.getByRole('region', { name: 'Can the clinic see you now?' });
    await status.getByText(`Not right now: the clinic is closed. It opens again on ${await when('en-US')}.`).waitFor();
    await status.getByText('Please try again in a little while.', { exact: true }).waitFor();
    expect(await status.getByRole('link', { name: '+1 555-010-2000' }).getAttribute('href')).toBe('tel:+15550102000');
    expect(await page.getByRole('button', { name: 'See a provider now' }).count()).toBe(0);
    await tabTo(page, named('+1 555-010-2000'), 'the clinic’s phone');
    await tabTo(page, named('Check again'), 'Check again');
    await page.keyboard.press('Enter');
    // Asked again, DexCare still says closed.
    await status.getByText(/^Not right now: the clinic is closed\. It opens again on /).waitFor();
    await checkPageAtWidths(page, 'dexcare-areas-4-off-hours');

    await page.getByRole('button', { name: 'Español' }).click();
    const estado = page.getByRole('region', { name: '¿Puede atenderle la clínica ahora?' });
    await estado.getByText(`Ahora no: la clínica está cerrada. Vuelve a abrir el ${await when('es-US')}.`).waitFor();
    await estado.getByText('Vuelva a intentarlo dentro de un rato.', { exact: true }).waitFor();
    await estado.getByRole('button', { name: 'Comprobar de nuevo' }).waitFor();
    expect(await page.getByRole('button', { name: 'Consultar ahora a un profesional de salud' }).count()).toBe(0);
    await checkPageAtWidths(page, 'dexcare-areas-5-off-hours-es');

    expect((await sandboxState()).visits.filter((v) => v.regionId === REGION.montana)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('no provider on call: Idaho says so in English and Spanish, books nothing, and Check again finds one once staff put one on call', async () => {
    expect(await reasonOf(REGION.idaho)).toBe('NO_ONCALL_PROVIDERS');
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);
    await page.goto(`${suite.url}/`);
    await tabTo(page, named('Where are you right now?'), 'the area question');
    await page.keyboard.type('Ida');
    const status = page.getByRole('region', { name: 'Can the clinic see you now?' });
    await status.getByText('Not right now: no provider is on call at the moment.').waitFor();
    await status.getByText('Please try again in a little while.', { exact: true }).waitFor();
    expect(await status.getByRole('link', { name: '+1 555-010-2000' }).getAttribute('href')).toBe('tel:+15550102000');
    expect(await page.getByRole('button', { name: 'See a provider now' }).count()).toBe(0);
    await checkPageAtWidths(page, 'dexcare-areas-6-no-provider');

    await page.getByRole('button', { name: 'Español' }).click();
    const estado = page.getByRole('region', { name: '¿Puede atenderle la clínica ahora?' });
    await estado.getByText('Ahora no: no hay ningún proveedor de guardia en este momento.').waitFor();
    await estado.getByText('Vuelva a intentarlo dentro de un rato.', { exact: true }).waitFor();
    await checkPageAtWidths(page, 'dexcare-areas-7-no-provider-es');
    expect((await sandboxState()).visits.filter((v) => v.regionId === REGION.idaho)).toEqual([]);

    // A provider goes on call; the patient's "Check again", by keyboard, finds them.
    await staffSet(REGION.idaho, { onCall: [PROVIDERS[0]!.id] });
    try {
      await tabTo(page, named('Comprobar de nuevo'), 'Comprobar de nuevo');
      await page.keyboard.press('Enter');
      await estado.getByText('Sí, un proveedor puede atenderle por video ahora.').waitFor();
    } finally {
      await staffSet(REGION.idaho, { onCall: [] });
    }
    expect(errors).toEqual([]);
  });

  it('providers go off call while the patient fills in “Before you join”: told so, and nothing is booked', async () => {
    const before = (await sandboxState()).visits.length;
    const [page, errors] = await suite.newPage(VIEWPORTS.phone);
    await page.goto(`${suite.url}/`);
    await page.getByRole('combobox', { name: 'Where are you right now?' }).selectOption({ label: 'Washington' });
    await page.getByRole('button', { name: 'See a provider now' }).click();
    await fillDetails(page, 'Noor', 'Ear ache since last night', 'WA');
    await page.getByRole('button', { name: 'Join the queue' }).click();

    await page.getByRole('heading', { level: 1, name: 'Before you join' }).waitFor();
    await page.getByLabel('Phone', { exact: true }).fill('509-555-0187');
    await page.getByLabel('Email', { exact: true }).fill('noor@example.com');
    await page.getByLabel('Street address').fill('12 River Road');
    await page.getByLabel('City', { exact: true }).fill('Spokane');
    await page.getByLabel('State').selectOption('WA');
    await page.getByLabel('ZIP code').fill('99201');
    await page.getByRole('radio', { name: 'A coupon code or service key' }).check();
    await page.getByRole('textbox', { name: 'Coupon code or service key' }).fill('RIVERSIDE-CARE');
    await page.getByRole('checkbox', { name: /terms of this virtual visit/ }).check();

    // Meanwhile DexCare staff take Washington's providers off call.
    await staffSet(REGION.washington, { onCall: [] });
    try {
      expect(await reasonOf(REGION.washington)).toBe('NO_ONCALL_PROVIDERS');
      await page.getByRole('button', { name: 'Join the queue' }).press('Enter');
      const alert = page.getByRole('alert').filter({ hasText: 'We could not add you to the queue' });
      const alertEs = page.getByRole('alert').filter({ hasText: 'No pudimos ponerle en la fila' });
      await alert.getByText('No provider is on call for this state right now. Please try again later.').waitFor();
      await checkPageAtWidths(page, 'dexcare-areas-8-no-provider-on-join');
      // Signed in, a long clinic name shares the phone's header with My visits and the language.
      for (const name of ['My visits', 'Español']) expect(await linesOf(page.getByRole('banner').getByRole(name === 'Español' ? 'button' : 'link', { name })), name).toBe(1);
      await page.getByRole('button', { name: 'Español' }).click();
      await page.getByRole('heading', { level: 1, name: 'Antes de entrar' }).waitFor();
      // In Spanish too it says why, not the bare "reload the page" of a conflict.
      await alertEs.getByText('Ningún proveedor puede atenderle ahora mismo donde está. Vuelva a intentarlo más tarde o llame a la clínica.').waitFor();
      await checkPageAtWidths(page, 'dexcare-areas-9-no-provider-on-join-es');
      expect(await page.getByRole('heading', { level: 1, name: 'You are in the queue' }).count()).toBe(0);
      expect((await sandboxState()).visits.length).toBe(before);
    } finally {
      await staffSet(REGION.washington, { onCall: PROVIDERS.map((p) => p.id) });
    }
    expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
  });
});
