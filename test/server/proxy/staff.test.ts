/**
 * Provider launch (VSee provider use case 1): a launch token with `frontdesk_role: "provider"`
 * opens a provider session — a kind of its own — whose only use is the handoff to the provider's
 * VSee dashboard. Every way a patient token, a forged role or a patient's cookie could become a
 * provider session (or the reverse) fails.
 */
import { SignJWT, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { staffHandoff, staffSession, staffSessionState } from '../../../src/api/staff-contract';
import { signLaunchToken } from '../../../server/demo-host/sign-launch-token';
import { browser, makeServer, PATIENT, type TestServer } from '../../support/server';

const SECRET = 'launch-secret-for-tests-0123456789abcdef';
const ISSUER = 'https://health.example';
const AUDIENCE = 'http://localhost:8080';
const ENV = { LAUNCH_SECRET: SECRET, LAUNCH_ISSUER: ISSUER, LAUNCH_AUDIENCE: AUDIENCE, EMBED_ORIGINS: ISSUER };
const SAM = { sub: 'rh-provider-17', givenName: 'Sam', familyName: 'Patel', email: 'sam.patel@health.example' };
const opts = { secret: SECRET, issuer: ISSUER, audience: AUDIENCE };

const providerToken = (over: Partial<Parameters<typeof signLaunchToken>[1]> = {}) => signLaunchToken(SAM, { ...opts, role: 'provider', ...over });
const patientToken = () => signLaunchToken({ sub: 'rh-patient-9', givenName: 'Jordan', familyName: 'Rivera' }, opts);
const nowS = () => Math.floor(Date.now() / 1000);
const claims = (over: JWTPayload = {}): JWTPayload => ({
  sub: SAM.sub, given_name: 'Sam', family_name: 'Patel', iss: ISSUER, aud: AUDIENCE, exp: nowS() + 120, jti: `jti-${Math.random()}`, frontdesk_role: 'provider', ...over,
});
const custom = (c: JWTPayload) => new SignJWT(c).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));

async function launchProvider(server: TestServer) {
  const b = browser(server);
  const res = await b.post('/api/staff/launch', { token: await providerToken() });
  expect(res.status).toBe(201);
  return b;
}

describe('provider launch', () => {
  it('signs the provider in at VSee as a provider (type 400, code = sub) in a session of its own', async () => {
    const server = makeServer(ENV);
    const b = browser(server);
    const res = await b.post('/api/staff/launch', { token: await providerToken() });
    expect(res.status).toBe(201);
    expect(staffSession.parse(await res.json())).toMatchObject({ firstName: 'Sam', lastName: 'Patel' });
    expect(res.headers.getSetCookie().join('\n')).toMatch(/__Host-frontdesk-staff=[^;]+;.*HttpOnly.*Secure|__Host-frontdesk-staff=[^;]+;.*Secure.*HttpOnly/);
    expect(server.sandbox.store.userByCode(SAM.sub)).toMatchObject({ type: 400, firstName: 'Sam', lastName: 'Patel' });
    expect(b.jar.has('__Host-frontdesk')).toBe(false);
    expect(staffSessionState.parse(await (await b.get('/api/staff/session')).json())).toMatchObject({ signedIn: true, firstName: 'Sam' });
  });

  it('hands the provider off to their VSee dashboard with a token minted just then', async () => {
    const server = makeServer(ENV);
    const b = await launchProvider(server);
    const { url } = staffHandoff.parse(await (await b.post('/api/staff/handoff')).json());
    const u = new URL(url);
    expect(`${u.origin}${u.pathname}`).toBe(`${server.config.vsee.portalUrl}auth`);
    expect(u.searchParams.get('next')).toBe('/providers/dashboard');
    expect(u.searchParams.has('disable_navigation')).toBe(false);
    // The sandbox portal signs the provider in and shows their own dashboard.
    const signIn = await server.app.request(`${u.pathname}${u.search}`);
    expect(signIn.status).toBe(302);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const page = await (await server.app.request(signIn.headers.get('location')!, { headers: { cookie } })).text();
    expect(page).toContain('<h1>Provider dashboard</h1>');
    expect(page).toContain('Signed in as Sam Patel.');
    // A second handoff has a token of its own.
    const again = staffHandoff.parse(await (await b.post('/api/staff/handoff')).json());
    expect(new URL(again.url).searchParams.get('sso_token')).not.toBe(u.searchParams.get('sso_token'));
  });

  it('adds disable_navigation=1 when the clinic configures it', async () => {
    const server = makeServer({ ...ENV, VSEE_DISABLE_NAVIGATION: 'true' });
    const b = await launchProvider(server);
    const { url } = staffHandoff.parse(await (await b.post('/api/staff/handoff')).json());
    expect(new URL(url).searchParams.get('disable_navigation')).toBe('1');
  });

  it('signs out: the session is revoked, so a copy of the cookie no longer works', async () => {
    const server = makeServer(ENV);
    const b = await launchProvider(server);
    const copy = b.jar.get('__Host-frontdesk-staff')!;
    expect((await b.del('/api/staff/session')).status).toBe(204);
    expect(await (await b.get('/api/staff/session')).json()).toEqual({ signedIn: false });
    const thief = browser(server);
    thief.jar.set('__Host-frontdesk-staff', copy);
    expect(await (await thief.get('/api/staff/session')).json()).toEqual({ signedIn: false });
    expect((await thief.post('/api/staff/handoff')).status).toBe(401);
  });
});

