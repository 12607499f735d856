import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { apiError } from '../../../src/api/contract';
import { loadConfig } from '../../../server/config';
import { clientAddress, parseTrustProxy, UNKNOWN_ADDRESS, type TrustProxy } from '../../../server/proxy/client-address';
import { browser, makeServer, PATIENT } from '../../support/server';

/** What clientAddress() says for a request from `socket` carrying `xff`. */
async function addressOf(trust: TrustProxy, socket: string | null, xff?: string) {
  const app = new Hono().get('/', (c) => c.text(clientAddress(c, trust)));
  const env = socket ? { incoming: { socket: { remoteAddress: socket } } } : undefined;
  return (await app.request('/', { headers: xff ? { 'X-Forwarded-For': xff } : {} }, env)).text();
}

describe('client address', () => {
  it('by default is the socket’s, whatever X-Forwarded-For says', async () => {
    const none = parseTrustProxy(undefined);
    expect(await addressOf(none, '203.0.113.5', '198.51.100.1')).toBe('203.0.113.5');
    expect(await addressOf(none, '::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(await addressOf(parseTrustProxy('false'), '203.0.113.5', '198.51.100.1')).toBe('203.0.113.5');
  });

  it('without a socket (app.request) is one shared "unknown" client', async () => {
    expect(await addressOf(parseTrustProxy('1'), null, '198.51.100.1')).toBe(UNKNOWN_ADDRESS);
  });

  it('with a number of hops, takes the entry the nearest trusted proxy appended', async () => {
    const one = parseTrustProxy('1');
    expect(await addressOf(one, '10.0.0.2', '6.6.6.6, 198.51.100.1')).toBe('198.51.100.1');
    expect(await addressOf(one, '10.0.0.2')).toBe('10.0.0.2');
    const two = parseTrustProxy('2');
    expect(await addressOf(two, '10.0.0.2', '6.6.6.6, 198.51.100.1, 10.0.0.9')).toBe('198.51.100.1');
    expect(await addressOf(one, '10.0.0.2', 'garbage')).toBe('10.0.0.2');
  });

  it('with a list, walks back past the trusted proxies to the first address that is not one', async () => {
    const list = parseTrustProxy('10.0.0.0/8, 192.0.2.7');
    expect(await addressOf(list, '10.1.2.3', '6.6.6.6, 198.51.100.1, 192.0.2.7')).toBe('198.51.100.1');
    // A socket that is not a trusted proxy: its header means nothing.
    expect(await addressOf(list, '203.0.113.5', '198.51.100.1')).toBe('203.0.113.5');
    expect(await addressOf(parseTrustProxy('loopback'), '127.0.0.1', '198.51.100.1')).toBe('198.51.100.1');
    expect(await addressOf(parseTrustProxy('loopback'), '::1', '2001:db8::1')).toBe('2001:db8::1');
  });

  it('TRUST_PROXY is checked at start', () => {
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/^TRUST_PROXY:/);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/^TRUST_PROXY:/);
    expect(() => loadConfig({ TRUST_PROXY: '99' })).toThrow(/^TRUST_PROXY:/);
    expect(loadConfig({}).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ kind: 'hops', hops: 2 });
  });
});

const guest = (n: number) => ({ ...PATIENT, firstName: `Guest${n}` });

describe('session creation limit (per client address)', () => {
  it('answers 429 rate_limited with Retry-After past the limit, per address, until the window ends', async () => {
    const server = makeServer({ RATE_LIMIT_SESSIONS: '3', RATE_LIMIT_WINDOW_SECONDS: '600' });
    const a = browser(server, undefined, { address: '203.0.113.5' });
    for (let i = 0; i < 3; i++) expect((await a.post('/api/session/guest', guest(i))).status).toBe(201);
    const refused = await a.post('/api/session/guest', guest(4));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(590);
    expect(Number(refused.headers.get('Retry-After'))).toBeLessThanOrEqual(600);
    expect(refused.headers.get('Cache-Control')).toBe('no-store');
    expect(apiError.parse(await refused.json()).error.code).toBe('rate_limited');
    // The launch route shares the counter (each attempt is counted before the token is read).
    expect((await a.post('/api/session/launch', { token: 'x' })).status).toBe(429);

    const other = browser(server, undefined, { address: '203.0.113.6' });
    expect((await other.post('/api/session/guest', guest(5))).status).toBe(201);

    server.clock.now += 601_000;
    expect((await a.post('/api/session/guest', guest(6))).status).toBe(201);
  });

  it('cannot be dodged with a made-up X-Forwarded-For when no proxy is trusted', async () => {
    const server = makeServer({ RATE_LIMIT_SESSIONS: '2' });
    const a = browser(server, undefined, { address: '203.0.113.5' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await a.post('/api/session/guest', guest(i), { 'X-Forwarded-For': `198.51.100.${i}` })).status);
    expect(statuses).toEqual([201, 201, 429, 429]);
  });

  it('counts each client behind a trusted proxy apart', async () => {
    const server = makeServer({ RATE_LIMIT_SESSIONS: '1', TRUST_PROXY: '1' });
    const lb = browser(server, undefined, { address: '10.0.0.2' });
    expect((await lb.post('/api/session/guest', guest(1), { 'X-Forwarded-For': '198.51.100.1' })).status).toBe(201);
    expect((await lb.post('/api/session/guest', guest(2), { 'X-Forwarded-For': '198.51.100.2' })).status).toBe(201);
    expect((await lb.post('/api/session/guest', guest(3), { 'X-Forwarded-For': '198.51.100.1' })).status).toBe(429);
  });

  it('is off at 0', async () => {
    const server = makeServer({ RATE_LIMIT_SESSIONS: '0' });
    const a = browser(server);
    for (let i = 0; i < 25; i++) expect((await a.post('/api/session/guest', guest(i))).status).toBe(201);
  });

  it('defaults to 20 per 10 minutes', () => {
    expect(loadConfig({}).rateLimits).toEqual({ sessions: 20, mutations: 60, reads: 600, readsPerAddress: 6000, admin: 300, windowMs: 600_000 });
  });
});

describe('mutation limit (per session)', () => {
  it('answers 429 past the limit for this patient only; reads are not counted', async () => {
    const server = makeServer({ RATE_LIMIT_MUTATIONS: '3' });
    const a = browser(server);
    expect((await a.post('/api/session/guest', PATIENT)).status).toBe(201);
    const intake = { kind: 'walkin', reason: 'Cough', state: 'CA' };
    for (let i = 0; i < 3; i++) expect((await a.post('/api/intakes', intake)).status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await a.get('/api/visits')).status).toBe(200);
    const refused = await a.post('/api/intakes', intake);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(apiError.parse(await refused.json()).error.code).toBe('rate_limited');
    expect((await a.post('/api/handoff', { target: 'dashboard' })).status).toBe(429);

    const b = browser(server);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    expect((await b.post('/api/intakes', intake)).status).toBe(201);

    server.clock.now += 600_000;
    expect((await a.post('/api/intakes', intake)).status).toBe(201);
  });
});
