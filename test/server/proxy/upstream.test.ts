/**
 * A failing VSee (sandbox fault injection): every kind of failure reaches the patient as an honest
 * `upstream_unavailable` within a bounded time, safe calls are retried, and a booking whose
 * answer was lost is found rather than made twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, visit } from '../../../src/api/contract';
import { createApp } from '../../../server/app';
import { loadConfig } from '../../../server/config';
import { startServer, type RunningServer } from '../../../server/main';
import { createLogger } from '../../../server/proxy/logger';
import { UPSTREAM_MESSAGE } from '../../../server/proxy/problem';
import type { FaultSpec } from '../../../server/vsee-sandbox/faults';
import { browser, guestWithIntake, makeServer, newKey, PATIENT, type Browser, type TestServer } from '../../support/server';

const TIMEOUT_MS = 300;
/** The patient hears back well within this, whatever VSee does (one call ≤ TIMEOUT_MS). */
const BOUND_MS = 1500;

async function fault(server: Pick<TestServer, 'app'>, spec: FaultSpec | FaultSpec[]) {
  const res = await server.app.request('/sandbox/control/faults', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(spec),
  });
  expect(res.status).toBe(201);
}

async function expectUnavailable(res: Response, started: number) {
  const elapsed = Date.now() - started;
  expect(res.status).toBe(502);
  const body = apiError.parse(await res.json());
  expect(body.error).toEqual({ code: 'upstream_unavailable', message: UPSTREAM_MESSAGE, reference: expect.stringMatching(/^[0-9A-Z]{10}$/) });
  expect(elapsed).toBeLessThan(BOUND_MS);
  return elapsed;
}

/** A mark is young (its booking may still land at VSee) for the booking's deadline plus the settle time. */
const YOUNG_MS = 2 * TIMEOUT_MS + 30_000 + 1000;

async function expectPending(res: Response) {
  expect(res.status).toBe(409);
  expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
  expect(apiError.parse(await res.json()).error.code).toBe('booking_pending');
}

async function walkin(b: Browser, intakeId: string, key = newKey()) {
  return b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': key });
}

const visitsFor = (server: TestServer, intakeId: string) =>
  [...server.sandbox.store.visits.values()].filter((v) => v.intakeId === intakeId);

const KINDS: [string, Omit<FaultSpec, 'route'>][] = [
  ['latency beyond the time limit', { kind: 'latency', ms: 2000 }],
  ['a 503', { kind: 'error', status: 503 }],
  ['a 500', { kind: 'error', status: 500 }],
  ['a hang', { kind: 'hang' }],
  ['a connection reset', { kind: 'reset' }],
  ['a non-JSON answer', { kind: 'malformed', body: 'text' }],
  ['JSON of the wrong shape', { kind: 'malformed', body: 'shape' }],
  ['a redirect', { kind: 'redirect', status: 302 }],
];

describe('a failing VSee', () => {
  describe.each(KINDS)('%s', (_name, kind) => {
    it('on a read: upstream_unavailable in bounded time', async () => {
      const server = makeServer({ VSEE_TIMEOUT_MS: String(TIMEOUT_MS) });
      const b = browser(server);
      const intakeId = await guestWithIntake(b, 'walkin');
      const v = visit.parse(await (await walkin(b, intakeId)).json());
      await fault(server, { route: 'GET /visits/:id', ...kind });
      const t0 = Date.now();
      await expectUnavailable(await b.get(`/api/visits/${v.id}`), t0);
    });

    it('on a write: upstream_unavailable in bounded time, and the patient can go on afterwards', async () => {
      const server = makeServer({ VSEE_TIMEOUT_MS: String(TIMEOUT_MS) });
      const b = browser(server);
      expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
      await fault(server, { route: 'POST /intakes', ...kind, times: 1 });
      const t0 = Date.now();
      const intake = { kind: 'walkin', reason: 'Cough', state: 'CA' };
      await expectUnavailable(await b.post('/api/intakes', intake), t0);
      expect((await b.post('/api/intakes', intake)).status).toBe(201);
    });
  });

  it('retries a safe call after transient failures and answers normally', async () => {
    const server = makeServer({ VSEE_TIMEOUT_MS: '2000' });
    const b = browser(server);
    const intakeId = await guestWithIntake(b, 'walkin');
    const v = visit.parse(await (await walkin(b, intakeId)).json());
    await fault(server, [
      { route: 'GET /visits/:id', kind: 'error', status: 503, times: 1 },
      { route: 'GET /visits/:id', kind: 'reset', times: 1 },
    ]);
    const res = await b.get(`/api/visits/${v.id}`);
    expect(res.status).toBe(200);
    expect(visit.parse(await res.json()).id).toBe(v.id);
    expect(server.sandbox.faults.list()).toEqual([]);
  });

  it('gives up after a bounded number of retries', async () => {
    const server = makeServer({ VSEE_TIMEOUT_MS: '5000', VSEE_RETRIES: '2' });
    const b = browser(server);
    const intakeId = await guestWithIntake(b, 'walkin');
    const v = visit.parse(await (await walkin(b, intakeId)).json());
    await fault(server, { route: 'GET /visits/:id', kind: 'error', status: 503, times: 10 });
    const t0 = Date.now();
    await expectUnavailable(await b.get(`/api/visits/${v.id}`), t0);
    expect(server.sandbox.faults.list()[0]?.remaining).toBe(10 - 3); // one try + two retries
  });

  it('never repeats a write itself', async () => {
    const server = makeServer({ VSEE_TIMEOUT_MS: '2000' });
    const b = browser(server);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    await fault(server, { route: 'POST /intakes', kind: 'error', status: 503, times: 5 });
    const res = await b.post('/api/intakes', { kind: 'walkin', reason: 'Cough', state: 'CA' });
    expect(res.status).toBe(502);
    expect(server.sandbox.faults.list()[0]?.remaining).toBe(4);
  });
});

