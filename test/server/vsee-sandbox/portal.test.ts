import { describe, expect, it } from 'vitest';
import { VISIT_STATUS } from '../../../server/vsee/codes';
import { laMarch, setup, T0_SEC, type Raw } from './support';

type T = ReturnType<typeof setup>;

/** Signs in through /vc/auth and returns the Cookie header to send afterwards. */
async function signIn(t: T, token: string, next: string, extra = '') {
  const res = await t.request(`/vc/auth?sso_token=${token}&next=${encodeURIComponent(next)}${extra}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { res, setCookie, cookie: setCookie.split(';')[0] ?? '' };
}

const h1Count = (page: string) => page.match(/<h1[\s>]/g)?.length ?? 0;

describe('portal sign-in (/vc/auth)', () => {
  it('signs in with a fresh SSO token and redirects under the mount path', async () => {
    const t = setup();
    const { token } = await t.sso();
    const w = await t.walkin(token);
    const { res, setCookie, cookie } = await signIn(t, token, `/visits/start/${w.id}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/sandbox/vc/visits/start/${w.id}`);
    expect(setCookie).toMatch(/^vsee_sandbox_portal=[0-9a-f]{64};/);
    expect(setCookie).toContain('Path=/sandbox/vc');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');

    const page = await t.request(`/vc/visits/start/${w.id}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('<html lang="en">');
    expect(body).toMatch(/<title>Video visit[^<]*<\/title>/);
    expect(h1Count(body)).toBe(1);
    expect(body).toContain('<h1>Video visit</h1>');
    expect(body).toContain(`<dd>${w.id}</dd>`);
    expect(body).toContain('<dd>Waiting for a provider</dd>');
    expect(body).toContain('Leave waiting room');
    expect(body).toContain('<nav');
    expect(body).toContain('href="/sandbox/vc/assets/sandbox.css"');
    expect(body).not.toContain('<script');
  });

  it('lets a token sign in only once, but keeps it valid for the API', async () => {
    const t = setup();
    const { token } = await t.sso();
    expect((await signIn(t, token, '/u/clinic')).res.status).toBe(302);
    const again = await signIn(t, token, '/u/clinic');
    expect(again.res.status).toBe(401);
    expect(again.setCookie).toBe('');
    expect(await again.res.text()).toContain('This sign-in link is not valid or was already used');
    expect((await t.get('/visits', token)).status).toBe(200);
  });

  it('refuses unknown and expired tokens', async () => {
    const t = setup();
    expect((await signIn(t, 'a'.repeat(32), '/u/clinic')).res.status).toBe(401);
    const { token } = await t.sso();
    t.clock.ms += 86_400_000;
    const expired = await signIn(t, token, '/u/clinic');
    expect(expired.res.status).toBe(401);
    expect(await expired.res.text()).toContain('not valid or was already used');
  });

  it.each(['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'u/clinic', '/u/clinic x'])(
    'refuses next=%s without using up the token',
    async (next) => {
      const t = setup();
      const { token } = await t.sso();
      const bad = await signIn(t, token, next);
      expect(bad.res.status).toBe(400);
      expect(bad.res.headers.get('location')).toBeNull();
      expect(bad.setCookie).toBe('');
      expect((await signIn(t, token, '/u/clinic')).res.status).toBe(302);
    },
  );

  it('hides the navigation with disable_navigation=1', async () => {
    const t = setup();
    const { token } = await t.sso();
    const { cookie } = await signIn(t, token, '/u/clinic', '&disable_navigation=1');
    const body = await (await t.request('/vc/u/clinic', { headers: { cookie } })).text();
    expect(body).toContain('<h1>My visits</h1>');
    expect(body).not.toContain('<nav');
  });
});

