/**
 * The DexCare clinic backend against the DexCare sandbox over HTTP (a real listening server, the
 * client on Node's fetch): service areas, each availability reason as a closed reason, the wait,
 * visits for self and for someone else with billing bodies exactly as seed 004 documents them,
 * the waiting-room handoff, and DexCare's 400/401/404/500/timeout reaching the patient as honest
 * patient-API problems.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { roundWait, type Billing, type ClinicBackend, type PatientSession } from '../../../server/backend/clinic-backend';
import { loadConfig } from '../../../server/config';
import { createDexcareBackend, MAY_EXIST_MESSAGE } from '../../../server/dexcare/backend';
import { createDexcareClient } from '../../../server/dexcare/client';
import { sandboxGuestPatients } from '../../../server/dexcare-sandbox/guest-patients';
import { COUPON_CODE, DEFAULT_BUSY_MESSAGE, PRACTICE_ID, REGION, SEED_DEPENDENT, SEED_GUARDIAN } from '../../../server/dexcare-sandbox/seed';
import { createLogger } from '../../../server/proxy/logger';
import { Problem } from '../../../server/proxy/problem';
import { createMemoryStore } from '../../../server/proxy/stores/memory';
import type { FaultSpec } from '../../../server/vsee-sandbox/faults';
import { MOUNT, setup, T0, type Raw } from '../dexcare-sandbox/support';

let t: ReturnType<typeof setup>;
let server: Server;
let base: string;

beforeAll(async () => {
  t = setup();
  server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: t.host.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${MOUNT}/`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // a hung request's socket would hold close() open
    }),
);
beforeEach(() => {
  t.clock.ms = T0;
  t.sandbox.reset();
  t.sandbox.faults.clear();
});

interface Sent {
  method: string;
  path: string;
  auth: string | null;
  body: Raw;
}

function backend(opts: { timeoutMs?: number; practiceId?: string; guests?: boolean } = {}) {
  const sent: Sent[] = [];
  const fetchOverHttp = async (req: Request) => {
    const text = req.method === 'GET' ? '' : await req.clone().text();
    sent.push({ method: req.method, path: new URL(req.url).pathname.replace(`${MOUNT}/api/8/`, ''), auth: req.headers.get('Authorization'), body: text ? JSON.parse(text) : null });
    return fetch(req);
  };
  const env = loadConfig({ CLINIC_BACKEND: 'dexcare', DEXCARE_TIMEOUT_MS: String(opts.timeoutMs ?? 3000) });
  const config = { ...env.dexcare, apiBase: base, waitingRoomUrl: 'https://care.riverside.example/', practiceId: opts.practiceId ?? PRACTICE_ID };
  const kv = createMemoryStore(() => t.clock.ms);
  const b: ClinicBackend = createDexcareBackend({
    config,
    client: createDexcareClient({ ...config, backoffMs: 5, fetch: fetchOverHttp }),
    kv,
    log: createLogger('silent'),
    now: () => t.clock.ms,
    guestPatients: opts.guests ? sandboxGuestPatients(base, (req) => fetch(req)) : null,
  });
  return { b, sent };
}

/** The seeded guardian as a DexCare launch signs him in, with his daughter linked. */
const DANIEL: PatientSession = {
  backend: 'dexcare',
  userCode: 'riverside-demo-daniel-reyes',
  memberId: SEED_GUARDIAN.id,
  apiToken: SEED_GUARDIAN.token,
  apiTokenExpires: Math.floor(T0 / 1000) + 7200,
  firstName: SEED_GUARDIAN.firstName,
  lastName: SEED_GUARDIAN.lastName,
  dob: SEED_GUARDIAN.dateOfBirth,
  dependents: [{ id: SEED_DEPENDENT.id, firstName: SEED_DEPENDENT.firstName, lastName: SEED_DEPENDENT.lastName, dob: SEED_DEPENDENT.dateOfBirth }],
};

