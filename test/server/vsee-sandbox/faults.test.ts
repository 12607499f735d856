import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';
import { startServer } from '../../../server/main';
import { SANDBOX } from '../../../server/vsee-sandbox/credentials';
import { createSandbox } from '../../../server/vsee-sandbox/index';
import { makeServer } from '../../support/server';
import { setup, type Raw } from './support';

const ROOM = '/api_v3/rooms/sandbox';

describe('fault injection control', () => {
  it('adds, lists and clears faults', async () => {
    const t = setup();
    const add = await t.control('/faults', { route: 'GET /rooms/:code', kind: 'error', status: 500 });
    expect(add.status).toBe(201);
    const listed: Raw = await (await t.request('/control/faults')).json();
    expect(listed.data.faults).toEqual([{ route: 'GET /rooms/:code', kind: 'error', status: 500, remaining: null }]);
    expect((await t.request(ROOM)).status).toBe(500);

    expect((await t.request('/control/faults', { method: 'DELETE' })).status).toBe(204);
    expect((await t.request(ROOM)).status).toBe(200);
    expect(((await (await t.request('/control/faults')).json()) as Raw).data.faults).toEqual([]);
  });

  it('takes one fault, a list, or {faults: [...]}', async () => {
    const t = setup();
    expect((await t.control('/faults', [{ route: 'GET /rooms', kind: 'reset' }, { route: '* /visits/*', kind: 'hang' }])).status).toBe(201);
    expect((await t.control('/faults', { faults: [{ route: 'POST /intakes', kind: 'malformed', body: 'shape' }] })).status).toBe(201);
    expect(t.sandbox.faults.list().map((f) => f.route)).toEqual(['GET /rooms', '* /visits/*', 'POST /intakes']);
  });

  it.each([
    ['not JSON', 'nope'],
    ['an unknown kind', { route: 'GET /rooms', kind: 'explode' }],
    ['a route without a method', { route: '/rooms', kind: 'reset' }],
    ['an unknown field', { route: 'GET /rooms', kind: 'reset', sometimes: true }],
    ['an error status below 400', { route: 'GET /rooms', kind: 'error', status: 302 }],
    ['a redirect status outside 3xx', { route: 'GET /rooms', kind: 'redirect', status: 500 }],
    ['a rate above 1', { route: 'GET /rooms', kind: 'reset', rate: 2 }],
  ])('refuses %s with 400', async (_name, body) => {
    const t = setup();
    const res = await t.request('/control/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Raw).message).toMatch(/fault|JSON/i);
    expect(t.sandbox.faults.list()).toEqual([]);
  });
});

describe('fault matching', () => {
  it('matches the method and path pattern, with or without .json and a query, and nothing else', async () => {
    const t = setup();
    await t.control('/faults', { route: 'GET /rooms/:code', kind: 'error', status: 418 });
    expect((await t.request(ROOM)).status).toBe(418);
    expect((await t.request(`${ROOM}.json?x=1`)).status).toBe(418);
    expect((await t.request('/api_v3/rooms')).status).toBe(200);
    expect((await t.request(`${ROOM}/providers`)).status).toBe(200);
    expect((await t.request(ROOM, { method: 'POST' })).status).not.toBe(418);
  });

  it('"*" matches any method and the rest of a path', async () => {
    const t = setup();
    await t.control('/faults', { route: '* /rooms/*', kind: 'error', status: 503 });
    expect((await t.request(`${ROOM}/providers`)).status).toBe(503);
    expect((await t.request(ROOM)).status).toBe(503);
    expect((await t.request('/api_v3/rooms')).status).toBe(200);
  });

  it('applies `times` faults that many times, then drops them', async () => {
    const t = setup();
    await t.control('/faults', { route: 'GET /rooms/:code', kind: 'error', times: 2 });
    expect((await t.request(ROOM)).status).toBe(503);
    expect(t.sandbox.faults.list()[0]?.remaining).toBe(1);
    expect((await t.request(ROOM)).status).toBe(503);
    expect((await t.request(ROOM)).status).toBe(200);
    expect(t.sandbox.faults.list()).toEqual([]);
  });

  it('applies a fault at its error rate', async () => {
    const rolls = [0.1, 0.9, 0.4, 0.6];
    const sandbox = createSandbox({ random: () => rolls.shift() ?? 0 });
    sandbox.faults.add([{ route: 'GET /rooms/:code', kind: 'error', rate: 0.5 }]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await sandbox.app.request(ROOM)).status);
    expect(statuses).toEqual([503, 200, 503, 200]);
  });

  it('only applies to the API, not to the portal or the controls', async () => {
    const t = setup();
    await t.control('/faults', { route: '* /*', kind: 'error' });
    expect((await t.request(ROOM)).status).toBe(503);
    expect((await t.request('/vc/providers/dashboard')).status).toBe(200);
    expect((await t.request('/control/state')).status).toBe(200);
  });

  it('survives POST /control/reset (faults are settings, not state)', async () => {
    const t = setup();
    await t.control('/faults', { route: 'GET /rooms/:code', kind: 'error' });
    await t.control('/reset');
    expect((await t.request(ROOM)).status).toBe(503);
  });
});