describe('a booking whose answer was lost', () => {
  it('finds the walk-in VSee made instead of failing, and a retry returns the same one', async () => {
    const server = makeServer({ VSEE_TIMEOUT_MS: String(TIMEOUT_MS) });
    const b = browser(server);
    const intakeId = await guestWithIntake(b, 'walkin');
    // The sandbox makes the visit, then its answer takes longer than the proxy waits.
    await fault(server, { route: 'POST /visits/add_walkin', kind: 'latency', ms: 2000, processed: true });
    const key = newKey();
    const t0 = Date.now();
    const first = await walkin(b, intakeId, key);
    expect(Date.now() - t0).toBeLessThan(BOUND_MS);
    expect(first.status).toBe(201);
    const made = visit.parse(await first.json());
    expect(visitsFor(server, intakeId).map((v) => v.id)).toEqual([made.id]);

    const retry = await walkin(b, intakeId, key);
    expect(retry.status).toBe(201);
    expect(visit.parse(await retry.json()).id).toBe(made.id);
    expect(visitsFor(server, intakeId)).toHaveLength(1);
  });

  it('when VSee cannot even be asked, answers upstream_unavailable and the retry finds the visit', async () => {
    const server = makeServer({ VSEE_TIMEOUT_MS: String(TIMEOUT_MS) });
    const b = browser(server);
    const intakeId = await guestWithIntake(b, 'walkin');
    await fault(server, [
      { route: 'POST /visits/add_walkin', kind: 'reset', processed: true, times: 1 },
      { route: 'GET /visits', kind: 'error', status: 503, times: 3 },
    ]);
    const key = newKey();
    const t0 = Date.now();
    await expectUnavailable(await walkin(b, intakeId, key), t0);
    expect(visitsFor(server, intakeId)).toHaveLength(1);

    // At once: VSee may still be working on it, so the answer is "still checking", not a second try.
    await expectPending(await walkin(b, intakeId, key));
    server.clock.now += YOUNG_MS;
    const retry = await walkin(b, intakeId, key);
    expect(retry.status).toBe(201);
    expect(visit.parse(await retry.json()).id).toBe(visitsFor(server, intakeId)[0]!.id);
    expect(visitsFor(server, intakeId)).toHaveLength(1);
  });

  it('remembers an uncertain booking for its intake, whatever key the next attempt carries', async () => {
    const server = makeServer({ VSEE_TIMEOUT_MS: String(TIMEOUT_MS) });
    const b = browser(server);
    const intakeId = await guestWithIntake(b, 'walkin');
    await fault(server, [
      { route: 'POST /visits/add_walkin', kind: 'hang', processed: true, times: 1 },
      { route: 'GET /visits', kind: 'reset', times: 3 },
    ]);
    await expectUnavailable(await walkin(b, intakeId), Date.now());
    // The page was reloaded: a new Idempotency-Key, the same intake.
    await expectPending(await walkin(b, intakeId));
    server.clock.now += YOUNG_MS;
    const next = await walkin(b, intakeId);
    expect(next.status).toBe(201);
    expect(visit.parse(await next.json()).id).toBe(visitsFor(server, intakeId)[0]!.id);
    expect(visitsFor(server, intakeId)).toHaveLength(1);
  });

  it('finds an appointment, an e-consult and a reschedule the same way', async () => {
    const server = makeServer({ VSEE_TIMEOUT_MS: String(TIMEOUT_MS) });
    const b = browser(server);
    const intakeId = await guestWithIntake(b, 'appointment');
    const now = Date.now();
    const q = new URLSearchParams({ from: new Date(now).toISOString(), to: new Date(now + 14 * 86_400_000).toISOString(), intakeId });
    const { slots } = (await (await b.get(`/api/availability?${q}`)).json()) as { slots: { start: string; end: string }[] };
    await fault(server, { route: 'POST /visits', kind: 'malformed', body: 'text', times: 1 });
    const res = await b.post('/api/appointments', { intakeId, ...slots[0]! }, { 'Idempotency-Key': newKey() });
    expect(res.status).toBe(201);
    const appt = visit.parse(await res.json());
    expect(appt.start).toBe(slots[0]!.start);
    expect(visitsFor(server, intakeId)).toHaveLength(1);

    await fault(server, { route: 'POST /visits/:id', kind: 'latency', ms: 2000, processed: true, times: 1 });
    const moved = await b.post(`/api/visits/${appt.id}/reschedule`, slots[5]!, { 'Idempotency-Key': newKey() });
    expect(moved.status).toBe(200);
    expect(visit.parse(await moved.json()).start).toBe(slots[5]!.start);

    const ec = ((await (await b.post('/api/intakes', { kind: 'econsult', reason: 'A question', state: 'CA' })).json()) as { id: string }).id;
    await fault(server, { route: 'POST /visits/add_econsult', kind: 'error', status: 504, processed: true, times: 1 });
    const e = await b.post('/api/econsults', { intakeId: ec }, { 'Idempotency-Key': newKey() });
    expect(e.status).toBe(201);
    expect(visit.parse(await e.json()).kind).toBe('econsult');
    expect(visitsFor(server, ec)).toHaveLength(1);
  });

  it('a double click while the first request runs gets 409, and only one visit is made', async () => {
    const server = makeServer({ VSEE_TIMEOUT_MS: '3000' });
    const b = browser(server);
    const intakeId = await guestWithIntake(b, 'walkin');
    await fault(server, { route: 'POST /visits/add_walkin', kind: 'latency', ms: 300 });
    const key = newKey();
    const [one, two] = await Promise.all([walkin(b, intakeId, key), new Promise((r) => setTimeout(r, 50)).then(() => walkin(b, intakeId, key))]);
    expect([one.status, two.status].sort()).toEqual([201, 409]);
    expect(visitsFor(server, intakeId)).toHaveLength(1);
  });
});