const CONTACT = { phone: '(509) 555-0187', email: SEED_GUARDIAN.email, address: { line1: '12 River Road', city: 'Spokane', state: 'WA', postalCode: '99201' } };
const COUPON: Billing = { method: 'coupon', code: COUPON_CODE };

async function problemOf(p: Promise<unknown>): Promise<Problem> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Problem);
  return err as Problem;
}

const fault = (f: FaultSpec) => t.control('faults', f);

async function walkin(b: ClinicBackend, opts: { who?: PatientSession; region?: string; billing?: Billing; forWhom?: 'self' | 'other' } = {}) {
  const p = b.forPatient(opts.who ?? DANIEL);
  const intake = await p.createIntake({ kind: 'walkin', reason: 'Sore throat and fever', area: opts.region ?? REGION.washington });
  return p.createVisit({
    kind: 'walkin',
    intake,
    forWhom: opts.forWhom === 'other' ? { who: 'other', dependentId: SEED_DEPENDENT.id } : { who: 'self' },
    billing: opts.billing ?? COUPON,
    contact: CONTACT,
    acceptedTerms: true,
  });
}

describe('the clinic and its service areas', () => {
  it('offers the practice’s active regions and “Somewhere else”, on-demand visits only', async () => {
    const { b } = backend();
    const c = await b.clinic();
    expect(c.name).toBe('Riverside Virtual Care');
    expect(c.serviceAreas?.map((a) => [a.name, a.code, a.outOfArea])).toEqual([
      ['Idaho', 'ID', false],
      ['Montana', 'MT', false],
      ['Oregon', 'OR', false],
      ['Washington', 'WA', false],
      ['Somewhere else', null, true],
    ]);
    expect(c.capabilities).toMatchObject({ visitKinds: ['walkin'], appointmentTimes: false, cancel: false, serviceAreas: true, waitEstimate: true, forSomeoneElse: true, billing: ['insurance', 'coupon'], guestBooking: false });
    expect(c.openness).toEqual({ open: true });
  });

  it('says the practice is off hours, with the next opening, when no region is in an opening window', async () => {
    const { b } = backend();
    for (const id of [REGION.washington, REGION.oregon, REGION.idaho]) await t.control(`regions/${id}`, { hours: { from: '23:00', to: '23:30' } });
    const c = await b.clinic();
    expect(c.openness).toMatchObject({ open: false, reason: 'off_hours' });
    // Montana opens 2 hours after the reset (seed), before 23:00 anywhere in the US today.
    expect(c.openness.open === false && c.openness.opensAt).toBe(new Date(T0 + 2 * 3600_000).toISOString());
  });

  it.each([
    ['Washington', REGION.washington, { open: true }],
    ['Oregon (REGION_BUSY)', REGION.oregon, { open: false, reason: 'busy', message: DEFAULT_BUSY_MESSAGE, opensAt: null }],
    ['Montana (OFF_HOURS)', REGION.montana, { open: false, reason: 'off_hours', message: null, opensAt: new Date(T0 + 2 * 3600_000).toISOString() }],
    ['Idaho (NO_ONCALL_PROVIDERS)', REGION.idaho, { open: false, reason: 'no_provider_on_call', message: null, opensAt: null }],
    ['California (NO_REGIONS_FOUND)', REGION.california, { open: false, reason: 'out_of_area', message: null, opensAt: null }],
  ])('%s: DexCare’s availability reason becomes a closed reason', async (_name, id, openness) => {
    const { b, sent } = backend();
    const s = await b.areaStatus(id);
    expect(s.openness).toEqual(openness);
    expect(sent.some((r) => r.path === `practiceRegions/${id}/availability`)).toBe(true);
    // Only an open region has a wait.
    if (openness.open) expect(s.wait).toEqual({ minutes: 5, moreThanAnHour: false });
    else expect(s.wait).toBeNull();
  });

  it('shows the region’s visit price', async () => {
    const { b } = backend();
    expect((await b.areaStatus(REGION.washington)).price).toEqual({ amount: 59, currency: 'USD' });
    expect((await b.areaStatus(REGION.montana)).price).toEqual({ amount: 49, currency: 'USD' });
  });

  it('“Somewhere else” and an id that is no region of the practice are out of area, without asking DexCare', async () => {
    const { b, sent } = backend();
    await b.clinic();
    const before = sent.length;
    for (const id of ['other', 'not-a-region', REGION.washington.replace('b1', 'ff')]) {
      expect(await b.areaStatus(id)).toEqual({ areaId: id, openness: { open: false, reason: 'out_of_area', message: null, opensAt: null }, wait: null, price: null });
    }
    expect(sent.length).toBe(before);
  });

  it('a region closing between the availability and the wait calls reads as closed, not as a failure', async () => {
    const { b } = backend();
    await fault({ route: 'GET /practiceRegions/:id/waittime', kind: 'error', status: 400 });
    // A 400 naming no reason on a read is no answer the patient can act on: the clinic is "not answering".
    expect((await problemOf(b.areaStatus(REGION.washington))).status).toBe(502);
    t.sandbox.faults.clear();
    await t.control(`regions/${REGION.washington}`, { busy: true });
    expect((await b.areaStatus(REGION.washington)).openness).toMatchObject({ open: false, reason: 'busy' });
  });
});

