/**
 * The patient API with CLINIC_BACKEND=dexcare (the DexCare sandbox in-process): the same routes
 * as on VSee, answered by the DexCare backend — the clinic with its capabilities and service
 * areas, each area's status, a launched guardian booking for his daughter with a coupon and
 * landing in DexCare's waiting room, and what v8 cannot do refused.
 */
import { describe, expect, it } from 'vitest';
import { areaStatus, clinic, sessionState, visit, visitList, visitWait } from '../../../src/api/contract';
import { DEXCARE_DEMO_PATIENT } from '../../../server/demo-host';
import { signLaunchToken } from '../../../server/demo-host/sign-launch-token';
import { COUPON_CODE, REGION, SEED_DEPENDENT, SEED_GUARDIAN } from '../../../server/dexcare-sandbox/seed';
import { browser, makeServer, newKey, PATIENT } from '../../support/server';

const SECRET = 'launch-secret-for-tests-0123456789abcdef';
const ISSUER = 'https://health.example';
const ENV = { CLINIC_BACKEND: 'dexcare', LAUNCH_SECRET: SECRET, LAUNCH_ISSUER: ISSUER, LAUNCH_AUDIENCE: 'http://localhost:8080' };
const CONTACT = { phone: '509-555-0187', email: 'daniel.reyes@example.com', address: { line1: '12 River Road', city: 'Spokane', state: 'WA', postalCode: '99201' } };

async function daniel() {
  const server = makeServer(ENV);
  const b = browser(server);
  const token = await signLaunchToken(DEXCARE_DEMO_PATIENT, { secret: SECRET, issuer: ISSUER, audience: 'http://localhost:8080' });
  expect((await b.post('/api/session/launch', { token })).status).toBe(201);
  return { server, b };
}