describe('over real HTTP (the proxy configured with VSEE_API_BASE)', () => {
  let vsee: RunningServer;
  beforeAll(async () => {
    vsee = await startServer(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }));
  });
  afterAll(async () => vsee?.close());

  /** A fresh proxy each time: the clinic answer is cached for a minute. */
  function makeProxy(): Pick<TestServer, 'app'> {
    const base = `http://127.0.0.1:${vsee.port}/sandbox/`;
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      VSEE_API_BASE: `${base}api_v3/`,
      VSEE_ACCOUNT_CODE: 'demo',
      VSEE_API_KEY: 'sandbox-api-key',
      VSEE_API_SECRET: 'sandbox-api-secret',
      VSEE_PORTAL_URL: `${base}vc/`,
      VSEE_ROOM_CODE: 'sandbox',
      SESSION_SECRET: 'h'.repeat(32),
      VSEE_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    return createApp({ config, log: createLogger('silent'), clientDir: '/nonexistent' });
  }

  const sandboxControl = (spec: FaultSpec) =>
    fetch(`http://127.0.0.1:${vsee.port}/sandbox/control/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(spec),
    });

  it('has no sandbox of its own', async () => {
    expect((await makeProxy().app.request('/sandbox/control/faults', { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('a redirect → upstream_unavailable: it is not followed, though its target would answer', async () => {
    // Once: were the proxy to follow it, the target (the same endpoint) would answer normally.
    const target = `http://127.0.0.1:${vsee.port}/sandbox/api_v3/rooms/sandbox`;
    expect((await sandboxControl({ route: 'GET /rooms/:code', kind: 'redirect', location: target, times: 1 })).status).toBe(201);
    const t0 = Date.now();
    await expectUnavailable(await browser(makeProxy()).get('/api/clinic'), t0);
    expect((await browser(makeProxy()).get('/api/clinic')).status).toBe(200);
  });

  it.each([
    ['a connection reset (socket destroyed)', { kind: 'reset' as const }],
    ['a hang', { kind: 'hang' as const, ms: 5000 }],
    ['a non-JSON answer', { kind: 'malformed' as const }],
    ['a 502 from a gateway', { kind: 'error' as const, status: 502 }],
  ])('%s → upstream_unavailable in bounded time', async (_name, kind) => {
    const res = await sandboxControl({ route: 'GET /rooms/:code', ...kind });
    expect(res.status).toBe(201);
    const t0 = Date.now();
    await expectUnavailable(await browser(makeProxy()).get('/api/clinic'), t0);
    await fetch(`http://127.0.0.1:${vsee.port}/sandbox/control/faults`, { method: 'DELETE' });
    expect((await browser(makeProxy()).get('/api/clinic')).status).toBe(200);
  });
});