describe('the wait', () => {
  it('rounds up to 5 minutes and says “more than an hour” above that', () => {
    expect([0, 1, 120, 300, 301, 720, 3600].map((s) => roundWait(s).minutes)).toEqual([5, 5, 5, 5, 10, 15, 60]);
    expect(roundWait(3600).moreThanAnHour).toBe(false);
    expect(roundWait(3601)).toEqual({ minutes: 60, moreThanAnHour: true });
  });

  it('follows the region’s queue: 2 waiting with 2 on call is 12 minutes → 15; a long queue is more than an hour', async () => {
    const { b } = backend();
    await walkin(b);
    await walkin(b);
    expect((await b.areaStatus(REGION.washington)).wait).toEqual({ minutes: 15, moreThanAnHour: false });
    for (let i = 0; i < 10; i++) await walkin(b);
    // 12 waiting, 2 on call: 120 s + 6 × 600 s = 62 minutes.
    expect((await b.areaStatus(REGION.washington)).wait).toEqual({ minutes: 60, moreThanAnHour: true });
  });
});

describe('booking a virtual visit', () => {
  it('for the patient: declaration self, no actor, the coupon body exactly as documented, and a waiting-room handoff', async () => {
    const { b, sent } = backend();
    const v = await walkin(b);
    expect(v).toMatchObject({ kind: 'walkin', status: 'pending', provider: null });
    const post = sent.find((r) => r.method === 'POST')!;
    expect(post.path).toBe(`practices/${PRACTICE_ID}/visits`);
    expect(post.auth).toBe(`Bearer ${SEED_GUARDIAN.token}`);
    const department = t.sandbox.store.regions.get(REGION.washington)!.departments[0]!;
    expect(post.body).toEqual({
      patient: { identifier: SEED_GUARDIAN.id, phone: '5095550187', email: SEED_GUARDIAN.email, address: CONTACT.address },
      billingInfo: { paymentMethod: 'couponcode', couponCode: COUPON_CODE },
      visitDetails: {
        practiceRegionId: REGION.washington,
        ehrSystemName: department.ehrSystemName,
        departmentId: department.id,
        visitReason: 'Sore throat and fever',
        declaration: 'self',
        acceptedTerms: true,
      },
    });
    const made = t.sandbox.store.visits.get(v.id)!;
    expect([made.patientId, made.declaration, made.paymentMethod]).toEqual([SEED_GUARDIAN.id, 'self', 'couponcode']);

    const url = await b.forPatient(DANIEL).handoffUrl({ target: 'visit', visitId: v.id });
    expect(url).toBe(`https://care.riverside.example/DexCare/visit/${v.id}?brand=riverside`);
    // The same path on the sandbox is its waiting room.
    const room = await fetch(`${base}DexCare/visit/${v.id}?brand=riverside`);
    expect(room.status).toBe(200);
    expect(await room.text()).toContain('You are in the waiting room');
  });

  it('for his daughter: declaration other, the signed-in person as actor, her own insurance (billing declaration self)', async () => {
    const { b, sent } = backend();
    const billing: Billing = { method: 'insurance', insurerId: 'sandbox-payer-1', memberNumber: 'RVS123456789', holder: { relation: 'self', gender: 'female' } };
    const v = await walkin(b, { forWhom: 'other', billing });
    const body = sent.find((r) => r.method === 'POST')!.body;
    expect(body.patient.identifier).toBe(SEED_DEPENDENT.id);
    expect(body.actor).toEqual({ firstName: 'Daniel', lastName: 'Reyes', phone: '5095550187', dateOfBirth: SEED_GUARDIAN.dateOfBirth });
    expect(body.visitDetails.declaration).toBe('other');
    expect(body.billingInfo).toEqual({
      paymentMethod: 'insurance',
      declaration: 'self',
      firstName: 'Sofia',
      lastName: 'Reyes',
      gender: 'female',
      dateOfBirth: SEED_DEPENDENT.dateOfBirth,
      insuranceType: 'manual',
      insuranceProviderId: 'sandbox-payer-1',
      insuranceMemberId: 'RVS123456789',
    });
    const made = t.sandbox.store.visits.get(v.id)!;
    expect([made.patientId, made.bookedBy, made.declaration, made.actor]).toEqual([SEED_DEPENDENT.id, SEED_GUARDIAN.id, 'other', { firstName: 'Daniel', lastName: 'Reyes' }]);
  });

  it('on someone else’s insurance: billing declaration other with the holder’s details', async () => {
    const { b, sent } = backend();
    const billing: Billing = {
      method: 'insurance',
      insurerId: 'sandbox-payer-2',
      memberNumber: 'HOLD-42',
      holder: { relation: 'other', firstName: 'Daniel', lastName: 'Reyes', dob: SEED_GUARDIAN.dateOfBirth, gender: 'male' },
    };
    await walkin(b, { forWhom: 'other', billing });
    expect(sent.find((r) => r.method === 'POST')!.body.billingInfo).toEqual({
      paymentMethod: 'insurance',
      declaration: 'other',
      firstName: 'Daniel',
      lastName: 'Reyes',
      gender: 'male',
      dateOfBirth: SEED_GUARDIAN.dateOfBirth,
      insuranceType: 'manual',
      insuranceProviderId: 'sandbox-payer-2',
      insuranceMemberId: 'HOLD-42',
    });
  });

  it('books only for people the health system linked to the patient, and never sends a card', async () => {
    const { b, sent } = backend();
    const p = b.forPatient(DANIEL);
    const intake = await p.createIntake({ kind: 'walkin', reason: 'Rash', area: REGION.washington });
    const stranger = await problemOf(
      p.createVisit({ kind: 'walkin', intake, forWhom: { who: 'other', dependentId: SEED_GUARDIAN.id.replace('0a', 'ff') }, billing: COUPON, contact: CONTACT, acceptedTerms: true }),
    );
    expect([stranger.status, stranger.fields]).toEqual([400, { dependentId: 'invalid' }]);
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(b.capabilities.billing).not.toContain('card');
  });

  it('refuses what DexCare v8 cannot do: appointments, e-consults, cancelling, a dashboard, out-of-area intakes', async () => {
    const { b } = backend();
    const p = b.forPatient(DANIEL);
    expect((await problemOf(p.createIntake({ kind: 'appointment', reason: 'x', area: REGION.washington }))).status).toBe(403);
    expect((await problemOf(p.createIntake({ kind: 'econsult', reason: 'x', area: REGION.washington }))).status).toBe(403);
    expect((await problemOf(p.createIntake({ kind: 'walkin', reason: 'x', area: 'other' }))).status).toBe(409);
    expect((await problemOf(p.createIntake({ kind: 'walkin', reason: 'x', area: REGION.california }))).status).toBe(409);
    const v = await walkin(b);
    expect((await problemOf(p.cancel(v.id, 'patient_exit_room'))).status).toBe(403);
    expect((await problemOf(p.handoffUrl({ target: 'dashboard' }))).status).toBe(403);
  });

  it('remembers the visits a patient booked, and only theirs', async () => {
    const { b } = backend({ guests: true });
    const v = await walkin(b);
    expect((await b.forPatient(DANIEL).visits()).map((x) => x.id)).toEqual([v.id]);
    expect((await b.forPatient(DANIEL).visit(v.id)).id).toBe(v.id);
    const guest = await b.startSession({ kind: 'guest', code: 'fd-guest-1', firstName: 'Maya', lastName: 'Chen', dob: '1990-04-12', email: 'maya@example.com' });
    const maya: PatientSession = { ...guest, firstName: 'Maya', lastName: 'Chen', dob: '1990-04-12' };
    expect(await b.forPatient(maya).visits()).toEqual([]);
    expect((await problemOf(b.forPatient(maya).visit(v.id))).status).toBe(404);
    expect((await problemOf(b.forPatient(maya).handoffUrl({ target: 'visit', visitId: v.id }))).status).toBe(404);
  });
});

