/**
 * The DexCare client against the DexCare sandbox (in process, as the proxy reaches it in
 * sandbox mode): each availability reason, the wait, creating a visit, and every way DexCare
 * can fail reaching the caller as an honest DexcareError within the time limit.
 */
import { describe, expect, it } from 'vitest';
import { createDexcareClient, DexcareError } from '../../../server/dexcare/client';
import { regionChoices } from '../../../server/dexcare/regions';
import type { VisitRequest } from '../../../server/dexcare/schemas';
import { waitingRoomUrl } from '../../../server/dexcare/waiting-room';
import type { FaultSpec } from '../../../server/vsee-sandbox/faults';
import { BRAND, PRACTICE_ID, REGION, SEED_GUARDIAN } from '../../../server/dexcare-sandbox/seed';
import { setup } from '../dexcare-sandbox/support';

const API_BASE = 'http://dexcare-sandbox.internal/';

function client(opts: { timeoutMs?: number; retries?: number } = {}) {
  const t = setup();
  const requests: Request[] = [];
  const dexcare = createDexcareClient({
    apiBase: API_BASE,
    timeoutMs: opts.timeoutMs ?? 2000,
    retries: opts.retries,
    backoffMs: 5,
    fetch: (req) => {
      requests.push(req.clone());
      return t.sandbox.fetch(req);
    },
  });
  const fault = (f: FaultSpec) => t.sandbox.faults.add([f]);
  return { t, dexcare, requests, fault };
}

async function failure(p: Promise<unknown>): Promise<DexcareError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DexcareError);
  return err as DexcareError;
}

describe('reading the practice', () => {
  it('reads the practice, and offers its active regions plus "Other"', async () => {
    const { dexcare } = client();
    const p = await dexcare.practice(PRACTICE_ID);
    expect(p.displayName).toBe('Riverside Virtual Care');
    expect(regionChoices(p).map((r) => r.displayName)).toEqual(['Idaho', 'Montana', 'Oregon', 'Washington', 'Other']);
  });

  it('turns an unknown practice into a 404 with DexCare’s message', async () => {
    const { dexcare } = client();
    const err = await failure(dexcare.practice('no-such-practice'));
    expect([err.status, err.message, err.kind, err.ambiguous]).toEqual([404, 'Practice not found', 'http', false]);
  });

  it('reads each availability reason', async () => {
    const { dexcare } = client();
    const reasons = await Promise.all([REGION.washington, REGION.oregon, REGION.montana, REGION.idaho, REGION.california].map((id) => dexcare.availability(id)));
    expect(reasons).toEqual([
      { available: true, reason: null },
      { available: false, reason: 'REGION_BUSY' },
      { available: false, reason: 'OFF_HOURS' },
      { available: false, reason: 'NO_ONCALL_PROVIDERS' },
      { available: false, reason: 'NO_REGIONS_FOUND' },
    ]);
  });

  it('reads the wait in whole seconds; a closed region is a 400 carrying its reason', async () => {
    const { dexcare } = client();
    expect(await dexcare.waitTime(REGION.washington)).toEqual({ estimateGeneratedAt: expect.any(String), estimatedWaitTimeSeconds: 120 });
    const err = await failure(dexcare.waitTime(REGION.montana));
    expect([err.status, err.reason]).toEqual([400, 'OFF_HOURS']);
    expect(err.message).toMatch(/No wait time is available/);
  });

  it('sends no bearer token where the page does not ask for one', async () => {
    const { dexcare, requests } = client();
    await dexcare.practice(PRACTICE_ID);
    await dexcare.availability(REGION.washington);
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual([null, null]);
  });
});

