import { describe, expect, it } from 'vitest';
import { apiError, availability, clinic, handoff, visit, type Slot } from '../../../src/api/contract';
import { browser, guestWithIntake, makeServer, newKey, PATIENT, type Browser } from '../../support/server';

const DAY = 86_400_000;

async function slots(b: Browser, intakeId: string, now = Date.now()) {
  const q = new URLSearchParams({ from: new Date(now).toISOString(), to: new Date(now + 14 * DAY).toISOString(), intakeId });
  const res = await b.get(`/api/availability?${q}`);
  expect(res.status).toBe(200);
  return availability.parse(await res.json()).slots;
}

async function book(b: Browser, intakeId: string, s: Slot, key = newKey()) {
  return b.post('/api/appointments', { intakeId, start: s.start, end: s.end }, { 'Idempotency-Key': key });
}

describe('clinic', () => {
  it('describes the sandbox room', async () => {
    const c = clinic.parse(await (await browser(makeServer()).get('/api/clinic')).json());
    expect(c).toEqual({
      name: 'Sandbox Clinic',
      timezone: 'America/Los_Angeles',
      walkinEnabled: true,
      appointmentEnabled: true,
      econsultEnabled: true,
      isOpen: true,
      closedMessage: null,
      maxWaitMinutes: 60,
      guestBooking: true,
      handoffTarget: 'new-tab',
      phone: null,
      logoUrl: null,
      brandColor: null,
      address: null,
      visitTypes: expect.any(Array),
      providers: expect.any(Array),
      questions: [],
      scheduling: 'frontdesk',
      capabilities: {
        visitKinds: ['walkin', 'appointment', 'econsult'],
        serviceAreas: false,
        // Learnt from walk-ins seen starting; none yet, so `wait` is null (decision 065).
        waitEstimate: true,
        forSomeoneElse: true,
        someoneElseDetails: true,
        billing: [],
        visitStatus: true,
        cancel: true,
        appointmentTimes: true,
        dashboard: true,
        scheduleOnSite: true,
      },
      closedReason: null,
      opensAt: null,
      serviceAreas: null,
      wait: null,
    });
  });
});

describe('appointment booking', () => {
  it('books a free slot once, even when the request is retried with the same key', async () => {
    const server = makeServer();
    const b = browser(server);
    const intakeId = await guestWithIntake(b);
    const free = await slots(b, intakeId);
    expect(free.length).toBeGreaterThan(10);
    for (const s of free) expect(Date.parse(s.start)).toBeGreaterThan(Date.now() - 1000);

    const key = newKey();
    const first = await book(b, intakeId, free[3]!, key);
    expect(first.status).toBe(201);
    const v = visit.parse(await first.json());
    expect(v).toMatchObject({ kind: 'appointment', status: 'confirmed', start: free[3]!.start, end: free[3]!.end });
    expect(v.provider?.name).toMatch(/Dr\./);

    const again = await book(b, intakeId, free[3]!, key);
    expect(again.status).toBe(201);
    expect(visit.parse(await again.json()).id).toBe(v.id);
    const mine = [...server.sandbox.store.visits.values()].filter((x) => x.intakeId === intakeId);
    expect(mine).toHaveLength(1);

    const changed = await book(b, intakeId, free[4]!, key);
    expect(changed.status).toBe(422);

    const read = visit.parse(await (await b.get(`/api/visits/${v.id}`)).json());
    expect(read).toEqual(v);
  });

  it('tells the second patient that the slot was taken', async () => {
    const server = makeServer();
    const a = browser(server);
    const b = browser(server);
    const ia = await guestWithIntake(a);
    const ib = await guestWithIntake(b);
    const s = (await slots(a, ia)).find((x) => x.providerIds.length === 1)!;
    expect((await book(a, ia, s)).status).toBe(201);
    const res = await book(b, ib, s);
    expect(res.status).toBe(409);
    expect(apiError.parse(await res.json()).error.code).toBe('slot_taken');
  });

  it('needs an Idempotency-Key', async () => {
    const b = browser(makeServer());
    const intakeId = await guestWithIntake(b);
    const s = (await slots(b, intakeId))[0]!;
    const res = await b.post('/api/appointments', { intakeId, start: s.start, end: s.end });
    expect(res.status).toBe(400);
  });

  it('refuses availability and booking for an intake made in another session', async () => {
    const server = makeServer();
    const a = browser(server);
    const b = browser(server);
    const ia = await guestWithIntake(a);
    await guestWithIntake(b);
    const q = new URLSearchParams({ from: new Date().toISOString(), to: new Date(Date.now() + DAY).toISOString(), intakeId: ia });
    expect((await b.get(`/api/availability?${q}`)).status).toBe(404);
    const s = (await slots(a, ia))[0]!;
    expect((await book(b, ia, s)).status).toBe(404);
  });

  it('refuses bad availability queries with 400', async () => {
    const b = browser(makeServer());
    const intakeId = await guestWithIntake(b);
    const now = Date.now();
    for (const q of [
      { from: 'yesterday', to: new Date(now).toISOString(), intakeId },
      { from: new Date(now).toISOString(), to: new Date(now - DAY).toISOString(), intakeId },
      { from: new Date(now).toISOString(), to: new Date(now + 60 * DAY).toISOString(), intakeId },
    ]) {
      expect((await b.get(`/api/availability?${new URLSearchParams(q)}`)).status).toBe(400);
    }
  });
});