describe('signing in', () => {
  it('takes DexCare’s patient and token from a verified launch; without them a launch is refused', async () => {
    const { b } = backend();
    const id = await b.startSession({ kind: 'launch', code: 'rh-1', firstName: 'Daniel', lastName: 'Reyes', dexcare: { patientId: SEED_GUARDIAN.id, token: SEED_GUARDIAN.token, dependents: [] } });
    expect(id).toMatchObject({ backend: 'dexcare', userCode: 'rh-1', memberId: SEED_GUARDIAN.id, apiToken: SEED_GUARDIAN.token });
    expect((await problemOf(b.startSession({ kind: 'launch', code: 'rh-1', firstName: 'Daniel', lastName: 'Reyes' }))).status).toBe(403);
    expect((await problemOf(b.startSession({ kind: 'guest', code: 'fd-x', firstName: 'Maya', lastName: 'Chen' }))).status).toBe(403);
  });

  it('in sandbox mode gives a guest a sandbox patient, who can book for themselves', async () => {
    const { b } = backend({ guests: true });
    expect((await b.clinic()).capabilities.guestBooking).toBe(true);
    const id = await b.startSession({ kind: 'guest', code: 'fd-guest-2', firstName: 'Maya', lastName: 'Chen', dob: '1990-04-12', email: 'maya@example.com', phone: '206-555-0142' });
    const patient = t.sandbox.store.patients.get(id.memberId)!;
    expect([patient.firstName, patient.lastName, patient.dateOfBirth, patient.phone]).toEqual(['Maya', 'Chen', '1990-04-12', '2065550142']);
    const v = await walkin(b, { who: { ...id, firstName: 'Maya', lastName: 'Chen', dob: '1990-04-12' } });
    expect(t.sandbox.store.visits.get(v.id)!.patientId).toBe(id.memberId);
  });
});

