import { describe, expect, it } from 'vitest';
import { startServer } from '../../../server/main';
import { loadConfig } from '../../../server/config';
import { createMemoryStore } from '../../../server/proxy/stores/memory';
import { safeLabel } from '../../../server/ops/metrics';
import { vseeEndpoint } from '../../../server/ops/instrument';
import { browser, newKey, PATIENT } from '../../support/server';
import { opsServer } from './support';

const TOKEN = 'metrics-token-for-tests-0123456789';
const auth = { Authorization: `Bearer ${TOKEN}` };

type Sample = { name: string; labels: Record<string, string>; value: number };
/** The exposition format's sample lines, parsed (enough for our own metrics). */
function samples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`unparsable sample: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}
const value = (all: Sample[], name: string, labels: Record<string, string> = {}) =>
  all.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);

async function scrape(app: { request: (p: string, i?: RequestInit) => Response | Promise<Response> }) {
  const res = await app.request('/metrics', { headers: auth });
  expect(res.status).toBe(200);
  return res.text();
}

describe('GET /metrics', () => {
  it('is not served without METRICS_TOKEN or METRICS_PORT', async () => {
    const { app } = opsServer();
    expect((await app.request('/metrics')).status).toBe(404);
  });

  it('wants the bearer token', async () => {
    const { app } = opsServer({ METRICS_TOKEN: TOKEN });
    expect((await app.request('/metrics')).status).toBe(401);
    expect((await app.request('/metrics', { headers: { Authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await app.request('/metrics', { headers: { Authorization: TOKEN } })).status).toBe(401);
    const ok = await app.request('/metrics', { headers: auth });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Content-Type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(ok.headers.get('Cache-Control')).toBe('no-store');
    const text = await ok.text();
    // Node's default process metrics are there too.
    expect(text).toMatch(/^frontdesk_process_cpu_seconds_total /m);
    expect(text).toMatch(/^frontdesk_nodejs_eventloop_lag_seconds /m);
  });

  it('counts a scripted booking day by route pattern, vendor endpoint, kind and outcome — and no label carries an id or PHI', async () => {
    const server = opsServer({ METRICS_TOKEN: TOKEN, RATE_LIMIT_SESSIONS: '3' });
    const { app } = server;
    // Maya books a walk-in and retries the same request (a replay, not a second visit).
    const maya = browser(server);
    expect((await maya.post('/api/session/guest', PATIENT)).status).toBe(201);
    const intake = (await (await maya.post('/api/intakes', { kind: 'walkin', reason: 'Cough for a week', state: 'CA', phone: PATIENT.phone })).json()) as { id: string };
    const key = newKey();
    const w = await maya.post('/api/walkins', { intakeId: intake.id }, { 'Idempotency-Key': key });
    expect(w.status).toBe(201);
    const walkin = (await w.json()) as { id: string };
    expect((await maya.post('/api/walkins', { intakeId: intake.id }, { 'Idempotency-Key': key })).status).toBe(201);
    expect((await maya.get(`/api/visits/${walkin.id}`)).status).toBe(200);
    // Another patient books an appointment; a third one's is refused (an intake that is not theirs).
    const ben = browser(server);
    expect((await ben.post('/api/session/guest', { ...PATIENT, firstName: 'Ben' })).status).toBe(201);
    const i2 = (await (await ben.post('/api/intakes', { kind: 'appointment', reason: 'Rash', state: 'CA' })).json()) as { id: string };
    const from = new Date(server.clock.now + 24 * 3600_000).toISOString();
    const to = new Date(server.clock.now + 8 * 24 * 3600_000).toISOString();
    const av = (await (await ben.get(`/api/availability?from=${from}&to=${to}&intakeId=${i2.id}`)).json()) as { slots: { start: string; end: string }[] };
    const slot = av.slots[0]!;
    expect((await ben.post('/api/appointments', { intakeId: i2.id, start: slot.start, end: slot.end }, { 'Idempotency-Key': newKey() })).status).toBe(201);
    const cy = browser(server);
    expect((await cy.post('/api/session/guest', PATIENT)).status).toBe(201);
    expect((await cy.post('/api/walkins', { intakeId: intake.id }, { 'Idempotency-Key': newKey() })).status).toBe(404);
    // A fourth session start from the same address is over the limit.
    expect((await browser(server).post('/api/session/guest', PATIENT)).status).toBe(429);

    const text = await scrape(app);
    const all = samples(text);
    expect(value(all, 'frontdesk_bookings_total', { kind: 'walkin', outcome: 'booked' })).toBe(1);
    expect(value(all, 'frontdesk_bookings_total', { kind: 'appointment', outcome: 'booked' })).toBe(1);
    expect(value(all, 'frontdesk_bookings_total', { kind: 'walkin', outcome: 'refused' })).toBe(1);
    expect(value(all, 'frontdesk_idempotent_replays_total', { route: '/api/walkins' })).toBe(1);
    expect(value(all, 'frontdesk_booking_funnel_total', { step: 'started' })).toBe(3);
    expect(value(all, 'frontdesk_booking_funnel_total', { step: 'details' })).toBe(2);
    expect(value(all, 'frontdesk_booking_funnel_total', { step: 'time_chosen' })).toBe(3);
    expect(value(all, 'frontdesk_booking_funnel_total', { step: 'booked' })).toBe(2);
    expect(value(all, 'frontdesk_rate_limited_total', { route: '/api/session/guest' })).toBe(1);
    expect(value(all, 'frontdesk_http_requests_total', { route: '/api/visits/:id', method: 'GET', status: '200' })).toBe(1);
    expect(value(all, 'frontdesk_http_request_duration_seconds_count', { route: '/api/walkins', method: 'POST' })).toBe(3);
    expect(value(all, 'frontdesk_vendor_calls_total', { vendor: 'vsee', endpoint: 'POST users/sso', outcome: 'ok' })).toBe(3);
    expect(value(all, 'frontdesk_vendor_calls_total', { endpoint: 'GET visits/:id', outcome: 'ok' })).toBe(1);
    expect(value(all, 'frontdesk_vendor_call_duration_seconds_count', { endpoint: 'POST visits/add_walkin' })).toBe(1);
    expect(value(all, 'frontdesk_store_operation_duration_seconds_count', { op: 'incr' })).toBeGreaterThan(0);

    // No id, name, email, phone or reason anywhere in the scrape, labels or not.
    const member = [...server.sandbox.store.users.values()].at(-1)!.id;
    for (const secret of [walkin.id, intake.id, i2.id, String(member), PATIENT.email, PATIENT.lastName, PATIENT.phone, 'Cough for a week', key]) {
      expect(text).not.toContain(secret);
    }
    // Every label value of ours is a pattern or a word.
    for (const s of all.filter((x) => x.name.startsWith('frontdesk_') && !/process|nodejs/.test(x.name))) {
      for (const [k, v] of Object.entries(s.labels)) if (k !== 'le') expect(safeLabel(v), `${s.name} ${k}=${v}`).toBe(v);
    }
  });

  it('counts vendor outcomes: 5xx, timeout, ambiguous', async () => {
    const server = opsServer({ METRICS_TOKEN: TOKEN, VSEE_TIMEOUT_MS: '300', VSEE_RETRIES: '0' });
    const b = browser(server);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    server.sandbox.faults.add([{ route: 'POST /intakes', kind: 'error', status: 503, times: 1 }]);
    expect((await b.post('/api/intakes', { kind: 'walkin', reason: 'x', state: 'CA' })).status).toBe(502);
    server.sandbox.faults.add([{ route: 'POST /intakes', kind: 'latency', ms: 2000, times: 1 }]);
    expect((await b.post('/api/intakes', { kind: 'walkin', reason: 'x', state: 'CA' })).status).toBe(502);
    server.sandbox.faults.add([{ route: 'POST /intakes', kind: 'malformed', times: 1 }]);
    expect((await b.post('/api/intakes', { kind: 'walkin', reason: 'x', state: 'CA' })).status).toBe(502);
    const all = samples(await scrape(server.app));
    for (const outcome of ['5xx', 'timeout', 'ambiguous']) {
      expect(value(all, 'frontdesk_vendor_calls_total', { endpoint: 'POST intakes', outcome }), outcome).toBe(1);
    }
  });

  it('counts store errors', async () => {
    const kv = createMemoryStore();
    const server = opsServer({ METRICS_TOKEN: TOKEN }, { kv: { ...kv, incr: () => Promise.reject(new Error('down')) } });
    await browser(server).post('/api/session/guest', PATIENT); // the session limit fails open
    const all = samples(await scrape(server.app));
    expect(value(all, 'frontdesk_store_errors_total', { op: 'incr' })).toBeGreaterThan(0);
  });

  it('METRICS_PORT: served on its own port, not on the patients’ one', async () => {
    const running = await startServer(loadConfig({ PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'silent', DEMO_HOST_PORT: '0' }));
    try {
      expect(running.metricsPort).toBeGreaterThan(0);
      const there = await fetch(`http://127.0.0.1:${running.metricsPort}/metrics`);
      expect(there.status).toBe(200);
      expect(await there.text()).toMatch(/^# HELP frontdesk_http_requests_total/m);
      expect((await fetch(`http://127.0.0.1:${running.port}/metrics`)).status).toBe(404);
    } finally {
      await running.close();
    }
  });
});

describe('endpoint patterns', () => {
  it('keep VSee’s words and turn everything else into :id', () => {
    expect(vseeEndpoint('GET', 'visits/67258/exports/visit_summary.json')).toBe('GET visits/:id/exports/visit_summary');
    expect(vseeEndpoint('GET', 'rooms/sandbox')).toBe('GET rooms/:id');
    expect(vseeEndpoint('POST', '/users/sso')).toBe('POST users/sso');
    expect(vseeEndpoint('GET', 'visits/ada.quill@example.com?x=1')).toBe('GET visits/:id');
  });
  it('a label that could carry an id becomes "other"', () => {
    expect(safeLabel('/api/visits/:id')).toBe('/api/visits/:id');
    expect(safeLabel('/api/visits/67258')).toBe('other');
    expect(safeLabel('ada@example.com')).toBe('other');
  });
});
