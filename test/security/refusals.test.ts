/**
 * One test per refusal #10 added: hidden characters in names, the sandbox controls from another
 * site or under a foreign Host, a read flood, a replayed launch on a copy whose clock is behind,
 * and what a 413 does to the connection.
 */
import { signLaunchToken } from '../../server/demo-host/sign-launch-token';
import { describe, expect, it } from 'vitest';
import { apiError } from '../../src/api/contract';
import { createMemoryStore } from '../../server/proxy/stores/memory';
import { browser, joinWalkin, makeServer, PATIENT } from '../support/server';

describe('names', () => {
  // Each would look like someone else, or hide text, in the provider's list.
  const HIDDEN = {
    'a right-to-left override': 'Amara\u202EfokaO',
    'a zero-width space': 'Dr.\u200BAmara',
    'a zero-width joiner': 'Ok\u200Dafor',
    'a control character': 'Amara\u0007',
    'a line separator': 'Amara\u2028Okafor',
    'a byte-order mark inside': 'Ama\uFEFFra',
  };

  it.each(Object.entries(HIDDEN))('with %s are refused for guests, with a message for the field', async (_name, value) => {
    const server = makeServer();
    const users = server.sandbox.store.users.size;
    const res = await browser(server).post('/api/session/guest', { ...PATIENT, lastName: value });
    expect(res.status).toBe(400);
    expect(apiError.parse(await res.json()).error.fields).toHaveProperty('lastName');
    expect(server.sandbox.store.users.size).toBe(users);
  });

  it('accented letters, apostrophes and hyphens are fine (the control)', async () => {
    const res = await browser(makeServer()).post('/api/session/guest', { ...PATIENT, firstName: 'José-María', lastName: 'O’Brien Núñez' });
    expect(res.status).toBe(201);
  });

  it('with hidden characters in a launch token are refused too', async () => {
    const secret = 's'.repeat(40);
    const env = { LAUNCH_SECRET: secret, LAUNCH_ISSUER: 'https://health.example', LAUNCH_AUDIENCE: 'http://localhost:8080' };
    const token = await signLaunchToken(
      { sub: 'rh-1', givenName: 'Amara\u202E', familyName: 'Okafor' },
      { secret, issuer: env.LAUNCH_ISSUER, audience: env.LAUNCH_AUDIENCE },
    );
    expect((await browser(makeServer(env)).post('/api/session/launch', { token })).status).toBe(401);
  });
});

