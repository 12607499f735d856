/**
 * The DexCare sandbox answers as seed 004 documents: the practice and its regions, each
 * availability reason, a wait estimated from its own queue, and visit creation with its bearer
 * token, 400 with a message for a bad body and 404 for an unknown practice.
 */
import { describe, expect, it } from 'vitest';
import { PRACTICE_ID, PROVIDERS, REGION, SEED_GUARDIAN } from '../../../server/dexcare-sandbox/seed';
import { setup, T0, type Raw } from './support';

const HOUR = 3600_000;

async function json(res: Response, status = 200): Promise<Raw> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text);
}

describe('GET api/8/DexCare/practices/{practiceId}', () => {
  it('lists Riverside Virtual Care’s regions, without an "Other" (the client adds it)', async () => {
    const t = setup();
    const p = await json(await t.api(`DexCare/practices/${PRACTICE_ID}`));
    expect(p).toMatchObject({ id: PRACTICE_ID, displayName: 'Riverside Virtual Care', careMode: 'virtual', payment: { insurance: true, selfPay: false, serviceKey: true } });
    expect(p.practiceRegions.map((r: Raw) => [r.displayName, r.regionCode, r.active, r.busy])).toEqual([
      ['Washington', 'WA', true, false],
      ['Oregon', 'OR', true, true],
      ['Montana', 'MT', true, false],
      ['Idaho', 'ID', true, false],
      ['California', 'CA', false, false],
    ]);
    const oregon = p.practiceRegions[1];
    expect(oregon.busyMessage).toMatch(/more patients than usual/);
    expect(oregon.departments[0]).toMatchObject({ ehrSystemName: 'RIVERSIDE_EPIC', epicDepartmentId: '10501002' });
  });

  it('gives opening windows as ISO instants: Washington’s covers now, Montana’s first opens in two hours', async () => {
    const t = setup();
    const p = await json(await t.api(`DexCare/practices/${PRACTICE_ID}`));
    const [wa, , mt] = p.practiceRegions;
    const covers = (w: Raw) => Date.parse(w.start) <= T0 && T0 < Date.parse(w.end);
    expect(wa.availability.some(covers)).toBe(true);
    expect(wa.availability).toHaveLength(7);
    expect(wa.availability[0].start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(mt.availability.some(covers)).toBe(false);
    expect(Date.parse(mt.availability[0].start)).toBe(T0 + 2 * HOUR);
    expect(Date.parse(mt.availability[0].end) - Date.parse(mt.availability[0].start)).toBe(8 * HOUR);
  });

  it('answers 404 "Practice not found" for an unknown practice', async () => {
    const t = setup();
    expect(await json(await t.api('DexCare/practices/0cee700e-f4c1-4459-b390-263e4ded436c'), 404)).toEqual({ message: 'Practice not found' });
  });
});

describe('GET api/8/practiceRegions/{id}/availability', () => {
  const availability = async (t: ReturnType<typeof setup>, id: string) => json(await t.api(`practiceRegions/${id}/availability`));

  it('says available with a null reason, or unavailable with the documented reason', async () => {
    const t = setup();
    expect(await availability(t, REGION.washington)).toEqual({ available: true, reason: null });
    expect(await availability(t, REGION.oregon)).toEqual({ available: false, reason: 'REGION_BUSY' });
    expect(await availability(t, REGION.montana)).toEqual({ available: false, reason: 'OFF_HOURS' });
    expect(await availability(t, REGION.idaho)).toEqual({ available: false, reason: 'NO_ONCALL_PROVIDERS' });
    expect(await availability(t, REGION.california)).toEqual({ available: false, reason: 'NO_REGIONS_FOUND' });
    expect(await availability(t, '00000000-0000-4000-8000-000000000000')).toEqual({ available: false, reason: 'NO_REGIONS_FOUND' });
  });

  it('opens Montana when its hours come and closes it when they end', async () => {
    const t = setup();
    t.clock.ms = T0 + 2 * HOUR - 1000;
    expect(await availability(t, REGION.montana)).toEqual({ available: false, reason: 'OFF_HOURS' });
    t.clock.ms = T0 + 2 * HOUR;
    expect(await availability(t, REGION.montana)).toEqual({ available: true, reason: null });
    t.clock.ms = T0 + 10 * HOUR;
    expect(await availability(t, REGION.montana)).toEqual({ available: false, reason: 'OFF_HOURS' });
    t.clock.ms = T0 + 26 * HOUR; // the next day's window
    expect(await availability(t, REGION.montana)).toEqual({ available: true, reason: null });
  });

  it('follows what staff change: busy, who is on call, hours — closed outranks nobody on call, which outranks busy', async () => {
    const t = setup();
    expect((await t.control(`regions/${REGION.washington}`, { busy: true, busyMessage: 'Full up' })).status).toBe(200);
    expect(await availability(t, REGION.washington)).toEqual({ available: false, reason: 'REGION_BUSY' });
    await t.control(`regions/${REGION.washington}`, { onCall: [] });
    expect(await availability(t, REGION.washington)).toEqual({ available: false, reason: 'NO_ONCALL_PROVIDERS' });
    // 10:00 in Seattle: hours of 13:00–17:00 are not now.
    await t.control(`regions/${REGION.washington}`, { hours: { from: '13:00', to: '17:00' } });
    expect(await availability(t, REGION.washington)).toEqual({ available: false, reason: 'OFF_HOURS' });
    await t.control(`regions/${REGION.washington}`, { hours: { from: '22:00', to: '11:00' }, onCall: [PROVIDERS[0].id], busy: false });
    expect(await availability(t, REGION.washington)).toEqual({ available: true, reason: null });
    expect((await t.control(`regions/${REGION.washington}`, { hours: { from: '25:00', to: '11:00' } })).status).toBe(400);
    expect((await t.control(`regions/${REGION.washington}`, { onCall: ['nobody'] })).status).toBe(400);
  });
});

describe('GET api/8/practiceRegions/{id}/waittime', () => {
  it('estimates from the region’s own queue, as a float on the wire', async () => {
    const t = setup();
    const wait = async () => {
      const res = await t.api(`practiceRegions/${REGION.washington}/waittime`);
      const text = await res.text();
      expect(res.status, text).toBe(200);
      return { text, body: JSON.parse(text) as Raw };
    };
    const empty = await wait();
    expect(empty.text).toContain('"estimatedWaitTimeSeconds":120.0');
    expect(empty.body).toEqual({ estimateGeneratedAt: new Date(T0).toISOString(), estimatedWaitTimeSeconds: 120 });

    // Two providers on call in Washington: one waiting patient keeps one busy, two keep both.
    await json(await t.createVisit(t.selfBody()));
    expect((await wait()).body.estimatedWaitTimeSeconds).toBe(120);
    const second = await json(await t.createVisit(t.otherBody()));
    expect((await wait()).body.estimatedWaitTimeSeconds).toBe(720);
    // A visit in progress still occupies a provider; a finished or abandoned one does not.
    expect((await t.request(`/provider/visits/${second.visitId}/start`, { method: 'POST' })).status).toBe(303);
    expect((await wait()).body.estimatedWaitTimeSeconds).toBe(720);
    expect((await t.request(`/provider/visits/${second.visitId}/complete`, { method: 'POST' })).status).toBe(303);
    expect((await wait()).body.estimatedWaitTimeSeconds).toBe(120);
  });

  it('answers 400 naming the reason when the region has no wait to give', async () => {
    const t = setup();
    for (const [id, reason] of [
      [REGION.oregon, 'REGION_BUSY'],
      [REGION.montana, 'OFF_HOURS'],
      [REGION.idaho, 'NO_ONCALL_PROVIDERS'],
      [REGION.california, 'NO_REGIONS_FOUND'],
      ['no-such-region', 'NO_REGIONS_FOUND'],
    ] as const) {
      const body = await json(await t.api(`practiceRegions/${id}/waittime`), 400);
      expect(body, id).toEqual({ message: expect.stringContaining(reason), reason });
    }
  });
});

describe('POST api/8/practices/{practiceId}/visits', () => {
  it('creates a visit for the signed-in patient and points at the waiting room', async () => {
    const t = setup();
    const v = await json(await t.createVisit(t.selfBody()));
    expect(v).toMatchObject({
      visitId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userId: SEED_GUARDIAN.userId,
      userEmail: SEED_GUARDIAN.email,
      isTokBox: true,
      tokBoxVisit: { apiKey: expect.any(String), waitingRoomSession: { sessionId: expect.stringMatching(/^1_MX4/) } },
    });
    expect(v.visitRedirectUrl).toBe(`http://localhost:8080/sandbox/dexcare/DexCare/visit/${v.visitId}?brand=riverside`);
    expect(t.sandbox.store.visits.get(v.visitId)).toMatchObject({ status: 'waiting', declaration: 'self', paymentMethod: 'couponcode', regionId: REGION.washington });
  });

  it('books for a dependent with declaration "other", the guardian as actor, on the holder’s insurance', async () => {
    const t = setup();
    const v = await json(await t.createVisit(t.otherBody()));
    expect(t.sandbox.store.visits.get(v.visitId)).toMatchObject({ declaration: 'other', actor: { firstName: 'Daniel', lastName: 'Reyes' }, paymentMethod: 'insurance' });
  });

  it('needs the bearer token: none, a wrong one or another scheme → 401, before anything else is looked at', async () => {
    const t = setup();
    for (const token of [null, 'not-a-token']) {
      expect(await json(await t.createVisit(t.selfBody(), token, 'no-such-practice'), 401)).toEqual({ message: 'Authorization has been denied for this request.' });
    }
    const basic = await t.api(`practices/${PRACTICE_ID}/visits`, { method: 'POST', headers: { Authorization: `Basic ${SEED_GUARDIAN.token}` }, body: JSON.stringify(t.selfBody()) });
    expect(basic.status).toBe(401);
    expect(t.sandbox.store.visits.size).toBe(0);
  });

  it('answers 404 "Practice not found" for an unknown practice', async () => {
    const t = setup();
    expect(await json(await t.createVisit(t.selfBody(), SEED_GUARDIAN.token, 'no-such-practice'), 404)).toEqual({ message: 'Practice not found' });
  });

  it('answers 400 with a message naming what is wrong, and makes nothing', async () => {
    const t = setup();
    const b = t.selfBody();
    const cases: Array<[string, unknown, RegExp]> = [
      ['not JSON', '{"patient": ', /must be JSON/],
      ['a list', [], /body must be a JSON object/],
      ['no patient', { ...b, patient: undefined }, /^patient is required/],
      ['a bad phone', { ...b, patient: { ...b.patient, phone: '+1 509 555 0187' } }, /^patient\.phone must be a phone number/],
      ['no address', { ...b, patient: { ...b.patient, address: undefined } }, /^patient\.address is required/],
      ['no city', { ...b, patient: { ...b.patient, address: { ...b.patient.address, city: ' ' } } }, /^patient\.address\.city is required/],
      ['terms not accepted', { ...b, visitDetails: { ...b.visitDetails, acceptedTerms: false } }, /^visitDetails\.acceptedTerms must be true/],
      ['no reason for visit', { ...b, visitDetails: { ...b.visitDetails, visitReason: '' } }, /^visitDetails\.visitReason is required/],
      ['a bad declaration', { ...b, visitDetails: { ...b.visitDetails, declaration: 'child' } }, /^visitDetails\.declaration must be "self" or "other"/],
      ['no billing', { ...b, billingInfo: undefined }, /^billingInfo\.paymentMethod must be/],
      ['an unknown payment method', { ...b, billingInfo: { paymentMethod: 'cash' } }, /^billingInfo\.paymentMethod must be/],
      ['a coupon without a code', { ...b, billingInfo: { paymentMethod: 'couponcode' } }, /^billingInfo\.couponCode is required/],
      ['insurance without a member id', { ...t.otherBody(), billingInfo: { ...t.otherBody().billingInfo, insuranceMemberId: undefined } }, /^billingInfo\.insuranceMemberId is required/],
      ['an actor for oneself', { ...b, actor: t.otherBody().actor }, /actor must not be sent when visitDetails\.declaration is self/],
      ['someone else without an actor', { ...t.otherBody(), actor: undefined }, /actor is required when visitDetails\.declaration is other/],
      ['an unknown coupon', { ...b, billingInfo: { paymentMethod: 'couponcode', couponCode: 'FREE-VISIT' } }, /couponCode is not a valid coupon code/],
      ['a card the practice does not take', { ...b, billingInfo: { paymentMethod: 'creditcard', stripeToken: 'tok_visa' } }, /creditcard is not accepted by this practice/],
      ['another region’s department', { ...b, visitDetails: { ...b.visitDetails, departmentId: t.selfBody(REGION.oregon).visitDetails.departmentId } }, /departmentId is not a department of this practice region/],
      ['another EHR', { ...b, visitDetails: { ...b.visitDetails, ehrSystemName: 'OTHER_EPIC' } }, /ehrSystemName/],
      ['an unknown patient', { ...b, patient: { ...b.patient, identifier: 'f00dbabe-0000-4000-8000-000000000000' } }, /patient\.identifier is not a known patient/],
      ['"self" for the daughter', { ...b, patient: t.otherBody().patient }, /must be the signed-in patient when visitDetails\.declaration is self/],
      ['an inactive region', t.selfBody(REGION.california), /NO_REGIONS_FOUND/],
    ];
    for (const [what, body, message] of cases) {
      const res = await json(await t.createVisit(body), 400);
      expect(res.message, what).toMatch(message);
    }
    expect(t.sandbox.store.visits.size).toBe(0);
  });

  it('refuses a region that is not available now, naming the reason', async () => {
    const t = setup();
    for (const [id, reason] of [
      [REGION.oregon, 'REGION_BUSY'],
      [REGION.montana, 'OFF_HOURS'],
      [REGION.idaho, 'NO_ONCALL_PROVIDERS'],
    ] as const) {
      expect(await json(await t.createVisit(t.selfBody(id)), 400), id).toEqual({ message: `The practice region is not available: ${reason}`, reason });
    }
  });

  it('books only for dependents linked to the account; a new sign-in brings its own', async () => {
    const t = setup();
    const signIn = await json(await t.control('patients', { firstName: 'Ana', lastName: 'Ortiz', dateOfBirth: '1990-05-06', dependents: [{ firstName: 'Leo', lastName: 'Ortiz', dateOfBirth: '2019-01-20' }] }), 201);
    expect(signIn).toMatchObject({ patientId: expect.any(String), token: expect.stringMatching(/^sandbox-dexcare-/), dependents: [{ firstName: 'Leo', patientId: expect.any(String) }] });
    // Daniel cannot book for Ana's son…
    const forLeo = { ...t.otherBody(), patient: { ...t.otherBody().patient, identifier: signIn.dependents[0].patientId } };
    expect((await json(await t.createVisit(forLeo), 400)).message).toMatch(/not a patient this account may book for/);
    // …Ana can.
    expect((await t.createVisit(forLeo, signIn.token)).status).toBe(200);
    expect((await t.control('patients', { firstName: 'Ana' })).status).toBe(400);
  });

  it('takes the coupon code regardless of case', async () => {
    const t = setup();
    const b = t.selfBody();
    expect((await t.createVisit({ ...b, billingInfo: { paymentMethod: 'couponcode', couponCode: 'riverside-care' } })).status).toBe(200);
  });
});

describe('faults (sandbox only)', () => {
  it('fails, garbles or holds chosen API routes, with DexCare’s error shape', async () => {
    const t = setup();
    const add = await t.request('/control/faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ route: 'POST /practices/:id/visits', kind: 'error', status: 500, times: 1 }) });
    expect(add.status).toBe(201);
    expect(await json(await t.createVisit(t.selfBody()), 500)).toEqual({ message: 'An error has occurred.' });
    expect(t.sandbox.store.visits.size).toBe(0);
    expect((await t.createVisit(t.selfBody())).status).toBe(200);

    await t.request('/control/faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ route: 'GET /practiceRegions/*', kind: 'malformed', body: 'shape' }) });
    expect(await json(await t.api(`practiceRegions/${REGION.washington}/availability`))).toEqual({ sandboxFault: 'not the shape DexCare documents' });
    expect((await t.request('/control/faults', { method: 'DELETE' })).status).toBe(204);
    expect(await json(await t.api(`practiceRegions/${REGION.washington}/availability`))).toEqual({ available: true, reason: null });
  });

  it('resets to the seed, leaving faults alone', async () => {
    const t = setup();
    await json(await t.createVisit(t.selfBody()));
    await t.control(`regions/${REGION.oregon}`, { busy: false });
    expect((await t.control('reset')).status).toBe(204);
    const state = await json(await t.request('/control/state'));
    expect(state.visits).toEqual([]);
    expect(state.regions.find((r: Raw) => r.id === REGION.oregon)).toMatchObject({ busy: true, reason: 'REGION_BUSY' });
  });
});