describe('portal pages', () => {
  it('asks to sign in without the cookie, and hides other patients’ visits', async () => {
    const t = setup();
    const a = await t.sso();
    const b = await t.sso();
    const w = await t.walkin(a.token);
    const anon = await t.request(`/vc/visits/start/${w.id}`);
    expect(anon.status).toBe(401);
    expect(await anon.text()).toContain('<h1>Please sign in</h1>');
    const { cookie } = await signIn(t, b.token, '/u/clinic');
    const theirs = await t.request(`/vc/visits/start/${w.id}`, { headers: { cookie } });
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).not.toContain('Video visit</h1>');
  });

  it('shows the patient’s visits on the dashboard, escaped', async () => {
    const t = setup();
    const { token } = await t.sso({ first_name: '<b>Bo</b>', last_name: 'Smith' });
    const w = await t.walkin(token);
    const start = laMarch(6, 10);
    await t.post('/visits', token, { slot_start: start, slot_end: start + 900, type: 2 });
    const { cookie } = await signIn(t, token, '/u/clinic');
    const body = await (await t.request('/vc/u/clinic', { headers: { cookie } })).text();
    expect(h1Count(body)).toBe(1);
    expect(body).toContain('&lt;b&gt;Bo&lt;/b&gt; Smith');
    expect(body).not.toContain('<b>Bo</b>');
    expect(body).toContain(`href="/sandbox/vc/visits/start/${w.id}"`);
    expect(body).toContain('Dr. Amara Okafor');
    expect(body).toContain('Thu, Mar 6, 10:00 AM PST');
  });

  it('lets the patient leave the waiting room from the visit page', async () => {
    const t = setup();
    const { token } = await t.sso();
    const w = await t.walkin(token);
    const { cookie } = await signIn(t, token, `/visits/start/${w.id}`);
    const res = await t.request(`/vc/visits/${w.id}/leave`, { method: 'POST', headers: { cookie } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sandbox/vc/u/clinic');
    const v = t.sandbox.store.visits.get(w.id);
    expect([v?.status, v?.closeReason]).toEqual([VISIT_STATUS.cancelled, 'patient_exit_room']);
  });

  it('opens an appointment from its one-time link', async () => {
    const t = setup();
    const { token } = await t.sso();
    await t.request('/control/room', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ oneTimeLinks: true }) });
    const start = laMarch(6, 10);
    const d = ((await (await t.post('/visits', token, { slot_start: start, slot_end: start + 900 })).json()) as Raw).data;
    const ok = await t.request(`/vc/members/appointment/${d.id}?token=${d.one_time_link_token}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('<dd>Dr. Amara Okafor</dd>');
    expect((await t.request(`/vc/members/appointment/${d.id}?token=wrongtoken`)).status).toBe(401);
  });

  it('serves the stylesheet and a 404 page', async () => {
    const t = setup();
    const css = await t.request('/vc/assets/sandbox.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toContain('font-family');
    const missing = await t.request('/vc/no/such/page');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<h1>Page not found</h1>');
  });
});

describe('sandbox provider dashboard', () => {
  it('lists waiting walk-ins oldest first with per-row button names, patient shortened', async () => {
    const t = setup();
    const first = await t.sso({ first_name: 'Maria', last_name: 'Lopez' });
    const second = await t.sso({ first_name: 'Ken', last_name: 'Adams' });
    const a = await t.walkin(first.token);
    t.clock.ms += 5 * 60_000;
    const b = await t.walkin(second.token);
    const c = await t.walkin(first.token);
    t.clock.ms += 60_000;
    const res = await t.request('/vc/providers/dashboard');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(h1Count(body)).toBe(1);
    expect(body).toContain('<h1>Sandbox provider dashboard</h1>');
    expect(body).toContain('<h2 id="walkins-heading">Walk-ins waiting</h2>');
    expect(body).toContain(`<h2 id="today-heading">Today's appointments</h2>`);
    expect(body).not.toContain('Lopez');
    const labels = [...body.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(labels).toEqual([
      `Start visit with Maria L. (visit ${a.id})`,
      `Start visit with Ken A. (visit ${b.id})`,
      `Start visit with Maria L. (visit ${c.id})`,
    ]);
    expect(body).toContain('<td>6 min</td>');
  });

  it('starts and completes a walk-in, assigning the first provider', async () => {
    const t = setup();
    const { token } = await t.sso();
    const w = await t.walkin(token);
    t.clock.ms += 120_000;
    const start = await t.request(`/vc/providers/visits/${w.id}/start`, { method: 'POST' });
    expect(start.status).toBe(303);
    expect(start.headers.get('location')).toBe('/sandbox/vc/providers/dashboard');
    let d = ((await (await t.get(`/visits/${w.id}`, token)).json()) as Raw).data;
    expect(d).toMatchObject({ status: VISIT_STATUS.in_progress, actual_start: T0_SEC + 120, provider_id: 10001 });

    const page = await (await t.request('/vc/providers/dashboard')).text();
    expect(page).toContain(`aria-label="Complete visit with Pat T. (visit ${w.id})"`);
    const { cookie } = await signIn(t, token, `/visits/start/${w.id}`);
    const visitPage = await (await t.request(`/vc/visits/start/${w.id}`, { headers: { cookie } })).text();
    expect(visitPage).toContain('<dd>Dr. Amara Okafor</dd>');
    expect(visitPage).toContain('<dd>In progress</dd>');

    t.clock.ms += 600_000;
    expect((await t.request(`/vc/providers/visits/${w.id}/complete`, { method: 'POST' })).status).toBe(303);
    d = ((await (await t.get(`/visits/${w.id}`, token)).json()) as Raw).data;
    expect(d).toMatchObject({ status: VISIT_STATUS.completed, actual_end: T0_SEC + 720, completed_by: '10001' });
    expect(await (await t.request('/vc/providers/dashboard')).text()).not.toContain(`(visit ${w.id})`);

    const twice = await t.request(`/vc/providers/visits/${w.id}/complete`, { method: 'POST' });
    expect(twice.status).toBe(409);
    expect((await t.request('/vc/providers/visits/999999/start', { method: 'POST' })).status).toBe(404);
  });

  it('shows today’s confirmed appointments (clinic time) but not tomorrow’s', async () => {
    const t = setup();
    const { token } = await t.sso({ first_name: 'Tia', last_name: 'Today' });
    const today = laMarch(5, 11);
    const tomorrow = laMarch(6, 11);
    const a = ((await (await t.post('/visits', token, { slot_start: today, slot_end: today + 900 })).json()) as Raw).data;
    const b = ((await (await t.post('/visits', token, { slot_start: tomorrow, slot_end: tomorrow + 900 })).json()) as Raw).data;
    const body = await (await t.request('/vc/providers/dashboard')).text();
    expect(body).toContain('Wednesday, March 5, 2025');
    expect(body).toContain(`aria-label="Start visit with Tia T. (visit ${a.id})"`);
    expect(body).toContain('<td>11:00 AM</td>');
    expect(body).not.toContain(`(visit ${b.id})`);
    expect((await t.request(`/vc/providers/visits/${a.id}/start`, { method: 'POST' })).status).toBe(303);
    expect(t.sandbox.store.visits.get(a.id)?.status).toBe(VISIT_STATUS.in_progress);
    expect(t.sandbox.store.visits.get(a.id)?.providerId).toBe('10001');
  });
});

