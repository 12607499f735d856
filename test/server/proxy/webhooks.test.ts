/**
 * VSee's webhooks: `POST /webhooks/vsee/<secret>` — authenticated by the secret, parsed with zod in
 * both envelopes, idempotent by event id, answered before the work is done.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { loadConfig } from '../../../server/config';
import { createLogger } from '../../../server/proxy/logger';
import { createMemoryStore } from '../../../server/proxy/stores/memory';
import type { KvStore } from '../../../server/proxy/stores/store';
import type { VisitEvent } from '../../../server/proxy/webhooks/visit-events';
import type { Coverage } from '../../../src/api/contract';
import { browser, makeServer, PATIENT, type TestServer } from '../../support/server';

const SECRET = 'whsec_0123456789abcdefghijklmnopqrstuv';
const FIXTURES = join(import.meta.dirname, '../../fixtures/vsee');
const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>;

function post(server: Pick<TestServer, 'app'>, body: unknown, secret = SECRET, headers: Record<string, string> = {}) {
  return server.app.request(`/webhooks/vsee/${secret}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A patient whose primary card is being checked; answers the check's id and the member id. */
async function patientBeingChecked(server: TestServer) {
  const b = browser(server);
  expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
  expect((await b.post('/api/payment', { method: 'insurance', primary: { insurerId: 'car7556', memberId: 'M1' }, holder: { relation: 'self' } })).status).toBe(200);
  const check = [...server.sandbox.store.eligibility.values()].at(-1)!;
  server.sandbox.outbox.enabled = false; // the test plays VSee's deliveries itself
  const state = async () => ((await (await b.get('/api/coverage')).json()) as Coverage).cards[0]!.state;
  return { b, eligibilityId: check.id, memberId: check.userId, state };
}

const eligibilityEvent = (id: string, eligibilityId: string, memberId: string, response: string) => ({
  ...fixture('webhook-eligibility-checked'),
  id,
  account_code: 'demo',
  data: { eligibility_id: eligibilityId, member_id: memberId, eligibility_response: response, external_member_id: '5991794' },
});

describe('authentication', () => {
  it('a wrong or missing secret is a 404 and an audit event that does not carry the guess', async () => {
    const server = makeServer({ VSEE_WEBHOOK_SECRET: SECRET }, { logLevel: 'info' });
    const wrong = `${SECRET.slice(0, -1)}X`;
    for (const path of [`/webhooks/vsee/${wrong}`, '/webhooks/vsee/short', `/webhooks/vsee/${SECRET}x`]) {
      const res = await server.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fixture('webhook-eligibility-checked')) });
      expect(res.status, path).toBe(404);
    }
    expect((await server.app.request('/webhooks/vsee/', { method: 'POST', body: '{}' })).status).toBe(404);
    const refusals = server.logs.filter((l) => l.includes('"reason":"webhook_secret"'));
    expect(refusals).toHaveLength(3);
    expect(server.logs.join('\n')).not.toContain(wrong);
    expect(server.logs.join('\n')).not.toContain(SECRET);
  });

  it('with no VSEE_WEBHOOK_SECRET (a real VSee configured), the route does not exist', async () => {
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      VSEE_API_BASE: 'https://vsee.invalid/api_v3/',
      VSEE_ACCOUNT_CODE: 'clinic',
      VSEE_API_KEY: 'k',
      VSEE_API_SECRET: 's',
      VSEE_PORTAL_URL: 'https://clinic.invalid/vc/next/',
      VSEE_ROOM_CODE: 'room',
      SESSION_SECRET: 'x'.repeat(32),
    });
    expect(config.webhookSecret).toBeNull();
    const logs: string[] = [];
    const { app, webhooks } = createApp({ config, log: createLogger('info', { write: (l: string) => void logs.push(l) }), clientDir: '/nonexistent' });
    expect(webhooks).toBeNull();
    const res = await app.request('/webhooks/vsee/anything', { method: 'POST', body: JSON.stringify(fixture('webhook-eligibility-checked')) });
    expect(res.status).toBe(404);
    expect(logs.join('\n')).not.toContain('webhook');
  });

  it('refuses a secret that is too weak to be a URL secret', () => {
    expect(() => loadConfig({ VSEE_WEBHOOK_SECRET: 'short' })).toThrow(/VSEE_WEBHOOK_SECRET/);
  });
});

