/**
 * A shared store that stalls (connected but silent) or fails: every call is bounded by
 * REDIS_TIMEOUT_MS and each use keeps its stated failure mode — limits let requests through,
 * bookings, launches, session checks and sign-outs are refused — in bounded time, never a hang.
 * (The same with a real redis-server under SIGSTOP: test/fault/.)
 */
import { describe, expect, it } from 'vitest';
import { apiError } from '../../../src/api/contract';
import { signLaunchToken } from '../../../server/demo-host/sign-launch-token';
import { createMemoryStore } from '../../../server/proxy/stores/memory';
import type { KvStore } from '../../../server/proxy/stores/store';
import { browser, guestWithIntake, makeServer, newKey, PATIENT } from '../../support/server';

const BOUND_MS = 150;

/** A store that answers normally until `stall()`, then never again (or fails, with `fail()`). */
function faultyStore() {
  const kv = createMemoryStore();
  let mode: 'ok' | 'stall' | 'fail' = 'ok';
  const wrap =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    (...a: A): Promise<R> =>
      mode === 'ok' ? f(...a) : mode === 'stall' ? new Promise<R>(() => {}) : Promise.reject(new Error('ECONNRESET'));
  const store: KvStore = {
    setIfAbsent: wrap(kv.setIfAbsent),
    get: wrap(kv.get),
    set: wrap(kv.set),
    del: wrap(kv.del),
    swap: wrap(kv.swap),
    incr: wrap(kv.incr),
    ready: () => mode === 'ok',
    close: kv.close,
  };
  return { store, stall: () => void (mode = 'stall'), fail: () => void (mode = 'fail'), heal: () => void (mode = 'ok') };
}

async function timed(p: Promise<Response>) {
  const t0 = Date.now();
  const res = await p;
  return { res, ms: Date.now() - t0 };
}

describe.each(['stall', 'fail'] as const)('a shared store that starts to %s', (how) => {
  const env = { REDIS_TIMEOUT_MS: '100', LOG_LEVEL: 'silent' };

  it('rate limits fail open: a guest still signs in (the store only counts it), promptly', async () => {
    const faulty = faultyStore();
    const server = makeServer(env, { kv: faulty.store });
    faulty[how]();
    const { res, ms } = await timed(browser(server).post('/api/session/guest', PATIENT));
    expect(res.status).toBe(201);
    expect(ms).toBeLessThan(BOUND_MS * 3);
  });

  it('session checks fail closed: 503 with Retry-After, promptly, and the patient is not signed out', async () => {
    const faulty = faultyStore();
    const server = makeServer(env, { kv: faulty.store });
    const b = browser(server);
    await b.post('/api/session/guest', PATIENT);
    faulty[how]();
    const { res, ms } = await timed(b.get('/api/visits'));
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(ms).toBeLessThan(BOUND_MS * 3);
    expect(res.headers.getSetCookie()).toEqual([]); // the cookie is kept
    faulty.heal();
    expect((await b.get('/api/visits')).status).toBe(200);
  });

  it('sign-out fails closed: 503 and the cookie is kept, so it can be tried again', async () => {
    const faulty = faultyStore();
    const server = makeServer(env, { kv: faulty.store });
    const b = browser(server);
    await b.post('/api/session/guest', PATIENT);
    faulty[how]();
    const { res, ms } = await timed(b.del('/api/session'));
    expect(res.status).toBe(503);
    expect(ms).toBeLessThan(BOUND_MS * 3);
    faulty.heal();
    expect((await b.del('/api/session')).status).toBe(204);
    expect(await (await b.get('/api/session')).json()).toEqual({ signedIn: false });
  });

  it('bookings fail closed: no visit is made without its guard', async () => {
    const faulty = faultyStore();
    const server = makeServer(env, { kv: faulty.store });
    const b = browser(server);
    const intakeId = await guestWithIntake(b, 'walkin');
    // Revocation checks pass (read before the stall); the booking's own store calls do not.
    const sessions = server.sandbox.store.visits.size;
    const real = faulty.store.get;
    faulty.store.get = (key) => (key.startsWith('rev:') ? Promise.resolve(null) : real(key));
    faulty[how]();
    const { res, ms } = await timed(b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() }));
    expect(res.status).toBe(503);
    expect(apiError.parse(await res.json()).error.code).toBe('upstream_unavailable');
    expect(ms).toBeLessThan(BOUND_MS * 3);
    expect(server.sandbox.store.visits.size).toBe(sessions);
  });

  it('launch replay checks fail closed', async () => {
    const secret = 'k'.repeat(40);
    const launchEnv = { ...env, LAUNCH_SECRET: secret, LAUNCH_ISSUER: 'https://health.example', LAUNCH_AUDIENCE: 'http://localhost:8080' };
    const faulty = faultyStore();
    const server = makeServer(launchEnv, { kv: faulty.store });
    faulty[how]();
    const token = await signLaunchToken({ sub: 'rh-9', givenName: 'Jo', familyName: 'Ng' }, { secret, issuer: launchEnv.LAUNCH_ISSUER, audience: launchEnv.LAUNCH_AUDIENCE });
    const { res, ms } = await timed(browser(server).post('/api/session/launch', { token }));
    expect(res.status).toBe(503);
    expect(ms).toBeLessThan(BOUND_MS * 3);
  });
});
