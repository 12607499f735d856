/**
 * CLINIC_BACKEND=dexcare: its env block checked at start, DexCare's launch claims (decision 014)
 * verified and kept only in the encrypted session, the demo host and `npm run launch-token`
 * signing them, and a guest on frontdesk's own page given a sandbox patient.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { decodeJwt, jwtDecrypt } from 'jose';
import { describe, expect, it } from 'vitest';
import { session } from '../../../src/api/contract';
import { ConfigError, loadConfig } from '../../../server/config';
import { createDemoHost, DEMO_PATIENT, DEXCARE_DEMO_PATIENT } from '../../../server/demo-host';
import { signLaunchToken, type LaunchPatient } from '../../../server/demo-host/sign-launch-token';
import { SEED_DEPENDENT, SEED_GUARDIAN } from '../../../server/dexcare-sandbox/seed';
import { browser, makeServer, PATIENT } from '../../support/server';

const SECRET = 'launch-secret-for-tests-0123456789abcdef';
const SESSION_SECRET = 's'.repeat(40);
const ISSUER = 'https://health.example';
const AUDIENCE = 'http://localhost:8080';
const DEXCARE = { CLINIC_BACKEND: 'dexcare', LAUNCH_SECRET: SECRET, LAUNCH_ISSUER: ISSUER, LAUNCH_AUDIENCE: AUDIENCE, SESSION_SECRET };
const REAL_DEXCARE = {
  CLINIC_BACKEND: 'dexcare',
  DEXCARE_API_BASE: 'https://api.dexcare.example/',
  DEXCARE_PRACTICE_ID: '0cee700e-f4c1-4459-b390-263e4ded436c',
  DEXCARE_BRAND: 'acme',
  DEXCARE_WAITING_ROOM_URL: 'https://care.acme.example/',
  SESSION_SECRETS: 'x'.repeat(32),
  LAUNCH_SECRET: SECRET,
  LAUNCH_ISSUER: ISSUER,
};

const sign = (patient: LaunchPatient) => signLaunchToken(patient, { secret: SECRET, issuer: ISSUER, audience: AUDIENCE });

/** Opens the session cookie with the server's secret, as the proxy does. */
async function sessionIn(cookie: string) {
  const key = createHash('sha256').update(`frontdesk-session:${SESSION_SECRET}`).digest();
  return (await jwtDecrypt(cookie, key)).payload;
}

describe('CLINIC_BACKEND', () => {
  it('defaults to vsee; dexcare without DEXCARE_API_BASE runs the DexCare sandbox', () => {
    expect(loadConfig({}).clinicBackend).toBe('vsee');
    const c = loadConfig({ CLINIC_BACKEND: 'dexcare' });
    expect([c.clinicBackend, c.sandbox, c.dexcare.sandbox, c.guestBooking]).toEqual(['dexcare', true, true, true]);
    expect(() => loadConfig({ CLINIC_BACKEND: 'epic' })).toThrow(/^CLINIC_BACKEND: must be "vsee" or "dexcare"/);
  });

  it('a real DexCare needs its whole block, a session secret and a launch key, each named', () => {
    expect(loadConfig(REAL_DEXCARE)).toMatchObject({ clinicBackend: 'dexcare', sandbox: false, guestBooking: false, dexcare: { sandbox: false, practiceId: REAL_DEXCARE.DEXCARE_PRACTICE_ID } });
    for (const name of ['DEXCARE_PRACTICE_ID', 'DEXCARE_BRAND', 'DEXCARE_WAITING_ROOM_URL'] as const) {
      const env: Record<string, string> = { ...REAL_DEXCARE };
      delete env[name];
      expect(() => loadConfig(env)).toThrow(new RegExp(`^${name}: required when CLINIC_BACKEND is dexcare and DEXCARE_API_BASE is set`));
    }
    const noSecret: Record<string, string> = { ...REAL_DEXCARE };
    delete noSecret.SESSION_SECRETS;
    expect(() => loadConfig(noSecret)).toThrow(/^SESSION_SECRETS: required when DEXCARE_API_BASE is set/);
    const noLaunch: Record<string, string> = { ...REAL_DEXCARE };
    delete noLaunch.LAUNCH_SECRET;
    expect(() => loadConfig(noLaunch)).toThrow(/^LAUNCH_SECRET: required when CLINIC_BACKEND is dexcare/);
    expect(() => loadConfig({ ...REAL_DEXCARE, GUEST_BOOKING: 'true' })).toThrow(/^GUEST_BOOKING: DexCare has no guest sign-up/);
  });

  it('refuses a half-set DexCare block and a VSee block that would be ignored', () => {
    expect(() => loadConfig({ CLINIC_BACKEND: 'dexcare', DEXCARE_PRACTICE_ID: 'p1' })).toThrow(ConfigError);
    expect(() => loadConfig({ CLINIC_BACKEND: 'dexcare', DEXCARE_PRACTICE_ID: 'p1' })).toThrow(/^DEXCARE_API_BASE: required when DEXCARE_PRACTICE_ID is set/);
    expect(() => loadConfig({ CLINIC_BACKEND: 'dexcare', VSEE_API_BASE: 'https://api.vsee.me/api_v3/' })).toThrow(/^VSEE_API_BASE: set, but CLINIC_BACKEND is dexcare/);
    expect(() => loadConfig({ CLINIC_BACKEND: 'dexcare', DEXCARE_TIMEZONE: 'Mars/Olympus' })).toThrow(/^DEXCARE_TIMEZONE:/);
  });

  it('a VSee config does not need any DexCare setting', () => {
    expect(() =>
      loadConfig({
        VSEE_API_BASE: 'https://api.vsee.me/api_v3/',
        VSEE_ACCOUNT_CODE: 'vclinic',
        VSEE_API_KEY: 'k',
        VSEE_API_SECRET: 's',
        VSEE_PORTAL_URL: 'https://vclinic.vseepreview.com/vc/next/',
        VSEE_ROOM_CODE: 'room1',
        SESSION_SECRET: 'x'.repeat(32),
      }),
    ).not.toThrow();
  });
});