describe('eligibility.checked', () => {
  it('updates the patient’s coverage; a repeated delivery changes nothing', async () => {
    const server = makeServer({ VSEE_WEBHOOK_SECRET: SECRET });
    const p = await patientBeingChecked(server);
    expect(await p.state()).toBe('checking');
    const first = await post(server, eligibilityEvent('evt-1', p.eligibilityId, p.memberId, 'Inactive'));
    expect(first.status).toBe(200);
    await server.webhooks!.idle();
    expect(await p.state()).toBe('inactive');
    // Same id, other contents: a replay, not news.
    expect((await post(server, eligibilityEvent('evt-1', p.eligibilityId, p.memberId, 'Active Coverage'))).status).toBe(200);
    await server.webhooks!.idle();
    expect(await p.state()).toBe('inactive');
    // A new delivery does count.
    expect((await post(server, eligibilityEvent('evt-2', p.eligibilityId, p.memberId, 'Active Coverage'))).status).toBe(200);
    await server.webhooks!.idle();
    expect(await p.state()).toBe('active');
  });

  it('the seed’s own sample ("No response received by clearinghouse") reads as "couldn’t confirm"', async () => {
    const server = makeServer({ VSEE_WEBHOOK_SECRET: SECRET });
    const p = await patientBeingChecked(server);
    const sample = fixture('webhook-eligibility-checked') as { data: Record<string, string> };
    const res = await post(server, { ...sample, account_code: 'demo', data: { ...sample.data, eligibility_id: p.eligibilityId, member_id: p.memberId } });
    expect(res.status).toBe(200);
    await server.webhooks!.idle();
    expect(await p.state()).toBe('unknown');
  });

  it('a result for another member does not touch this patient', async () => {
    const server = makeServer({ VSEE_WEBHOOK_SECRET: SECRET });
    const p = await patientBeingChecked(server);
    await post(server, eligibilityEvent('evt-x', p.eligibilityId, '99999', 'Active Coverage'));
    await server.webhooks!.idle();
    expect(await p.state()).toBe('checking');
  });

  it('answers before the work is done (the 200 does not wait for the store)', async () => {
    const kv = createMemoryStore();
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const slowKv: KvStore = { ...kv, set: async (k, v, t) => (k.startsWith('elig:') ? held.then(() => kv.set(k, v, t)) : kv.set(k, v, t)) };
    const server = makeServer({ VSEE_WEBHOOK_SECRET: SECRET }, { kv: slowKv });
    const p = await patientBeingChecked(server);
    const res = await post(server, eligibilityEvent('evt-slow', p.eligibilityId, p.memberId, 'Active Coverage'));
    expect(res.status).toBe(200);
    expect(await p.state()).toBe('checking');
    release();
    await server.webhooks!.idle();
    expect(await p.state()).toBe('active');
  });

  it('in sandbox mode the sandbox delivers to this receiver by itself', async () => {
    const server = makeServer();
    const b = browser(server);
    await b.post('/api/session/guest', PATIENT);
    await b.post('/api/payment', { method: 'insurance', primary: { insurerId: 'car7147', memberId: 'C-12' }, holder: { relation: 'self' } });
    await server.sandbox.advance(10);
    await server.webhooks!.idle();
    expect(server.sandbox.outbox.deliveries.map((d) => d.status)).toEqual([200]);
    expect(((await (await b.get('/api/coverage')).json()) as Coverage).cards[0]!.state).toBe('inactive');
  });
});