async function intake(b: ReturnType<typeof browser>, area: string = REGION.washington) {
  const res = await b.post('/api/intakes', { kind: 'walkin', reason: 'Fever and a sore throat', state: 'WA', area });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('the clinic on DexCare', () => {
  it('says what DexCare v8 can do: on-demand visits in its regions, a wait, someone else, insurance or coupon', async () => {
    const c = clinic.parse(await (await browser(makeServer(ENV)).get('/api/clinic')).json());
    expect(c).toMatchObject({ name: 'Riverside Virtual Care', walkinEnabled: true, appointmentEnabled: false, econsultEnabled: false, isOpen: true, closedReason: null });
    expect(c.capabilities).toEqual({
      visitKinds: ['walkin'],
      serviceAreas: true,
      waitEstimate: true,
      forSomeoneElse: true,
      someoneElseDetails: false,
      billing: ['insurance', 'coupon'],
      visitStatus: false,
      cancel: false,
      appointmentTimes: false,
      dashboard: false,
      scheduleOnSite: false,
    });
    expect(c.serviceAreas?.map((a) => a.name)).toEqual(['Idaho', 'Montana', 'Oregon', 'Washington', 'Somewhere else']);
    // The insurers its billing takes (DEXCARE_INSURERS; the sandbox's own by default), for the insurer choice.
    expect(c.insurers?.map((i) => i.id)).toEqual(['sandbox-payer-1', 'sandbox-payer-2', 'sandbox-payer-3']);
  });

  it('answers each area’s status before sign-in: open with a wait and price, or closed with the reason', async () => {
    const b = browser(makeServer(ENV));
    const status = async (id: string) => areaStatus.parse(await (await b.get(`/api/clinic/areas/${id}`)).json());
    expect(await status(REGION.washington)).toMatchObject({ isOpen: true, closedReason: null, wait: { minutes: 5, moreThanAnHour: false }, price: { amount: 59, currency: 'USD' } });
    expect(await status(REGION.oregon)).toMatchObject({ isOpen: false, closedReason: 'busy', wait: null });
    expect(await status(REGION.montana)).toMatchObject({ isOpen: false, closedReason: 'off_hours', opensAt: expect.any(String) });
    expect(await status(REGION.idaho)).toMatchObject({ isOpen: false, closedReason: 'no_provider_on_call' });
    expect(await status('other')).toMatchObject({ isOpen: false, closedReason: 'out_of_area' });
    // By the state's code too (a patient who gave a state: "Before you join" shows its visitPrice);
    // an inactive region's code is out of area, as at booking.
    expect(await status('WA')).toMatchObject({ areaId: 'WA', isOpen: true, price: { amount: 59, currency: 'USD' } });
    expect(await status('CA')).toMatchObject({ isOpen: false, closedReason: 'out_of_area', price: null });
    expect((await b.get('/api/clinic/areas/..%2F..%2Fx')).status).toBe(404);
  });
});

describe('booking on DexCare through the patient API', () => {
  it('a launched guardian books for his daughter with a coupon and is handed to DexCare’s waiting room', async () => {
    const { server, b } = await daniel();
    const s = sessionState.parse(await (await b.get('/api/session')).json());
    // Whom he may book for, by names and our own ids: no DexCare id reaches the browser.
    expect(s.signedIn && s.dependents).toEqual([{ id: 'dependent-1', firstName: 'Sofia', lastName: 'Reyes' }]);
    const raw = await (await b.get('/api/session')).text();
    expect(raw).not.toContain(SEED_DEPENDENT.id);

    const intakeId = await intake(b);
    const res = await b.post(
      '/api/walkins',
      { intakeId, forWhom: { who: 'other', dependentId: 'dependent-1' }, billing: { method: 'coupon', code: COUPON_CODE }, contact: CONTACT, acceptedTerms: true },
      { 'Idempotency-Key': newKey() },
    );
    expect(res.status).toBe(201);
    const v = visit.parse(await res.json());
    const made = (await (await server.app.request('/sandbox/dexcare/control/state')).json()) as { visits: Array<{ id: string; patientId: string; bookedBy: string; declaration: string; paymentMethod: string }> };
    expect(made.visits.find((x) => x.id === v.id)).toMatchObject({ patientId: SEED_DEPENDENT.id, bookedBy: SEED_GUARDIAN.id, declaration: 'other', paymentMethod: 'couponcode' });

    expect(visitList.parse(await (await b.get('/api/visits')).json()).upcoming.map((x) => x.id)).toContain(v.id);
    expect((await b.get(`/api/visits/${v.id}`)).status).toBe(200);
    // The waiting patient's wait is the region's, as DexCare's waittime gives it (decision 065).
    const region = areaStatus.parse(await (await b.get(`/api/clinic/areas/${REGION.washington}`)).json());
    expect(visitWait.parse(await (await b.get(`/api/visits/${v.id}/wait`)).json()).wait).toEqual(region.wait);
    expect(region.wait).not.toBeNull();
    expect((await b.get('/api/visits/not-mine/wait')).status).toBe(404);

    const handoff = await b.post('/api/handoff', { target: 'visit', visitId: v.id });
    expect(handoff.status).toBe(200);
    const url = new URL(((await handoff.json()) as { url: string }).url);
    expect(url.href).toBe(`http://localhost:8080/sandbox/dexcare/DexCare/visit/${v.id}?brand=riverside`);
    const room = await server.app.request(url.pathname + url.search);
    expect(await room.text()).toContain('Sofia R. (booked by Daniel R.)');
  });

  it('books for the patient by the state when no area was picked', async () => {
    const { b } = await daniel();
    const res = await b.post('/api/intakes', { kind: 'walkin', reason: 'Rash', state: 'WA' });
    expect(res.status).toBe(201);
    const intakeId = ((await res.json()) as { id: string }).id;
    const v = await b.post('/api/walkins', { intakeId, billing: { method: 'coupon', code: COUPON_CODE }, contact: CONTACT, acceptedTerms: true }, { 'Idempotency-Key': newKey() });
    expect(v.status).toBe(201);
  });

  it('refuses what v8 cannot do, and a dependent the health system did not link', async () => {
    const { b } = await daniel();
    expect((await b.post('/api/intakes', { kind: 'appointment', reason: 'Check-up', state: 'WA', area: REGION.washington })).status).toBe(403);
    const intakeId = await intake(b);
    const stranger = await b.post(
      '/api/walkins',
      { intakeId, forWhom: { who: 'other', dependentId: SEED_DEPENDENT.id }, billing: { method: 'coupon', code: COUPON_CODE }, contact: CONTACT, acceptedTerms: true },
      { 'Idempotency-Key': newKey() },
    );
    expect(stranger.status).toBe(400);
    const v = visit.parse(
      await (await b.post('/api/walkins', { intakeId, billing: { method: 'coupon', code: COUPON_CODE }, contact: CONTACT, acceptedTerms: true }, { 'Idempotency-Key': newKey() })).json(),
    );
    expect((await b.post(`/api/visits/${v.id}/cancel`, { reason: 'patient_exit_room' })).status).toBe(403);
    expect((await b.post('/api/handoff', { target: 'dashboard' })).status).toBe(403);
    // VSee's own extras are not part of the API here.
    expect((await b.post(`/api/visits/${v.id}/invite`, {})).status).toBe(404);
    expect((await b.get(`/api/visits/${v.id}/summary`)).status).toBe(404);
  });

  it('a DexCare failure on the visit reaches the patient honestly', async () => {
    const { server, b } = await daniel();
    const intakeId = await intake(b);
    await server.app.request('/sandbox/dexcare/control/faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ route: 'POST /practices/:id/visits', kind: 'error', status: 500 }) });
    const res = await b.post('/api/walkins', { intakeId, billing: { method: 'coupon', code: COUPON_CODE }, contact: CONTACT, acceptedTerms: true }, { 'Idempotency-Key': newKey() });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/cannot tell whether your visit was made/);
  });

  it('a guest in the sandbox books for themselves', async () => {
    const server = makeServer(ENV);
    const b = browser(server);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    const intakeId = await intake(b);
    const res = await b.post('/api/walkins', { intakeId, billing: { method: 'coupon', code: COUPON_CODE }, contact: { ...CONTACT, email: PATIENT.email }, acceptedTerms: true }, { 'Idempotency-Key': newKey() });
    expect(res.status).toBe(201);
  });
});