describe('a DexCare launch', () => {
  it('keeps the DexCare patient, token and dependents in the encrypted session only', async () => {
    const server = makeServer(DEXCARE);
    const b = browser(server);
    const res = await b.post('/api/session/launch', { token: await sign(DEXCARE_DEMO_PATIENT) });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(session.parse(JSON.parse(text))).toMatchObject({ firstName: 'Daniel', lastName: 'Reyes', launched: true });
    const cookie = b.jar.get('__Host-frontdesk')!;
    for (const secret of [SEED_GUARDIAN.token, SEED_GUARDIAN.id, SEED_DEPENDENT.id]) {
      expect(text).not.toContain(secret);
      expect(cookie).not.toContain(secret);
      expect(res.headers.get('set-cookie')).not.toContain(secret);
    }
    expect(await sessionIn(cookie)).toMatchObject({
      backend: 'dexcare',
      userCode: DEXCARE_DEMO_PATIENT.sub,
      memberId: SEED_GUARDIAN.id,
      apiToken: SEED_GUARDIAN.token,
      dob: SEED_GUARDIAN.dateOfBirth,
      dependents: [{ id: SEED_DEPENDENT.id, firstName: 'Sofia', lastName: 'Reyes', dob: SEED_DEPENDENT.dateOfBirth }],
    });
    // No VSee user was made for a DexCare patient.
    expect(server.sandbox.store.userByCode(DEXCARE_DEMO_PATIENT.sub)).toBeUndefined();
  });

  it('refuses a launch without DexCare’s patient, and claims that do not fit', async () => {
    const server = makeServer(DEXCARE);
    expect((await browser(server).post('/api/session/launch', { token: await sign(DEMO_PATIENT) })).status).toBe(403);
    const tokenOnly = { ...DEXCARE_DEMO_PATIENT, dexcare: { patientId: '', token: SEED_GUARDIAN.token } };
    expect((await browser(server).post('/api/session/launch', { token: await sign(tokenOnly) })).status).toBe(401);
    const badId = { ...DEXCARE_DEMO_PATIENT, dexcare: { patientId: '../../patients', token: SEED_GUARDIAN.token } };
    expect((await browser(server).post('/api/session/launch', { token: await sign(badId) })).status).toBe(401);
    const badDependent = { ...DEXCARE_DEMO_PATIENT, dexcare: { ...DEXCARE_DEMO_PATIENT.dexcare!, dependents: [{ id: SEED_DEPENDENT.id, givenName: 'Sofia', familyName: 'Reyes', birthdate: '2017-02-30' }] } };
    expect((await browser(server).post('/api/session/launch', { token: await sign(badDependent) })).status).toBe(401);
  });

  it('on VSee, DexCare claims are ignored: the session holds none of them', async () => {
    const server = makeServer({ ...DEXCARE, CLINIC_BACKEND: 'vsee' });
    const b = browser(server);
    expect((await b.post('/api/session/launch', { token: await sign(DEXCARE_DEMO_PATIENT) })).status).toBe(201);
    const s = await sessionIn(b.jar.get('__Host-frontdesk')!);
    expect(s.backend).toBe('vsee');
    expect(JSON.stringify(s)).not.toContain(SEED_GUARDIAN.token);
    expect(s.dependents).toBeUndefined();
  });

  it('a guest on frontdesk’s own page gets a sandbox patient (sandbox mode)', async () => {
    const server = makeServer({ CLINIC_BACKEND: 'dexcare', SESSION_SECRET });
    const b = browser(server);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    const s = await sessionIn(b.jar.get('__Host-frontdesk')!);
    expect(s.backend).toBe('dexcare');
    const res = await server.app.request('/sandbox/dexcare/control/state');
    const state = (await res.json()) as { patients: number };
    // Seeded Daniel and Sofia, and now the guest.
    expect(state.patients).toBe(3);
  });
});

