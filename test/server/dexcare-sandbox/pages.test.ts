/**
 * The waiting room a DexCare handoff lands on (`DexCare/visit/{visitId}?brand=…`) and the
 * provider side that starts the visit; the waiting room's status feed is what its script polls.
 */
import { describe, expect, it } from 'vitest';
import { BRAND, PROVIDERS, REGION } from '../../../server/dexcare-sandbox/seed';
import { MOUNT, setup, type Raw } from './support';

async function book(t: ReturnType<typeof setup>, body: Raw = t.selfBody()): Promise<string> {
  const res = await t.createVisit(body);
  expect(res.status).toBe(200);
  return ((await res.json()) as Raw).visitId;
}

const room = (id: string, brand = BRAND) => `/DexCare/visit/${id}?brand=${brand}`;
const status = async (t: ReturnType<typeof setup>, id: string): Promise<Raw> => (await t.request(`/DexCare/visit/${id}/status?brand=${BRAND}`)).json();

describe('the waiting room', () => {
  it('shows who the visit is for, where, and the estimated wait, with the script that notices a start', async () => {
    const t = setup();
    const id = await book(t, t.otherBody());
    const res = await t.request(room(id));
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('<h1 id="visit-heading">You are in the waiting room</h1>');
    expect(html).toContain('Sofia R. (booked by Daniel R.)');
    expect(html).not.toContain('Reyes');
    expect(html).toContain('<dd>Washington</dd>');
    expect(html).toContain('About 2 minutes');
    expect(html).toContain(`<script src="${MOUNT}/assets/waiting-room.js" defer></script>`);
    expect(html).toContain(`data-status-url="${MOUNT}/DexCare/visit/${id}/status?brand=${BRAND}"`);
    expect(html).toMatch(/<form id="leave-form" method="post" action="[^"]+\/leave\?brand=riverside">/);
  });

  it('counts only those who joined earlier as ahead', async () => {
    const t = setup();
    await t.control(`regions/${REGION.washington}`, { onCall: [PROVIDERS[0].id] });
    const first = await book(t);
    t.clock.ms += 1000;
    const second = await book(t, t.otherBody());
    expect((await status(t, first)).waitText).toBe('About 2 minutes');
    expect((await status(t, second)).waitText).toBe('About 12 minutes');
  });

  it('reports the start when a provider starts the visit from the provider page, then the end', async () => {
    const t = setup();
    const id = await book(t);
    expect(await status(t, id)).toEqual({
      status: 'waiting',
      heading: 'You are in the waiting room',
      statusText: 'Waiting for a provider. Keep this page open.',
      waitText: 'About 2 minutes',
      provider: 'Not yet assigned',
    });

    const provider = await (await t.request('/provider')).text();
    expect(provider).toContain('<h1>Sandbox provider page</h1>');
    expect(provider).toContain('<h3>Daniel R.</h3><p>Washington · less than a minute</p>');
    expect(provider).not.toContain('Reyes');
    expect(provider).toContain(`action="${MOUNT}/provider/visits/${id}/start"`);
    expect(provider).toMatch(/aria-label="Start visit with Daniel R\. \([0-9a-f]{8}\)">Start visit<\/button>/);

    const started = await t.request(`/provider/visits/${id}/start`, { method: 'POST' });
    expect(started.status).toBe(303);
    expect(started.headers.get('location')).toBe(`${MOUNT}/provider`);
    expect(await status(t, id)).toEqual({
      status: 'in_visit',
      heading: 'Your visit has started',
      statusText: `Your visit has started: ${PROVIDERS[0].name} has joined.`,
      waitText: 'Not waiting',
      provider: PROVIDERS[0].name,
    });
    const page = await (await t.request(room(id))).text();
    expect(page).toContain('Your visit has started');
    expect(page).not.toContain('leave-form');
    expect((await t.request(`/provider/visits/${id}/start`, { method: 'POST' })).status).toBe(409);

    expect((await t.request(`/provider/visits/${id}/complete`, { method: 'POST' })).status).toBe(303);
    expect((await status(t, id)).status).toBe('done');
  });

  it('lets the patient leave while waiting; a provider can then no longer start it', async () => {
    const t = setup();
    const id = await book(t);
    const left = await t.request(`/DexCare/visit/${id}/leave?brand=${BRAND}`, { method: 'POST' });
    expect(left.status).toBe(303);
    expect(left.headers.get('location')).toBe(`${MOUNT}${room(id)}`);
    expect((await status(t, id)).heading).toBe('You left the waiting room');
    expect((await t.request(`/provider/visits/${id}/start`, { method: 'POST' })).status).toBe(409);
    expect(await (await t.request('/provider')).text()).toContain('Nobody is waiting.');
  });

  it('answers 404 pages for another brand, no brand, or an unknown visit', async () => {
    const t = setup();
    const id = await book(t);
    for (const path of [room(id, 'acme'), `/DexCare/visit/${id}`, room('00000000-0000-4000-8000-000000000000')]) {
      const res = await t.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toMatch(/<h1>(Page|Visit) not found<\/h1>/);
    }
    expect((await t.request(`/DexCare/visit/${id}/status?brand=acme`)).status).toBe(404);
  });

  it('serves its stylesheet and script as files', async () => {
    const t = setup();
    const css = await t.request('/assets/dexcare.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const js = await t.request('/assets/waiting-room.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toContain('data-status-url');
  });
});
