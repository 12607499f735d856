/**
 * The metrics that only move with webhooks and waiting rooms: webhook deliveries by outcome, the
 * patients waiting right now (a waiting room that polled in the last 30 s), and how long walk-ins
 * waited — seen by VSee's visit.updated webhook or by the poll that first finds the visit started,
 * counted once either way. Labels never carry an id.
 */
import { describe, expect, it } from 'vitest';
import { WAITING_WINDOW_MS } from '../../../server/ops/metrics';
import { createMemoryStore } from '../../../server/proxy/stores/memory';
import type { KvStore } from '../../../server/proxy/stores/store';
import { browser, newKey, PATIENT } from '../../support/server';
import { opsServer } from './support';

const TOKEN = 'metrics-token-for-tests-0123456789';
const SECRET = 'whsec_0123456789abcdefghijklmnopqrstuv';

type Sample = { name: string; labels: Record<string, string>; value: number };
function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`unparsable sample: ${line}`);
      const labels: Record<string, string> = {};
      for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}
const value = (all: Sample[], name: string, labels: Record<string, string> = {}) =>
  all.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);

type Server = ReturnType<typeof opsServer>;
async function scrape(server: Server) {
  const res = await server.app.request('/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, all: samples(text) };
}

function deliver(server: Server, body: unknown, secret = SECRET) {
  return server.app.request(`/webhooks/vsee/${secret}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const visitUpdated = (id: string, visitId: string, status: string, at: number) => ({
  version: '2.0',
  id,
  type: 'visit.updated',
  created: Math.floor(at / 1000),
  clinic_code: 'demo',
  data: { id: visitId, member_id: '1', status },
});

async function joinQueue(server: Server, firstName: string) {
  const b = browser(server);
  expect((await b.post('/api/session/guest', { ...PATIENT, firstName })).status).toBe(201);
  const intake = (await (await b.post('/api/intakes', { kind: 'walkin', reason: 'Cough', state: 'CA' })).json()) as { id: string };
  const res = await b.post('/api/walkins', { intakeId: intake.id }, { 'Idempotency-Key': newKey() });
  expect(res.status).toBe(201);
  const visit = (await res.json()) as { id: string; start: string };
  return { b, visit, poll: async () => (await b.get(`/api/visits/${visit.id}`)).json() as Promise<{ status: string }> };
}

describe('frontdesk_webhook_deliveries_total', () => {
  it('counts each delivery by outcome: accepted, duplicate, invalid, rejected, unavailable — and no label names the event', async () => {
    const kv = createMemoryStore();
    let storeDown = false;
    const flaky: KvStore = { ...kv, setIfAbsent: (...a) => (storeDown ? Promise.reject(new Error('down')) : kv.setIfAbsent(...a)) };
    const server = opsServer({ METRICS_TOKEN: TOKEN, VSEE_WEBHOOK_SECRET: SECRET }, { kv: flaky });
    const event = visitUpdated('evt-5c34979c-30dc-496c-8cd3-6eb9925862c1', '28540', 'in_progress', Date.now());
    expect((await deliver(server, event)).status).toBe(200);
    expect((await deliver(server, event)).status).toBe(200); // VSee redelivers
    expect((await deliver(server, { ...event, id: 'evt-second' })).status).toBe(200);
    expect((await deliver(server, 'not json')).status).toBe(400);
    expect((await deliver(server, { id: 'x' })).status).toBe(400);
    expect((await deliver(server, { ...event, id: 'evt-no-visit', data: {} })).status).toBe(400);
    expect((await deliver(server, event, `${SECRET.slice(0, -1)}X`)).status).toBe(404);
    expect((await deliver(server, { ...event, id: 'evt-big', pad: 'x'.repeat(70 * 1024) })).status).toBe(413);
    storeDown = true;
    expect((await deliver(server, { ...event, id: 'evt-store-down' })).status).toBe(503);
    await server.webhooks!.idle();

    const { text, all } = await scrape(server);
    const count = (outcome: string) => value(all, 'frontdesk_webhook_deliveries_total', { source: 'vsee', outcome });
    expect({ accepted: count('accepted'), duplicate: count('duplicate'), invalid: count('invalid'), rejected: count('rejected'), unavailable: count('unavailable') }).toEqual({
      accepted: 2,
      duplicate: 1,
      invalid: 3,
      rejected: 2,
      unavailable: 1,
    });
    // Names and labels only: a sample's value (memory, CPU time) may hold any digits, the visit id's too.
    const namesAndLabels = text.split('\n').map((line) => (line.startsWith('#') ? line : line.slice(0, line.lastIndexOf(' '))));
    for (const secret of [SECRET, 'evt-5c34979c', 'evt-second', '28540']) expect(namesAndLabels.join('\n')).not.toContain(secret);
  });
});

describe('frontdesk_waiting_patients and frontdesk_queue_wait_seconds', () => {
  it('count waiting rooms polled in the last 30 s, and each walk-in’s wait once — from the webhook or the first poll that sees it start', async () => {
    const server = opsServer({ METRICS_TOKEN: TOKEN, VSEE_WEBHOOK_SECRET: SECRET, RATE_LIMIT_SESSIONS: '0' });
    const waitingNow = async () => value((await scrape(server)).all, 'frontdesk_waiting_patients');
    const waits = async () => {
      const { all } = await scrape(server);
      return { count: value(all, 'frontdesk_queue_wait_seconds_count'), sum: value(all, 'frontdesk_queue_wait_seconds_sum') };
    };
    expect(await waitingNow()).toBe(0);

    const maya = await joinQueue(server, 'Maya');
    const ben = await joinQueue(server, 'Ben');
    expect(await waitingNow()).toBe(2); // both just joined
    // Across polls: still 2 while both waiting rooms keep asking every few seconds…
    for (let i = 0; i < 4; i++) {
      server.clock.now += 10_000;
      expect(['pending', 'confirmed']).toContain((await maya.poll()).status);
      expect(['pending', 'confirmed']).toContain((await ben.poll()).status);
      expect(await waitingNow()).toBe(2);
    }
    // …and Maya's tab is closed: after 30 s without a poll she no longer counts.
    server.clock.now += WAITING_WINDOW_MS - 1000;
    await ben.poll();
    expect(await waitingNow()).toBe(2);
    server.clock.now += 2000;
    await ben.poll();
    expect(await waitingNow()).toBe(1);

    // Ben's provider starts his visit; VSee says so by webhook before his next poll.
    const joinedAt = Date.parse(ben.visit.start);
    expect((await server.app.request(`/sandbox/vc/providers/visits/${ben.visit.id}/start`, { method: 'POST' })).status).toBe(303);
    const startedAt = server.clock.now;
    expect((await deliver(server, visitUpdated('evt-ben-started', ben.visit.id, 'in_progress', startedAt))).status).toBe(200);
    await server.webhooks!.idle();
    await expect.poll(waits).toEqual({ count: 1, sum: Math.floor(startedAt / 1000) - joinedAt / 1000 });
    expect(await waitingNow()).toBe(0);
    // His waiting room's next poll sees it started too: not a second wait.
    server.clock.now += 5000;
    expect((await ben.poll()).status).toBe('in_progress');
    expect((await waits()).count).toBe(1);

    // Maya comes back; her visit starts with no webhook: the poll that first sees it counts her wait.
    await maya.poll();
    expect(await waitingNow()).toBe(1);
    expect((await server.app.request(`/sandbox/vc/providers/visits/${maya.visit.id}/start`, { method: 'POST' })).status).toBe(303);
    server.clock.now += 5000;
    expect((await maya.poll()).status).toBe('in_progress');
    const w = await waits();
    expect(w.count).toBe(2);
    expect(await waitingNow()).toBe(0);
    await maya.poll();
    expect((await waits()).count).toBe(2);

    // A webhook about a visit this proxy never booked: nothing to measure.
    expect((await deliver(server, visitUpdated('evt-stranger', '99999', 'in_progress', server.clock.now))).status).toBe(200);
    await server.webhooks!.idle();
    expect((await waits()).count).toBe(2);

    const { text } = await scrape(server);
    for (const id of [maya.visit.id, ben.visit.id, 'evt-ben-started']) expect(text).not.toContain(`"${id}"`);
    expect(text).toMatch(/^# HELP frontdesk_waiting_patients .*Per process/m);
  });
});

describe('counting never holds an answer', () => {
  it('a stalled store delays a walk-in booking by REDIS_TIMEOUT_MS at most, not until it answers', async () => {
    const kv = createMemoryStore();
    const stalled = (key: string) => key.startsWith('stats:walkin:') || key.startsWith('stats:waited:');
    const hanging: KvStore = {
      ...kv,
      set: (key, ...rest) => (stalled(key) ? new Promise(() => {}) : kv.set(key, ...rest)),
      setIfAbsent: (key, ...rest) => (stalled(key) ? new Promise(() => {}) : kv.setIfAbsent(key, ...rest)),
    };
    const server = opsServer({ METRICS_TOKEN: TOKEN, REDIS_TIMEOUT_MS: '100' }, { kv: hanging });
    const t0 = performance.now();
    const { poll } = await joinQueue(server, 'Maya');
    expect(['pending', 'confirmed']).toContain((await poll()).status);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