describe('signing DexCare launches', () => {
  it('the demo host signs its DexCare patient with the claims of decision 014', async () => {
    const origin = 'http://127.0.0.1:9';
    const host = createDemoHost({ frontdeskUrl: AUDIENCE, origin, launch: { secret: SECRET, issuer: ISSUER, audience: AUDIENCE }, patient: DEXCARE_DEMO_PATIENT, walkinOnly: true });
    const res = await host.request('/launch-token', { method: 'POST', headers: { Origin: origin, 'X-Requested-With': 'fetch' } });
    const { token } = (await res.json()) as { token: string };
    expect(decodeJwt(token)).toMatchObject({
      sub: DEXCARE_DEMO_PATIENT.sub,
      dexcare_patient_id: SEED_GUARDIAN.id,
      dexcare_token: SEED_GUARDIAN.token,
      dexcare_dependents: [{ id: SEED_DEPENDENT.id, given_name: 'Sofia', family_name: 'Reyes', birthdate: SEED_DEPENDENT.dateOfBirth }],
    });
    const home = await (await host.request('/')).text();
    expect(home).toContain('Welcome back, Daniel');
    expect(home).not.toContain('Schedule a video appointment');
    // And the proxy in DexCare mode takes it.
    expect((await browser(makeServer(DEXCARE)).post('/api/session/launch', { token })).status).toBe(201);
  });

  it('`npm run launch-token -- --dexcare-sandbox` and the --dexcare-* options sign the claims', async () => {
    const run = (args: string[]) =>
      promisify(execFile)('npx', ['tsx', 'scripts/launch-token.ts', ...args], { env: { ...process.env, LAUNCH_SECRET: SECRET, LAUNCH_ISSUER: ISSUER, LAUNCH_AUDIENCE: AUDIENCE } });
    const sandbox = decodeJwt((await run(['--dexcare-sandbox'])).stdout.trim());
    expect(sandbox).toMatchObject({ dexcare_patient_id: SEED_GUARDIAN.id, dexcare_token: SEED_GUARDIAN.token });
    const own = decodeJwt(
      (await run(['--sub', 'rh-9', '--name', 'Ana Lopez', '--dexcare-patient', 'abc-123', '--dexcare-token', 'tok-1', '--dexcare-dependent', 'def-456:Luis:Lopez:2015-06-01'])).stdout.trim(),
    );
    expect(own).toMatchObject({ sub: 'rh-9', dexcare_patient_id: 'abc-123', dexcare_token: 'tok-1', dexcare_dependents: [{ id: 'def-456', given_name: 'Luis', family_name: 'Lopez', birthdate: '2015-06-01' }] });
    await expect(run(['--sub', 'rh-9', '--name', 'Ana Lopez', '--dexcare-patient', 'abc-123'])).rejects.toThrow(/come together/);
  }, 30_000);
});

describe('a session and its backend', () => {
  it('is good only with the backend that signed it in: a DexCare token never reaches VSee', async () => {
    const dexcare = makeServer(DEXCARE);
    const b = browser(dexcare);
    expect((await b.post('/api/session/launch', { token: await sign(DEXCARE_DEMO_PATIENT) })).status).toBe(201);
    // The same secret, now on VSee: the cookie opens, but the patient API does not take it.
    const vsee = makeServer({ ...DEXCARE, CLINIC_BACKEND: 'vsee' });
    const moved = browser(vsee);
    moved.jar.set('__Host-frontdesk', b.jar.get('__Host-frontdesk')!);
    expect((await moved.post('/api/intakes', { kind: 'walkin', reason: 'Cough', state: 'WA' })).status).toBe(401);
    expect([...vsee.sandbox.store.users.values()].some((u) => u.firstName === 'Daniel')).toBe(false);
  });
});
