import { describe, expect, it } from 'vitest';
import { laMarch, setup, type Raw } from './support';

type T = ReturnType<typeof setup>;

const h1s = (page: string) => [...page.matchAll(/<h1>([^<]*)<\/h1>/g)].map((m) => m[1]);
const join = (t: T, code: string, name?: string) =>
  t.request(`/vc/visits/join/${code}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(name === undefined ? {} : { name }).toString(),
  });

/** A patient with a confirmed appointment, and the invite code read the way use case 5 reads it. */
async function invited(t: T) {
  const patient = await t.sso({ first_name: 'Ana', last_name: 'Reyes', email: 'ana.reyes@example.com', phone: '5105550199' });
  const booked = await t.book(patient.token, laMarch(6, 10), { intake_id: await t.intake(patient.token, { reason_for_visit: 'Knee pain', type: 2 }) });
  const detail: Raw = await (await t.get(`/visits/${booked.id}`, patient.token)).json();
  return { patient, id: booked.id as string, code: detail.data.code as string };
}

/** Nothing about the patient may appear on a guest page. */
function expectNoPatientDetails(page: string) {
  for (const s of ['Ana', 'Reyes', 'ana.reyes@example.com', '5105550199', 'Knee pain']) expect(page).not.toContain(s);
}

describe('guest invite link (/vc/visits/join/:code)', () => {
  it('shows an accessible join form without needing an account', async () => {
    const t = setup();
    const { code } = await invited(t);
    const res = await t.request(`/vc/visits/join/${code}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    const page = await res.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toMatch(/<title>Join as a guest · Sandbox Clinic<\/title>/);
    expect(h1s(page)).toEqual(['Join as a guest']);
    expect(page).toContain(`<form method="post" action="/sandbox/vc/visits/join/${code}"`);
    expect(page).toContain('<label for="guest-name">Your name</label>');
    expect(page).toMatch(/<input id="guest-name" name="name" type="text" autocomplete="name"/);
    expect(page).toContain('<button type="submit">Join visit</button>');
    // The server's CSP allows neither inline scripts nor inline styles.
    expect(page).not.toMatch(/<script|<style|\sstyle=/);
    expect(page).not.toContain('<nav');
    expectNoPatientDetails(page);
  });

  it('lets the guest join and shows the visit’s status and provider, never the patient', async () => {
    const t = setup();
    const { code } = await invited(t);
    const res = await join(t, code, '  Sam   <Guest>  ');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(h1s(page)).toEqual(['You have joined the visit as a guest']);
    expect(page).toContain('<title>Joined as a guest · Sandbox Clinic</title>');
    expect(page).toContain('You joined as Sam &lt;Guest&gt;.');
    expect(page).toContain('<dt>Provider</dt><dd>Dr. Amara Okafor</dd>');
    expect(page).toContain('<dt>Status</dt><dd>Confirmed</dd>');
    expect(page).toContain('<dd>Thu, Mar 6, 10:00 AM PST</dd>');
    expect(page).not.toMatch(/<script|<style|\sstyle=/);
    expectNoPatientDetails(page);
  });

  it('works for a waiting walk-in and a visit in progress', async () => {
    const t = setup();
    const { token } = await t.sso();
    const w = await t.walkin(token);
    const waiting = await (await join(t, w.code, 'Sam')).text();
    expect(waiting).toContain('<dd>Waiting for a provider</dd>');
    expect(waiting).toContain('<dt>Visit</dt><dd>Walk-in</dd>');
    expect((await t.request(`/vc/providers/visits/${w.id}/start`, { method: 'POST' })).status).toBe(303);
    const live = await (await join(t, w.code, 'Sam')).text();
    expect(live).toContain('<dt>Status</dt><dd>In progress</dd>');
    expect(live).toContain('<dd>Dr. Amara Okafor</dd>');
  });

  it('asks again, accessibly, when the name is missing or too long', async () => {
    const t = setup();
    const { code } = await invited(t);
    for (const name of [undefined, '   ']) {
      const res = await join(t, code, name);
      expect(res.status).toBe(400);
      const page = await res.text();
      expect(h1s(page)).toEqual(['Join as a guest']);
      expect(page).toContain('<title>Error: Join as a guest · Sandbox Clinic</title>');
      expect(page).toContain('<p id="guest-name-error" class="field-error">Enter your name to join the visit.</p>');
      expect(page).toContain('aria-invalid="true" aria-describedby="guest-name-error"');
    }
    const long = await join(t, code, 'x'.repeat(101));
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('Your name must be 100 characters or fewer.');
  });

  it('refuses unknown, malformed and ended invitations with a clear 404 page', async () => {
    const t = setup();
    const { patient, id, code } = await invited(t);
    for (const bad of ['0'.repeat(32), 'not-a-code', code.toUpperCase()]) {
      const res = await t.request(`/vc/visits/join/${bad}`);
      expect(res.status, bad).toBe(404);
      const page = await res.text();
      expect(h1s(page)).toEqual(['Invitation not valid']);
      expect(page).toContain('This guest invitation link is not valid, or the visit has ended.');
    }
    expect((await t.post('/visits/close', patient.token, { id, reason: 'patient_cancel_appointment' })).status).toBe(200);
    expect((await t.request(`/vc/visits/join/${code}`)).status).toBe(404);
    const late = await join(t, code, 'Sam');
    expect(late.status).toBe(404);
    expect(await late.text()).not.toContain('You have joined');

    const done = await t.walkin(patient.token);
    expect((await t.control(`/visits/${done.id}/complete`)).status).toBe(200);
    expect((await t.request(`/vc/visits/join/${done.code}`)).status).toBe(404);
  });
});