describe('creating a visit', () => {
  const body = (t: ReturnType<typeof setup>) => t.selfBody() as VisitRequest;

  it('posts the body as JSON with the patient’s bearer token, and builds the waiting-room URL', async () => {
    const { t, dexcare, requests } = client();
    const v = await dexcare.createVisit(PRACTICE_ID, SEED_GUARDIAN.token, body(t));
    const sent = requests.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(new URL(sent.url).pathname).toBe(`/api/8/practices/${PRACTICE_ID}/visits`);
    expect(sent.headers.get('authorization')).toBe(`Bearer ${SEED_GUARDIAN.token}`);
    expect(sent.headers.get('content-type')).toBe('application/json');
    expect(await sent.json()).toEqual(body(t));
    const url = waitingRoomUrl({ base: 'http://localhost:8080/sandbox/dexcare/', visitId: v.visitId, brand: BRAND });
    expect(url).toBe(`http://localhost:8080/sandbox/dexcare/DexCare/visit/${v.visitId}?brand=riverside`);
    // The sandbox's own redirect URL agrees with the one built from configuration.
    expect(v.visitRedirectUrl).toBe(url);
    const page = await t.host.request(new URL(url).pathname + new URL(url).search);
    expect(page.status).toBe(200);
  });

  it('a 400 reaches the caller with DexCare’s message (and reason, when it names one)', async () => {
    const { t, dexcare } = client();
    const bad = { ...body(t), billingInfo: { paymentMethod: 'couponcode', couponCode: 'NOPE' } } as VisitRequest;
    const err = await failure(dexcare.createVisit(PRACTICE_ID, SEED_GUARDIAN.token, bad));
    expect([err.status, err.message, err.reason, err.ambiguous]).toEqual([400, 'billingInfo.couponCode is not a valid coupon code or service key', null, false]);
    const busy = await failure(dexcare.createVisit(PRACTICE_ID, SEED_GUARDIAN.token, t.selfBody(REGION.oregon) as VisitRequest));
    expect([busy.status, busy.reason]).toEqual([400, 'REGION_BUSY']);
  });

  it('a missing or wrong bearer token is a 401; an unknown practice a 404', async () => {
    const { t, dexcare } = client();
    const err = await failure(dexcare.createVisit(PRACTICE_ID, 'expired-or-wrong', body(t)));
    expect([err.status, err.message]).toEqual([401, 'Authorization has been denied for this request.']);
    const missing = await failure(dexcare.createVisit('no-such-practice', SEED_GUARDIAN.token, body(t)));
    expect([missing.status, missing.message]).toEqual([404, 'Practice not found']);
  });

  it('refuses to send a body that is not one of the page’s shapes', async () => {
    const { t, dexcare, requests } = client();
    const wrong = { ...body(t), actor: t.otherBody().actor } as VisitRequest;
    await expect(dexcare.createVisit(PRACTICE_ID, SEED_GUARDIAN.token, wrong)).rejects.toThrow(/actor: must be absent/);
    expect(requests).toHaveLength(0);
  });

  it('a 500 is an ambiguous error and the POST is not repeated', async () => {
    const { t, dexcare, requests, fault } = client();
    fault({ route: 'POST /practices/:id/visits', kind: 'error', status: 500, processed: true });
    const err = await failure(dexcare.createVisit(PRACTICE_ID, SEED_GUARDIAN.token, body(t)));
    expect([err.status, err.message, err.ambiguous]).toEqual([500, 'An error has occurred.', true]);
    expect(requests).toHaveLength(1);
    // DexCare did the work before failing: the visit exists, which is why a caller must look before booking again.
    expect(t.sandbox.store.visits.size).toBe(1);
  });
});

describe('DexCare failing', () => {
  it('a held request ends in a timeout within the time limit', async () => {
    const { dexcare, fault } = client({ timeoutMs: 300 });
    fault({ route: 'GET /practiceRegions/:id/availability', kind: 'hang' });
    const started = Date.now();
    const err = await failure(dexcare.availability(REGION.washington));
    expect([err.status, err.kind, err.ambiguous]).toEqual([0, 'timeout', true]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a slow booking answer is a timeout, though the visit was made', async () => {
    const { t, dexcare, fault } = client({ timeoutMs: 300 });
    fault({ route: 'POST /practices/:id/visits', kind: 'latency', ms: 5000 });
    const err = await failure(dexcare.createVisit(PRACTICE_ID, SEED_GUARDIAN.token, t.selfBody() as VisitRequest));
    expect(err.kind).toBe('timeout');
    expect(t.sandbox.store.visits.size).toBe(1);
  });

  it('retries a GET after a passing failure, while time is left', async () => {
    const { dexcare, requests, fault } = client();
    fault({ route: 'GET /practiceRegions/:id/waittime', kind: 'error', status: 503, times: 2 });
    expect((await dexcare.waitTime(REGION.washington)).estimatedWaitTimeSeconds).toBe(120);
    expect(requests).toHaveLength(3);
  });

  it('gives up after the retries, reporting the last failure', async () => {
    const { dexcare, requests, fault } = client({ retries: 1 });
    fault({ route: 'GET /DexCare/practices/:id', kind: 'error', status: 502 });
    const err = await failure(dexcare.practice(PRACTICE_ID));
    expect([err.status, err.message]).toEqual([502, 'An error has occurred.']);
    expect(requests).toHaveLength(2);
  });

  it.each([
    [{ kind: 'malformed', body: 'text' }, 'malformed'],
    [{ kind: 'malformed', body: 'shape' }, 'malformed'],
    [{ kind: 'redirect' }, 'redirect'],
    [{ kind: 'reset' }, 'network'],
  ] as const)('%o is a %s error', async (f, kind) => {
    const { dexcare, fault } = client({ retries: 0 });
    fault({ route: 'GET /practiceRegions/:id/availability', ...f });
    expect((await failure(dexcare.availability(REGION.washington))).kind).toBe(kind);
  });
});

describe('waitingRoomUrl', () => {
  it('joins the path to the base with or without its slash, and escapes what it carries', () => {
    expect(waitingRoomUrl({ base: 'https://care.example.org/wr', visitId: 'abc', brand: 'acme health' })).toBe('https://care.example.org/wr/DexCare/visit/abc?brand=acme+health');
    expect(waitingRoomUrl({ base: 'https://care.example.org/', visitId: '../x?y', brand: 'b' })).toBe('https://care.example.org/DexCare/visit/..%2Fx%3Fy?brand=b');
    expect(() => waitingRoomUrl({ base: 'https://care.example.org/', visitId: ' ', brand: 'b' })).toThrow(/empty visit id/);
  });
});