describe('fault kinds', () => {
  it('error: VSee’s error envelope with the given status, and the work is not done', async () => {
    const t = setup();
    const { token } = await t.sso();
    const intakeId = await t.intake(token);
    await t.control('/faults', { route: 'POST /visits/add_walkin', kind: 'error', status: 500 });
    const res = await t.post('/visits/add_walkin', token, { intake_id: intakeId, room_code: SANDBOX.roomCode });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ code: 500, message: 'Sandbox fault: the service is failing.' });
    expect([...t.sandbox.store.visits.values()].filter((v) => v.intakeId === intakeId)).toEqual([]);
  });

  it('latency: the work is done, then the answer waits', async () => {
    const t = setup();
    const { token } = await t.sso();
    const intakeId = await t.intake(token);
    await t.control('/faults', { route: 'POST /visits/add_walkin', kind: 'latency', ms: 150 });
    const t0 = Date.now();
    const pending = t.post('/visits/add_walkin', token, { intake_id: intakeId, room_code: SANDBOX.roomCode });
    await new Promise((r) => setTimeout(r, 50));
    expect([...t.sandbox.store.visits.values()].filter((v) => v.intakeId === intakeId)).toHaveLength(1);
    const res = await pending;
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
  });

  it('latency with processed: false: the request waits before it is handled', async () => {
    const t = setup();
    const { token } = await t.sso();
    const intakeId = await t.intake(token);
    await t.control('/faults', { route: 'POST /visits/add_walkin', kind: 'latency', ms: 150, processed: false });
    const pending = t.post('/visits/add_walkin', token, { intake_id: intakeId, room_code: SANDBOX.roomCode });
    await new Promise((r) => setTimeout(r, 50));
    expect([...t.sandbox.store.visits.values()].filter((v) => v.intakeId === intakeId)).toHaveLength(0);
    expect((await pending).status).toBe(200);
  });

  it('malformed: not JSON, or JSON of the wrong shape', async () => {
    const t = setup();
    await t.control('/faults', { route: 'GET /rooms/:code', kind: 'malformed', times: 1 });
    const text = await t.request(ROOM);
    expect(text.headers.get('content-type')).toMatch(/text\/html/);
    await expect(text.clone().json()).rejects.toThrow();
    await t.control('/faults', { route: 'GET /rooms/:code', kind: 'malformed', body: 'shape', times: 1 });
    const shape: Raw = await (await t.request(ROOM)).json();
    expect(typeof shape.data).toBe('string');
  });

  it('redirect: a 3xx with a Location', async () => {
    const t = setup();
    await t.control('/faults', { route: 'GET /rooms/:code', kind: 'redirect', status: 307, location: 'https://elsewhere.example/x' });
    const res = await t.request(ROOM);
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('https://elsewhere.example/x');
  });

  it('reset: the in-process fetch rejects the way fetch does on a dropped connection', async () => {
    const sandbox = createSandbox();
    sandbox.faults.add([{ route: 'GET /rooms/:code', kind: 'reset' }]);
    const err = await sandbox.fetch(new Request(`http://sandbox.internal${ROOM}`)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TypeError);
    expect((err as TypeError).cause).toMatchObject({ code: 'ECONNRESET' });
    sandbox.faults.clear();
    expect((await sandbox.fetch(new Request(`http://sandbox.internal${ROOM}`))).status).toBe(200);
  });

  it('hang: no answer until the caller gives up', async () => {
    const sandbox = createSandbox();
    sandbox.faults.add([{ route: 'GET /rooms/:code', kind: 'hang' }]);
    const t0 = Date.now();
    const res = sandbox.fetch(new Request(`http://sandbox.internal${ROOM}`, { signal: AbortSignal.timeout(200) }));
    await expect(res).rejects.toThrow();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
  });
});