describe('a patient token or a forged role never opens a provider session', () => {
  it.each([
    ['a patient token (no role)', () => patientToken()],
    ['role "patient"', () => custom(claims({ frontdesk_role: 'patient' }))],
    ['a made-up role', () => custom(claims({ frontdesk_role: 'admin' }))],
    ['a role that is not a string', () => custom(claims({ frontdesk_role: ['provider'] }))],
    ['a provider token for another audience', () => providerToken({ audience: 'https://elsewhere.example' })],
    ['a provider token from another issuer', () => providerToken({ issuer: 'https://evil.example' })],
    ['a provider token living longer than 5 minutes', () => providerToken({ ttlSeconds: 3600 })],
    ['a provider token signed with another secret', () => providerToken({ secret: 'another-secret-0123456789abcdef-xyz' })],
    ['a patient token whose role was edited in', async () => {
      const [h, p, s] = (await patientToken()).split('.');
      const c = JSON.parse(Buffer.from(p!, 'base64url').toString()) as JWTPayload;
      return `${h}.${Buffer.from(JSON.stringify({ ...c, frontdesk_role: 'provider' })).toString('base64url')}.${s}`;
    }],
  ])('refuses %s with 401 and no session', async (_name, make) => {
    const server = makeServer(ENV);
    const b = browser(server);
    const res = await b.post('/api/staff/launch', { token: await make() });
    expect(res.status).toBe(401);
    expect(b.jar.size).toBe(0);
    expect([...server.sandbox.store.users.values()].filter((u) => u.type === 400 && u.code.startsWith('rh-'))).toEqual([]);
  });

  it('refuses a provider token used twice', async () => {
    const server = makeServer(ENV);
    const token = await providerToken();
    expect((await browser(server).post('/api/staff/launch', { token })).status).toBe(201);
    expect((await browser(server).post('/api/staff/launch', { token })).status).toBe(401);
  });

  it('never turns a provider token into a patient session', async () => {
    const server = makeServer(ENV);
    const b = browser(server);
    const res = await b.post('/api/session/launch', { token: await providerToken() });
    expect(res.status).toBe(401);
    expect(b.jar.size).toBe(0);
    expect(server.sandbox.store.userByCode(SAM.sub)).toBeUndefined();
  });
});

describe('the two kinds of session stay apart on every call', () => {
  it('a provider session reaches nothing of the patient API, and cannot start a patient session', async () => {
    const server = makeServer(ENV);
    const b = await launchProvider(server);
    expect(await (await b.get('/api/session')).json()).toEqual({ signedIn: false });
    expect((await b.get('/api/visits')).status).toBe(401);
    expect((await b.post('/api/intakes', { kind: 'walkin', reason: 'x', state: 'CA' })).status).toBe(401);
    expect((await b.post('/api/handoff', { target: 'dashboard' })).status).toBe(401);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(403);
    expect((await b.post('/api/session/launch', { token: await patientToken() })).status).toBe(403);
  });

  it('a patient session reaches nothing of the staff API', async () => {
    const server = makeServer(ENV);
    const b = browser(server);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    expect(await (await b.get('/api/staff/session')).json()).toEqual({ signedIn: false });
    expect((await b.post('/api/staff/handoff')).status).toBe(401);
  });

  it('a patient cookie put under the provider cookie name (or the reverse) is not a session', async () => {
    const server = makeServer(ENV);
    const patient = browser(server);
    await patient.post('/api/session/guest', PATIENT);
    const provider = await launchProvider(server);
    const swapped = browser(server);
    swapped.jar.set('__Host-frontdesk-staff', patient.jar.get('__Host-frontdesk')!);
    expect(await (await swapped.get('/api/staff/session')).json()).toEqual({ signedIn: false });
    expect((await swapped.post('/api/staff/handoff')).status).toBe(401);
    const swapped2 = browser(server);
    swapped2.jar.set('__Host-frontdesk', provider.jar.get('__Host-frontdesk-staff')!);
    expect(await (await swapped2.get('/api/session')).json()).toEqual({ signedIn: false });
    expect((await swapped2.get('/api/visits')).status).toBe(401);
  });

  it('a provider launch ends a patient session in the same browser', async () => {
    const server = makeServer(ENV);
    const b = browser(server);
    expect((await b.post('/api/session/launch', { token: await patientToken() })).status).toBe(201);
    expect(b.jar.has('__Host-frontdesk')).toBe(true);
    expect((await b.post('/api/staff/launch', { token: await providerToken() })).status).toBe(201);
    expect(b.jar.has('__Host-frontdesk')).toBe(false);
    expect(await (await b.get('/api/session')).json()).toEqual({ signedIn: false });
  });

  it('needs the CSRF header like every state-changing call', async () => {
    const server = makeServer(ENV);
    const b = browser(server);
    const res = await b.request('POST', '/api/staff/launch', { token: await providerToken() }, { 'X-Frontdesk': '0' });
    expect(res.status).toBe(403);
  });
});