describe('bad deliveries', () => {
  it('malformed, incomplete and oversized bodies get a 4xx and change nothing', async () => {
    const server = makeServer({ VSEE_WEBHOOK_SECRET: SECRET }, { logLevel: 'info' });
    const p = await patientBeingChecked(server);
    expect((await post(server, '{"id": "x", ')).status).toBe(400);
    expect((await post(server, '"just a string"')).status).toBe(400);
    expect((await post(server, { type: 'eligibility.checked', created: 1, data: {} })).status).toBe(400); // no id
    expect((await post(server, { id: 'e', type: 'eligibility.checked', created: 'yesterday', data: {} })).status).toBe(400);
    expect((await post(server, { id: 'e', type: 'eligibility.checked', created: 1, data: { member_id: p.memberId } })).status).toBe(400);
    expect((await post(server, { id: 'v', type: 'visit.ended', created: 1, data: { status: '40' } })).status).toBe(400);
    const big = eligibilityEvent('evt-big', p.eligibilityId, p.memberId, `Active Coverage ${'x'.repeat(70_000)}`);
    expect((await post(server, big)).status).toBe(413);
    await server.webhooks!.idle();
    expect(await p.state()).toBe('checking');
    expect(server.logs.filter((l) => l.includes('"audit":"refused"') && l.includes('webhook')).length).toBeGreaterThanOrEqual(7);
    // A refused delivery did not use up its id: fixed and sent again, it counts.
    expect((await post(server, eligibilityEvent('evt-big', p.eligibilityId, p.memberId, 'Active Coverage'))).status).toBe(200);
    await server.webhooks!.idle();
    expect(await p.state()).toBe('active');
  });

  it('an unknown event type is acknowledged and ignored', async () => {
    const server = makeServer({ VSEE_WEBHOOK_SECRET: SECRET });
    const seen: VisitEvent[] = [];
    server.visitEvents.onEvent((e) => seen.push(e));
    const res = await post(server, { id: 'u-1', type: 'user.created', created: 1546950556, account_code: 'demo', data: { id: '5' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true });
    await server.webhooks!.idle();
    expect(seen).toEqual([]);
  });

  it('an event for another clinic account is acknowledged and ignored', async () => {
    const server = makeServer({ VSEE_WEBHOOK_SECRET: SECRET });
    const p = await patientBeingChecked(server);
    const res = await post(server, { ...eligibilityEvent('evt-o', p.eligibilityId, p.memberId, 'Active Coverage'), account_code: 'someone-else' });
    expect(res.status).toBe(200);
    await server.webhooks!.idle();
    expect(await p.state()).toBe('checking');
  });

  it('fails closed when the shared store is down: 503, so VSee can deliver again', async () => {
    const kv = createMemoryStore();
    const broken: KvStore = { ...kv, setIfAbsent: async (k, v, t) => (k.startsWith('whk:') ? Promise.reject(new Error('down')) : kv.setIfAbsent(k, v, t)) };
    const server = makeServer({ VSEE_WEBHOOK_SECRET: SECRET }, { kv: broken });
    expect((await post(server, { id: 'z', type: 'user.created', created: 1, data: {} })).status).toBe(503);
  });
});

describe('visit.* events (v1 and v2)', () => {
  it('records both envelopes in the product’s words and tells listeners', async () => {
    const server = makeServer({ VSEE_WEBHOOK_SECRET: SECRET });
    const seen: VisitEvent[] = [];
    const stop = server.visitEvents.onEvent((e) => seen.push(e));
    const v1 = { ...fixture('webhook-visit-ended-v1'), account_code: 'demo' };
    expect((await post(server, v1)).status).toBe(200);
    await server.webhooks!.idle();
    expect(seen).toEqual([
      { id: '5c34979c-30dc-496c-8cd3-6eb9925862c1', type: 'visit.ended', visitId: '28540', memberId: '60610', status: 'completed', at: 1546950556000, version: '1' },
    ]);
    const v2 = { ...fixture('webhook-visit-ended-v2'), clinic_code: 'demo', created: 1546950600 };
    expect((await post(server, v2)).status).toBe(200);
    await server.webhooks!.idle();
    expect(seen[1]).toMatchObject({ visitId: '28540', status: 'cancelled', version: '2', at: 1546950600000 });
    expect(await server.visitEvents.latest('28540')).toMatchObject({ status: 'cancelled', version: '2' });
    // Replayed: no second call to listeners.
    expect((await post(server, v2)).status).toBe(200);
    await server.webhooks!.idle();
    expect(seen).toHaveLength(2);
    stop();
  });

  it('an older event arriving late does not replace the newer one', async () => {
    const server = makeServer({ VSEE_WEBHOOK_SECRET: SECRET });
    const base = { type: 'visit.updated', account_code: 'demo', data: { id: '77', member_id: '1', start: '1', end: '2' } };
    await post(server, { ...base, id: 'n', created: 2000, data: { ...base.data, status: '30' } });
    await post(server, { ...base, id: 'o', created: 1000, data: { ...base.data, status: '20' } });
    await server.webhooks!.idle();
    expect(await server.visitEvents.latest('77')).toMatchObject({ id: 'n', status: 'in_progress' });
  });
});
