import { describe, expect, it } from 'vitest';
import { apiError, session, sessionState } from '../../../src/api/contract';
import { browser, makeServer, PATIENT, type Browser } from '../../support/server';

/** GET /api/session: always a 200; whether someone is signed in is in the body. */
async function signedIn(b: Browser): Promise<boolean> {
  const res = await b.get('/api/session');
  expect(res.status).toBe(200);
  return sessionState.parse(await res.json()).signedIn;
}

describe('guest session', () => {
  it('sets one encrypted __Host- cookie with the attributes an embedded iframe needs, and no token in the body', async () => {
    const server = makeServer();
    const b = browser(server);
    const res = await b.post('/api/session/guest', PATIENT);
    expect(res.status).toBe(201);
    const text = await res.text();
    const body = session.parse(JSON.parse(text));
    expect(body).toMatchObject({ firstName: PATIENT.firstName, lastName: PATIENT.lastName });
    expect(Object.keys(JSON.parse(text)).sort()).toEqual(['expiresAt', 'firstName', 'lastName']);

    const cookies = res.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    const c = cookies[0]!;
    expect(c).toMatch(/^__Host-frontdesk=/);
    for (const attr of ['Path=/', 'Secure', 'HttpOnly', 'SameSite=None', 'Partitioned']) expect(c).toContain(attr);
    expect(c).not.toMatch(/Domain=/i);
    // The cookie is a JWE (5 parts), so neither the name nor the token can be read from it.
    const value = c.split(';')[0]!.split('=')[1]!;
    expect(value.split('.')).toHaveLength(5);
    expect(value).not.toContain(PATIENT.firstName);
  });

  it('answers who is signed in — nobody is a 200, not an error — before sign-in and after sign-out', async () => {
    const b = browser(makeServer());
    const nobody = await b.get('/api/session');
    expect(nobody.status).toBe(200);
    expect(await nobody.json()).toEqual({ signedIn: false });
    await b.post('/api/session/guest', PATIENT);
    const me = sessionState.parse(await (await b.get('/api/session')).json());
    expect(me).toMatchObject({ signedIn: true, firstName: PATIENT.firstName, lastName: PATIENT.lastName });
    expect(session.parse(me).expiresAt).toMatch(/Z$/);
    expect((await b.del('/api/session')).status).toBe(204);
    expect(await signedIn(b)).toBe(false);
    // Still refused where a patient is needed.
    expect((await b.get('/api/visits')).status).toBe(401);
  });

  it('refuses bad details with a message per field and makes no VSee user', async () => {
    const server = makeServer();
    const b = browser(server);
    const before = server.sandbox.store.users.size;
    const res = await b.post('/api/session/guest', { ...PATIENT, email: 'not-an-email', dob: '2999-01-01' });
    expect(res.status).toBe(400);
    const err = apiError.parse(await res.json());
    expect(err.error.fields).toMatchObject({ email: expect.any(String), dob: expect.any(String) });
    expect(server.sandbox.store.users.size).toBe(before);
  });

  it('ignores a user code sent by the browser: every guest gets a new VSee user', async () => {
    const server = makeServer();
    const before = server.sandbox.store.users.size;
    await browser(server).post('/api/session/guest', { ...PATIENT, code: 'victim-code', member_id: '1' });
    await browser(server).post('/api/session/guest', { ...PATIENT, code: 'victim-code', member_id: '1' });
    expect(server.sandbox.store.users.size).toBe(before + 2);
    const codes = [...server.sandbox.store.users.values()].map((u) => u.code);
    expect(codes).not.toContain('victim-code');
  });

  it('ends after 15 idle minutes', async () => {
    const server = makeServer();
    const b = browser(server);
    await b.post('/api/session/guest', PATIENT);
    server.clock.now += 14 * 60_000;
    expect(await signedIn(b)).toBe(true);
    server.clock.now += 16 * 60_000;
    expect(await signedIn(b)).toBe(false);
  });

  it('re-seals an unchanged session at most once a minute, and a changed one at once', async () => {
    const server = makeServer();
    const b = browser(server);
    await b.post('/api/session/guest', PATIENT);
    const sealed = b.jar.get('__Host-frontdesk');
    const resealed = (res: Response) => res.headers.getSetCookie().some((c) => c.startsWith('__Host-frontdesk='));

    server.clock.now += 30_000;
    const poll = await b.get('/api/visits');
    expect(poll.status).toBe(200);
    expect(resealed(poll)).toBe(false); // a poll within the minute costs no encryption
    expect(b.jar.get('__Host-frontdesk')).toBe(sealed);

    // What the cookie holds changes (a new intake): sealed now, whatever the clock.
    const intake = await b.post('/api/intakes', { kind: 'walkin', reason: 'Sore throat for three days', state: 'CA' });
    expect(intake.status).toBe(201);
    expect(resealed(intake)).toBe(true);

    server.clock.now += 61_000;
    const later = await b.get('/api/session');
    expect(resealed(later)).toBe(true); // the idle clock moves on
  });

  it('a coarse idle clock ends a session early, never late', async () => {
    const server = makeServer();
    const b = browser(server);
    await b.post('/api/session/guest', PATIENT);
    server.clock.now += 50_000;
    expect(await signedIn(b)).toBe(true); // not re-sealed: the clock still says "used at sign-in"
    server.clock.now += 14 * 60_000 + 11_000; // 15 min 1 s after the seal, 14 min 11 s after the last use
    expect(await signedIn(b)).toBe(false);
  });

  it('ends after 2 hours even when used every 10 minutes', async () => {
    const server = makeServer();
    const b = browser(server);
    await b.post('/api/session/guest', PATIENT);
    for (let i = 0; i < 11; i++) {
      server.clock.now += 10 * 60_000;
      expect(await signedIn(b)).toBe(true);
    }
    server.clock.now += 10 * 60_000 + 1000;
    expect(await signedIn(b)).toBe(false);
  });

  it('treats a tampered cookie as no session', async () => {
    const b = browser(makeServer());
    await b.post('/api/session/guest', PATIENT);
    const v = b.jar.get('__Host-frontdesk')!;
    b.jar.set('__Host-frontdesk', v.slice(0, -4) + (v.endsWith('AAAA') ? 'BBBB' : 'AAAA'));
    expect(await signedIn(b)).toBe(false);
  });

  it('a cookie sealed by another server (other secret) is not accepted', async () => {
    const a = browser(makeServer({ SESSION_SECRET: 'a'.repeat(40) }));
    await a.post('/api/session/guest', PATIENT);
    const other = makeServer({ SESSION_SECRET: 'b'.repeat(40) });
    const b = browser(other);
    b.jar.set('__Host-frontdesk', a.jar.get('__Host-frontdesk')!);
    expect(await signedIn(b)).toBe(false);
  });

  it('refuses guest booking when the clinic turned it off', async () => {
    const b = browser(makeServer({ GUEST_BOOKING: 'false' }));
    const res = await b.post('/api/session/guest', PATIENT);
    expect(res.status).toBe(403);
    expect(apiError.parse(await res.json()).error.message).toMatch(/sign in/i);
  });
});