describe('walk-in', () => {
  it('joins the queue, is seen by the provider dashboard, and can leave', async () => {
    const server = makeServer();
    const b = browser(server);
    const intakeId = await guestWithIntake(b, 'walkin');
    const res = await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() });
    expect(res.status).toBe(201);
    const v = visit.parse(await res.json());
    expect(v).toMatchObject({ kind: 'walkin', status: 'pending', provider: null });

    const dash = await server.app.request('/sandbox/vc/providers/dashboard');
    expect(await dash.text()).toContain(`${PATIENT.firstName} ${PATIENT.lastName[0]}.`);

    const left = await b.post(`/api/visits/${v.id}/cancel`, { reason: 'patient_exit_room' });
    expect(left.status).toBe(200);
    expect(visit.parse(await left.json()).status).toBe('cancelled');
    // Idempotent: a retry whose first answer was lost hears "cancelled", not "cannot be cancelled".
    const again = await b.post(`/api/visits/${v.id}/cancel`, { reason: 'patient_exit_room' });
    expect(again.status).toBe(200);
    expect(visit.parse(await again.json()).status).toBe('cancelled');
  });

  it('sees the provider start the visit', async () => {
    const server = makeServer();
    const b = browser(server);
    const intakeId = await guestWithIntake(b, 'walkin');
    const v = visit.parse(await (await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() })).json());
    const started = await server.app.request(`/sandbox/vc/providers/visits/${v.id}/start`, { method: 'POST' });
    expect(started.status).toBe(303);
    const after = visit.parse(await (await b.get(`/api/visits/${v.id}`)).json());
    expect(after.status).toBe('in_progress');
    expect(after.provider?.name).toMatch(/Dr\./);
  });
});

describe('another patient’s visit', () => {
  it('cannot be read, cancelled or handed off to', async () => {
    const server = makeServer();
    const owner = browser(server);
    const other = browser(server);
    const intakeId = await guestWithIntake(owner, 'walkin');
    const v = visit.parse(await (await owner.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() })).json());
    await guestWithIntake(other, 'walkin');
    expect((await other.get(`/api/visits/${v.id}`)).status).toBe(404);
    expect((await other.post(`/api/visits/${v.id}/cancel`, { reason: 'patient_exit_room' })).status).toBe(404);
    expect((await other.post('/api/handoff', { target: 'visit', visitId: v.id })).status).toBe(404);
    expect(visit.parse(await (await owner.get(`/api/visits/${v.id}`)).json()).status).toBe('pending');
  });
});

describe('handoff', () => {
  it('returns a portal URL with a freshly minted one-time token that logs into the visit page', async () => {
    const server = makeServer();
    const b = browser(server);
    const intakeId = await guestWithIntake(b, 'walkin');
    const v = visit.parse(await (await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() })).json());
    const res = await b.post('/api/handoff', { target: 'visit', visitId: v.id });
    expect(res.status).toBe(200);
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    const { url } = handoff.parse(await res.json());
    expect(url).toMatch(new RegExp(`^http://localhost:8080/sandbox/vc/auth\\?sso_token=[0-9a-f]{32}&next=/visits/start/${v.id}$`));

    const path = url.slice('http://localhost:8080'.length);
    const login = await server.app.request(path);
    expect(login.status).toBe(302);
    expect(login.headers.get('Location')).toBe(`/sandbox/vc/visits/start/${v.id}`);
    const reuse = await server.app.request(path);
    expect(reuse.status).toBe(401);

    const second = handoff.parse(await (await b.post('/api/handoff', { target: 'visit', visitId: v.id })).json());
    expect(second.url).not.toBe(url);
  });

  it('builds the URL itself: a visit id that is not an id is refused', async () => {
    const b = browser(makeServer());
    await guestWithIntake(b);
    for (const visitId of ['//evil.example', '1/../../u/clinic', 'https://evil.example']) {
      const res = await b.post('/api/handoff', { target: 'visit', visitId });
      expect([400, 404]).toContain(res.status);
    }
  });

  it('needs a session', async () => {
    const res = await browser(makeServer()).post('/api/handoff', { target: 'dashboard' });
    expect(res.status).toBe(401);
  });
});

describe('a clinic whose room VSee cannot find', () => {
  it('says booking is unavailable (not "your session has ended") and tells the operator what to check', async () => {
    const server = makeServer({ VSEE_ROOM_CODE: 'no-such-room' }, { logLevel: 'error' });
    const res = await browser(server).get('/api/clinic');
    expect(res.status).toBe(503);
    const body = apiError.parse(await res.json());
    expect(body.error.code).toBe('upstream_unavailable');
    expect(body.error.message).toMatch(/not available/i);
    expect(server.logs.join('\n')).toMatch(/VSEE_ROOM_CODE/);
  });
});