describe('the sandbox controls', () => {
  const post = (server: ReturnType<typeof makeServer>, path: string, headers: Record<string, string>) =>
    server.app.request(`http://localhost:8080/sandbox/control${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });

  it('refuse a cross-site post (a page elsewhere resetting the clinic)', async () => {
    const server = makeServer();
    const b = browser(server);
    const v = await joinWalkin(b);
    const attempts: Record<string, string>[] = [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'null' }];
    for (const headers of attempts) {
      expect((await post(server, '/reset', headers)).status).toBe(403);
      expect((await post(server, '/faults', headers)).status).toBe(403);
    }
    expect(server.sandbox.store.visits.has(v.id)).toBe(true); // nothing was reset
    expect(server.sandbox.faults.list()).toEqual([]);
  });

  it('refuse a foreign Host (DNS rebinding), reads included', async () => {
    const server = makeServer();
    const res = await server.app.request('http://evil.example/sandbox/control/state', { headers: { Host: 'evil.example' } });
    expect(res.status).toBe(403);
    expect((await post(server, '/reset', { Host: 'rebind.evil.example:8080' })).status).toBe(403);
  });

  it('answer this machine’s own tools (the control)', async () => {
    const server = makeServer();
    expect((await post(server, '/reset', {})).status).toBe(204);
    expect((await post(server, '/reset', { Origin: 'http://localhost:8080', 'Sec-Fetch-Site': 'same-origin' })).status).toBe(204);
    expect((await server.app.request('http://127.0.0.1:9999/sandbox/control/state')).status).toBe(200);
  });
});

describe('a read flood', () => {
  it('from one session → 429 after RATE_LIMIT_READS, with few VSee calls before it', async () => {
    const server = makeServer({ RATE_LIMIT_READS: '50', VISIT_CACHE_MS: '2000' });
    const b = browser(server);
    const v = await joinWalkin(b);
    let vseeCalls = 0;
    const real = server.sandbox.fetch;
    server.sandbox.fetch = (req: Request) => {
      vseeCalls += 1;
      return real(req);
    };
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await b.get(`/api/visits/${v.id}`)).status);
    expect(statuses.slice(0, 50).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(50)).toEqual(Array(10).fill(429));
    // The per-member cache: 50 reads on one visit within its time → one VSee call.
    expect(vseeCalls).toBeLessThanOrEqual(2);
  });

  it('from one address across many sessions → 429 after RATE_LIMIT_READS_PER_ADDRESS', async () => {
    const server = makeServer({ RATE_LIMIT_READS_PER_ADDRESS: '20', RATE_LIMIT_SESSIONS: '0' });
    const statuses: number[] = [];
    for (let s = 0; s < 5; s++) {
      const b = browser(server, undefined, { address: '2001:db8:7:7::' + (s + 1) }); // one /64, five addresses
      await b.post('/api/session/guest', PATIENT);
      for (let i = 0; i < 5; i++) statuses.push((await b.get('/api/visits')).status);
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });
});

describe('a replayed launch token', () => {
  it('is refused on a copy of the proxy whose clock is 20 s behind, after the first copy’s view of exp', async () => {
    const secret = 'l'.repeat(40);
    const env = { LAUNCH_SECRET: secret, LAUNCH_ISSUER: 'https://health.example', LAUNCH_AUDIENCE: 'http://localhost:8080' };
    const real = { now: Date.now() };
    const kv = createMemoryStore(() => real.now); // the shared store keeps real time
    const ahead = makeServer(env, { kv });
    const behind = makeServer(env, { kv });
    const tick = (ms: number) => {
      real.now += ms;
      ahead.clock.now = real.now;
      behind.clock.now = real.now - 20_000;
    };
    tick(0);
    const token = await signLaunchToken(
      { sub: 'rh-2', givenName: 'Jo', familyName: 'Ng' },
      { secret, issuer: env.LAUNCH_ISSUER, audience: env.LAUNCH_AUDIENCE, ttlSeconds: 60, now: real.now },
    );
    expect((await browser(ahead).post('/api/session/launch', { token })).status).toBe(201);
    // 71 s on: expired by real time (a record kept "until exp" by `ahead` is gone), but `behind`
    // still takes the token as valid for another 9 s.
    tick(71_000);
    const res = await browser(behind).post('/api/session/launch', { token });
    expect(res.status).toBe(401);
  });
});

describe('ownership', () => {
  it('a visit VSee answers without member_id is nobody’s: 404, not shown (fail closed)', async () => {
    const server = makeServer();
    const b = browser(server);
    const v = await joinWalkin(b);
    expect((await b.get(`/api/visits/${v.id}`)).status).toBe(200); // the control
    const real = server.sandbox.fetch;
    server.sandbox.fetch = async (req: Request) => {
      const res = await real(req);
      if (req.method !== 'GET' || !new URL(req.url).pathname.endsWith(`/visits/${v.id}`)) return res;
      const body = (await res.json()) as { data: Record<string, unknown> };
      delete body.data.member_id;
      return new Response(JSON.stringify(body), { status: res.status, headers: { 'Content-Type': 'application/json' } });
    };
    expect((await b.get(`/api/visits/${v.id}`)).status).toBe(404);
    expect((await b.post('/api/handoff', { target: 'visit', visitId: v.id })).status).toBe(404);
  });
});

describe('Cross-Origin-Resource-Policy', () => {
  it('is same-origin on /api and /sandbox answers, errors included; cross-origin only on embed.js', async () => {
    const server = makeServer();
    for (const path of ['/api/clinic', '/api/session', '/api/nothing', '/sandbox/api_v3/rooms/sandbox', '/sandbox/vc/providers/dashboard', '/sandbox/control/state']) {
      expect((await server.app.request(path)).headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
    }
  });
});

describe('a body over the size limit', () => {
  it('gets 413 and Connection: close (the rest of it is never read)', async () => {
    const res = await browser(makeServer()).post('/api/session/guest', { ...PATIENT, firstName: 'x'.repeat(20_000) });
    expect(res.status).toBe(413);
    expect(res.headers.get('Connection')).toBe('close');
  });
});

describe('session starts behind a load balancer', () => {
  it('launches are also counted per patient of the host, whatever address they come from', async () => {
    const secret = 'p'.repeat(40);
    const env = { LAUNCH_SECRET: secret, LAUNCH_ISSUER: 'https://health.example', LAUNCH_AUDIENCE: 'http://localhost:8080', RATE_LIMIT_SESSIONS: '5' };
    const server = makeServer(env);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const token = await signLaunchToken({ sub: 'rh-flood', givenName: 'Jo', familyName: 'Ng' }, { secret, issuer: env.LAUNCH_ISSUER, audience: env.LAUNCH_AUDIENCE });
      statuses.push((await browser(server, undefined, { address: `198.51.100.${i + 1}` }).post('/api/session/launch', { token })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    // Another patient of the host is not held back by it.
    const other = await signLaunchToken({ sub: 'rh-other', givenName: 'Al', familyName: 'Ko' }, { secret, issuer: env.LAUNCH_ISSUER, audience: env.LAUNCH_AUDIENCE });
    expect((await browser(server, undefined, { address: '198.51.100.99' }).post('/api/session/launch', { token: other })).status).toBe(201);
  });

  it('IPv6 addresses are counted per /64', async () => {
    const server = makeServer({ RATE_LIMIT_SESSIONS: '3' });
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) statuses.push((await browser(server, undefined, { address: `2001:db8:aa:bb::${i}` }).post('/api/session/guest', PATIENT)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect((await browser(server, undefined, { address: '2001:db8:aa:bc::1' }).post('/api/session/guest', PATIENT)).status).toBe(201);
  });
});