describe('sandbox provider dashboard: e-consults', () => {
  const labelsOf = (page: string) => [...page.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[1]);

  it('lists e-consults waiting to be accepted, oldest first, with a named Accept button per row', async () => {
    const t = setup();
    const first = await t.sso({ first_name: 'Ena', last_name: 'Ward' });
    const second = await t.sso({ first_name: 'Omar', last_name: 'Said' });
    const a = await t.econsult(first.token);
    t.clock.ms += 3 * 60_000;
    const b = await t.econsult(second.token);
    const walk = await t.walkin(second.token);
    t.clock.ms += 60_000;
    const body = await (await t.request('/vc/providers/dashboard')).text();
    expect(h1Count(body)).toBe(1);
    expect(body).toContain('<h2 id="econsults-heading">E-consults to accept</h2>');
    expect(body).toContain('<h2 id="econsults-active-heading">E-consults in progress</h2>');
    expect(body).toContain('No e-consults are in progress.');
    expect(labelsOf(body)).toEqual([
      `Start visit with Omar S. (visit ${walk.id})`,
      `Accept e-consult from Ena W. (visit ${a.id})`,
      `Accept e-consult from Omar S. (visit ${b.id})`,
    ]);
    expect(body).toContain(`<form method="post" action="/sandbox/vc/providers/visits/${a.id}/accept" class="inline"><button type="submit" aria-label="Accept e-consult from Ena W. (visit ${a.id})">Accept e-consult</button></form>`);
    expect(body).toContain('<td>4 min</td>');
    expect(body).toContain('<td>Waiting to be accepted</td>');
    expect(body).not.toContain('Ward');
  });

  it('accepting assigns the room’s first provider and puts the e-consult in progress, to be completed', async () => {
    const t = setup();
    const { token } = await t.sso();
    const e = await t.econsult(token);
    expect(e).toMatchObject({ status: 20, subtype: 4, provider_id: 0 });
    t.clock.ms += 120_000;
    const res = await t.request(`/vc/providers/visits/${e.id}/accept`, { method: 'POST' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sandbox/vc/providers/dashboard');
    const d = ((await (await t.get(`/visits/${e.id}`, token)).json()) as Raw).data;
    expect(d).toMatchObject({ status: VISIT_STATUS.in_progress, provider_id: 10001, actual_start: T0_SEC + 120, subtype: 4 });
    expect(d.provider.full_name).toBe('Amara Okafor');
    // The patient's current visit is now this e-consult.
    const current = ((await (await t.get('/visits/current', token)).json()) as Raw).data;
    expect(current).toMatchObject({ id: e.id, status: '30', provider_id: '10001' });

    const page = await (await t.request('/vc/providers/dashboard')).text();
    expect(labelsOf(page)).toEqual([`Complete visit with Pat T. (visit ${e.id})`]);
    expect(page).toContain('No e-consults are waiting to be accepted.');
    expect(page).toContain(`action="/sandbox/vc/providers/visits/${e.id}/complete"`);

    const again = await t.request(`/vc/providers/visits/${e.id}/accept`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('This e-consult has already been accepted or closed.');

    t.clock.ms += 300_000;
    expect((await t.request(`/vc/providers/visits/${e.id}/complete`, { method: 'POST' })).status).toBe(303);
    const done = ((await (await t.get(`/visits/${e.id}`, token)).json()) as Raw).data;
    expect(done).toMatchObject({ status: VISIT_STATUS.completed, actual_end: T0_SEC + 420, completed_by: '10001' });
    expect(labelsOf(await (await t.request('/vc/providers/dashboard')).text())).toEqual([]);
  });

  it('takes a chosen room provider from the form, and refuses a stranger', async () => {
    const t = setup();
    const { token } = await t.sso();
    const e = await t.econsult(token);
    const form = (provider_id: string) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ provider_id }).toString(),
    });
    const stranger = await t.request(`/vc/providers/visits/${e.id}/accept`, form('99999'));
    expect(stranger.status).toBe(400);
    expect(t.sandbox.store.visits.get(e.id)).toMatchObject({ status: VISIT_STATUS.confirmed, providerId: null });
    expect((await t.request(`/vc/providers/visits/${e.id}/accept`, form('10003'))).status).toBe(303);
    expect(t.sandbox.store.visits.get(e.id)).toMatchObject({ status: VISIT_STATUS.in_progress, providerId: '10003' });
  });

  it('accepts only e-consults, and an e-consult is accepted rather than started', async () => {
    const t = setup();
    const { token } = await t.sso();
    const w = await t.walkin(token);
    expect((await t.request(`/vc/providers/visits/${w.id}/accept`, { method: 'POST' })).status).toBe(409);
    expect(t.sandbox.store.visits.get(w.id)?.status).toBe(VISIT_STATUS.pending);
    const e = await t.econsult(token);
    const start = await t.request(`/vc/providers/visits/${e.id}/start`, { method: 'POST' });
    expect(start.status).toBe(409);
    expect(t.sandbox.store.visits.get(e.id)?.status).toBe(VISIT_STATUS.confirmed);
    expect((await t.request('/vc/providers/visits/999999/accept', { method: 'POST' })).status).toBe(404);
  });
});