describe('DexCare failing, told honestly', () => {
  it('400: a wrong coupon names the field; a region closed at booking time says why (409)', async () => {
    const { b } = backend();
    const bad = await problemOf(walkin(b, { billing: { method: 'coupon', code: 'NOT-A-CODE' } }));
    expect([bad.status, bad.code, bad.fields]).toEqual([400, 'bad_request', { couponCode: 'invalid' }]);

    const p = b.forPatient(DANIEL);
    const intake = await p.createIntake({ kind: 'walkin', reason: 'Cough', area: REGION.washington });
    await t.control(`regions/${REGION.washington}`, { onCall: [] });
    const closed = await problemOf(p.createVisit({ kind: 'walkin', intake, forWhom: { who: 'self' }, billing: COUPON, contact: CONTACT, acceptedTerms: true }));
    expect([closed.status, closed.code, closed.message]).toEqual([409, 'not_available_now', 'No provider is on call for this state right now. Please try again later.']);
  });

  it('401: an expired or wrong DexCare token asks the patient to sign in again at the health system', async () => {
    const { b } = backend();
    const p = await problemOf(walkin(b, { who: { ...DANIEL, apiToken: 'not-a-token' } }));
    expect([p.status, p.code]).toEqual([401, 'unauthorized']);
  });

  it('404: a practice DexCare does not know is “online booking is not available”, not a crash', async () => {
    const { b } = backend({ practiceId: 'no-such-practice' });
    const p = await problemOf(b.clinic());
    expect([p.status, p.code]).toEqual([503, 'upstream_unavailable']);
    expect(p.message).toMatch(/call the clinic/);
  });

  it('500 on a read: retried, then “not answering” with Retry-After', async () => {
    const { b, sent } = backend();
    await fault({ route: 'GET /DexCare/practices/:id', kind: 'error', status: 500 });
    const p = await problemOf(b.clinic());
    expect([p.status, p.code, p.retryAfter]).toEqual([502, 'upstream_unavailable', 10]);
    expect(sent.filter((r) => r.path.startsWith('DexCare/practices/'))).toHaveLength(3);
  });

  it('500 on the visit POST: not repeated, and the patient hears the visit may exist — also when they try again', async () => {
    const { b, sent } = backend();
    await fault({ route: 'POST /practices/:id/visits', kind: 'error', status: 500, processed: true, times: 1 });
    const p = b.forPatient(DANIEL);
    const intake = await p.createIntake({ kind: 'walkin', reason: 'Cough', area: REGION.washington });
    const input = { kind: 'walkin' as const, intake, forWhom: { who: 'self' as const }, billing: COUPON, contact: CONTACT, acceptedTerms: true };
    const lost = await problemOf(p.createVisit(input));
    expect([lost.status, lost.code, lost.message]).toEqual([502, 'upstream_unavailable', MAY_EXIST_MESSAGE]);
    // The same intake again: DexCare cannot be asked whether the first made a visit, so it is not sent again.
    const again = await problemOf(p.createVisit(input));
    expect([again.status, again.message]).toEqual([409, MAY_EXIST_MESSAGE]);
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(t.sandbox.store.visits.size).toBe(1);
  });

  it('a visit DexCare refused leaves the intake free to try again; a booked one cannot be booked twice', async () => {
    const { b, sent } = backend();
    const p = b.forPatient(DANIEL);
    const intake = await p.createIntake({ kind: 'walkin', reason: 'Cough', area: REGION.washington });
    const input = { kind: 'walkin' as const, intake, forWhom: { who: 'self' as const }, contact: CONTACT, acceptedTerms: true };
    expect((await problemOf(p.createVisit({ ...input, billing: { method: 'coupon', code: 'WRONG' } }))).status).toBe(400);
    await p.createVisit({ ...input, billing: COUPON });
    expect((await problemOf(p.createVisit({ ...input, billing: COUPON }))).status).toBe(409);
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('timeout: a hanging DexCare is answered within the time limit', async () => {
    const { b } = backend({ timeoutMs: 400 });
    await b.clinic();
    await fault({ route: 'GET /practiceRegions/:id/availability', kind: 'hang', ms: 5000 });
    const t0 = Date.now();
    const p = await problemOf(b.areaStatus(REGION.washington));
    expect([p.status, p.code]).toEqual([502, 'upstream_unavailable']);
    expect(Date.now() - t0).toBeLessThan(2000);

    t.sandbox.faults.clear();
    await fault({ route: 'POST /practices/:id/visits', kind: 'latency', ms: 3000 });
    const late = await problemOf(walkin(b));
    expect([late.status, late.message]).toEqual([502, MAY_EXIST_MESSAGE]);
  });
});