describe('over real HTTP', () => {
  it('reset destroys the socket, hang holds it open until the client gives up', async () => {
    const running = await startServer(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }));
    try {
      const url = `http://127.0.0.1:${running.port}/sandbox${ROOM}`;
      const control = (body: unknown) =>
        fetch(`http://127.0.0.1:${running.port}/sandbox/control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await control({ route: 'GET /rooms/:code', kind: 'reset', times: 1 })).status).toBe(201);
      const reset = await fetch(url).then(() => null, (e: unknown) => e);
      expect(reset).toBeInstanceOf(TypeError);
      expect((await fetch(url)).status).toBe(200);

      expect((await control({ route: 'GET /rooms/:code', kind: 'hang', times: 1 })).status).toBe(201);
      const t0 = Date.now();
      const hung = await fetch(url, { signal: AbortSignal.timeout(300) }).then(() => null, (e: unknown) => e);
      expect((hung as Error).name).toBe('TimeoutError');
      expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
      expect((await fetch(url)).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});

describe('SANDBOX_FAULTS', () => {
  it('injects faults from the start', async () => {
    const server = makeServer({ SANDBOX_FAULTS: JSON.stringify([{ route: 'GET /rooms/:code', kind: 'error', status: 502 }]) });
    expect((await server.app.request(`/sandbox${ROOM}`)).status).toBe(502);
    expect((await server.app.request('/api/clinic')).status).toBe(502);
  });

  it('is checked at start, naming the variable', () => {
    expect(() => loadConfig({ SANDBOX_FAULTS: 'not json' })).toThrow(/^SANDBOX_FAULTS: must be JSON/);
    expect(() => loadConfig({ SANDBOX_FAULTS: '{"route":"GET /x","kind":"boom"}' })).toThrow(/^SANDBOX_FAULTS:/);
    expect(loadConfig({ SANDBOX_FAULTS: '{"faults":[{"route":"GET /x","kind":"reset"}]}' }).sandboxFaults).toEqual([{ route: 'GET /x', kind: 'reset' }]);
  });

  it('is refused with a real VSee (the sandbox, and so its faults, is never mounted then)', () => {
    const real = {
      VSEE_API_BASE: 'https://api.vsee.me/api_v3/',
      VSEE_ACCOUNT_CODE: 'vclinic',
      VSEE_API_KEY: 'k',
      VSEE_API_SECRET: 's',
      VSEE_PORTAL_URL: 'https://vclinic.vseepreview.com/vc/next/',
      VSEE_ROOM_CODE: 'room1',
      SESSION_SECRET: 'x'.repeat(32),
    };
    expect(() => loadConfig({ ...real, SANDBOX_FAULTS: '[]' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...real, SANDBOX_FAULTS: '[]' })).toThrow(/^SANDBOX_FAULTS: only in sandbox mode/);
  });
});

// The host mounts the sandbox under /sandbox; the fault middleware sees API paths relative to /api_v3.
describe('mounted elsewhere', () => {
  it('matches routes relative to the API base whatever the mount path', async () => {
    const sandbox = createSandbox({ basePath: '/vsee' });
    const host = new Hono().route('/vsee', sandbox.app);
    sandbox.faults.add([{ route: 'GET /rooms/:code', kind: 'error' }]);
    expect((await host.request(`/vsee${ROOM}`)).status).toBe(503);
  });
});
