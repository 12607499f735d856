/**
 * The clinic backend contract: the same scenarios — start, clinic, intake, availability or wait,
 * create, read, cancel where capable, handoff URL, out of area — against both backends, each on
 * its sandbox over HTTP (one listening server with the VSee sandbox at /sandbox and the DexCare
 * sandbox at /sandbox/dexcare, the backends on Node's fetch). What a backend says it cannot do
 * (capabilities) must be refused, never faked.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slot, visit as visitSchema } from '../../../src/api/contract';
import type { ClinicBackend, CreateVisitInput, PatientSession, SignIn } from '../../../server/backend/clinic-backend';
import { loadConfig } from '../../../server/config';
import { createDexcareBackend } from '../../../server/dexcare/backend';
import { createDexcareClient } from '../../../server/dexcare/client';
import { createDexcareSandbox, type DexcareSandbox } from '../../../server/dexcare-sandbox';
import { sandboxGuestPatients } from '../../../server/dexcare-sandbox/guest-patients';
import { COUPON_CODE, REGION, SEED_GUARDIAN } from '../../../server/dexcare-sandbox/seed';
import { createLogger } from '../../../server/proxy/logger';
import { toProblem, type Problem } from '../../../server/proxy/problem';
import { createReadCache } from '../../../server/proxy/read-cache';
import { createMemoryStore } from '../../../server/proxy/stores/memory';
import { createVseeBackend } from '../../../server/vsee/backend';
import { createVseeClient } from '../../../server/vsee/client';
import { createSandbox, type Sandbox } from '../../../server/vsee-sandbox';
import { SANDBOX } from '../../../server/vsee-sandbox/credentials';

let server: Server;
let origin: string;
let vseeSandbox: Sandbox;
let dexcareSandbox: DexcareSandbox;

beforeAll(async () => {
  const host = new Hono();
  let ready = false;
  host.use('*', async (c, next) => (ready ? next() : c.text('starting', 503)));
  server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: host.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Made once the port is known: the links the sandboxes hand out point at where they listen.
  vseeSandbox = createSandbox({ basePath: '/sandbox', publicOrigin: origin });
  dexcareSandbox = createDexcareSandbox({ basePath: '/sandbox/dexcare', publicOrigin: origin });
  host.route('/sandbox/dexcare', dexcareSandbox.app);
  host.route('/sandbox', vseeSandbox.app);
  ready = true;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);

interface Subject {
  name: 'vsee' | 'dexcare';
  make(): ClinicBackend;
  /** How the sandbox's patient comes to be signed in: a guest (VSee) or the health system's launch (DexCare). */
  signIn(n: number): SignIn;
  /** Where the patient is: a served area, and one that is not. */
  area: string;
  outOfArea: string;
  /** What a walk-in needs beyond the intake on this backend. */
  extras: Partial<CreateVisitInput>;
  /** The page the handoff lands on, once followed. */
  landing: RegExp;
  /** The wait is learnt from walk-ins seen starting (VSee, decision 065): a fresh backend knows none yet. */
  learnsWait: boolean;
}

const log = createLogger('silent');

const SUBJECTS: Subject[] = [
  {
    name: 'vsee',
    make: () => {
      const config = loadConfig({ PUBLIC_URL: origin, ECONSULT: 'true' });
      config.vsee = { ...config.vsee, apiBase: `${origin}/sandbox/api_v3/`, portalUrl: `${origin}/sandbox/vc/`, accountCode: SANDBOX.accountCode };
      const now = Date.now;
      return createVseeBackend({ config, vsee: createVseeClient({ ...config.vsee, fetch: (req) => fetch(req) }), kv: createMemoryStore(now), log, now, reads: createReadCache(0, now) });
    },
    signIn: (n) => ({ kind: 'guest', code: `fd-contract-${Date.now()}-${n}`, firstName: 'Maya', lastName: `Chen${n}`, dob: '1990-04-12', email: 'maya@example.com' }),
    area: 'WA',
    outOfArea: 'ZZ',
    extras: {},
    landing: /<h1>Video visit<\/h1>/,
    learnsWait: true,
  },
  {
    name: 'dexcare',
    make: () => {
      const config = loadConfig({ PUBLIC_URL: origin, CLINIC_BACKEND: 'dexcare' });
      const dexcare = { ...config.dexcare, apiBase: `${origin}/sandbox/dexcare/` };
      const now = Date.now;
      return createDexcareBackend({
        config: dexcare,
        client: createDexcareClient({ ...dexcare, fetch: (req) => fetch(req) }),
        kv: createMemoryStore(now),
        log,
        now,
        guestPatients: sandboxGuestPatients(dexcare.apiBase, (req) => fetch(req)),
      });
    },
    // The first patient is the health system's launched Daniel; the others are sandbox guests.
    signIn: (n) =>
      n === 0
        ? { kind: 'launch', code: 'rh-daniel', firstName: SEED_GUARDIAN.firstName, lastName: SEED_GUARDIAN.lastName, dob: SEED_GUARDIAN.dateOfBirth, dexcare: { patientId: SEED_GUARDIAN.id, token: SEED_GUARDIAN.token, dependents: [] } }
        : { kind: 'guest', code: `fd-contract-${n}`, firstName: 'Maya', lastName: `Chen${n}`, dob: '1990-04-12', email: 'maya@example.com' },
    area: REGION.washington,
    outOfArea: 'other',
    learnsWait: false,
    extras: {
      billing: { method: 'coupon', code: COUPON_CODE },
      contact: { phone: '509-555-0187', email: 'patient@example.com', address: { line1: '12 River Road', city: 'Spokane', state: 'WA', postalCode: '99201' } },
      acceptedTerms: true,
    },
    landing: /You are in the waiting room/,
  },
];

/** The problem the patient API answers for a backend's failure (the proxy maps vendor errors the same way). */
async function problemOf(p: Promise<unknown>): Promise<Problem> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).not.toBeNull();
  return toProblem(err);
}

/** Follows a handoff as a browser would: redirects, with the cookies the pages set on the way. */
async function follow(url: string): Promise<Response> {
  const jar = new Map<string, string>();
  for (let hops = 0; hops < 5; hops++) {
    const res = await fetch(url, { redirect: 'manual', headers: jar.size ? { Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {} });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const next = res.headers.get('Location');
    if (res.status < 300 || res.status >= 400 || !next) return res;
    url = new URL(next, url).href;
  }
  throw new Error('too many redirects');
}

describe.each(SUBJECTS)('the $name backend keeps the clinic backend contract', (subject) => {
  async function signedIn(b: ClinicBackend, n: number) {
    const who = subject.signIn(n);
    const identity = await b.startSession(who);
    const session: PatientSession = { ...identity, firstName: who.firstName, lastName: who.lastName, dob: who.dob };
    return { identity, patient: b.forPatient(session) };
  }

  async function walkin(b: ClinicBackend, n = 0) {
    const { patient } = await signedIn(b, n);
    const intake = await patient.createIntake({ kind: 'walkin', reason: 'Sore throat and fever', area: subject.area, phone: '509-555-0187' });
    const v = await patient.createVisit({ kind: 'walkin', intake, forWhom: { who: 'self' }, ...subject.extras });
    return { patient, v };
  }

  it('start: signs the patient in, as this backend', async () => {
    const b = subject.make();
    const { identity } = await signedIn(b, 0);
    expect(identity.backend).toBe(subject.name);
    expect(identity.memberId).not.toBe('');
    expect(identity.apiToken).not.toBe('');
  });

  it('clinic: a name, a real timezone, on-demand visits, open', async () => {
    const c = await subject.make().clinic();
    expect(c.name).not.toBe('');
    expect(() => new Intl.DateTimeFormat('en-US', { timeZone: c.timezone })).not.toThrow();
    expect(c.capabilities.visitKinds).toContain('walkin');
    expect(c.openness).toEqual({ open: true });
    expect(c.serviceAreas === null).toBe(!c.capabilities.serviceAreas);
  });

  it('intake: made for the area the patient is in', async () => {
    const { patient } = await signedIn(subject.make(), 0);
    const intake = await patient.createIntake({ kind: 'walkin', reason: 'Cough', area: subject.area });
    expect(intake).toMatchObject({ id: expect.any(String), kind: 'walkin' });
  });

  it('availability or wait: times where the backend has them, else the area’s wait', async () => {
    const b = subject.make();
    const { patient } = await signedIn(b, 0);
    const status = await b.areaStatus(subject.area);
    expect(status.openness).toEqual({ open: true });
    if (b.capabilities.waitEstimate && !subject.learnsWait) {
      expect(status.wait?.minutes).toBeGreaterThanOrEqual(5);
      expect(status.wait!.minutes % 5).toBe(0);
    } else expect(status.wait).toBeNull();
    if (b.capabilities.appointmentTimes) {
      const intake = await patient.createIntake({ kind: 'appointment', reason: 'Follow-up', area: subject.area });
      const from = new Date().toISOString();
      const to = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const slots = await patient.availability({ intake, from, to });
      expect(slots.length).toBeGreaterThan(0);
      for (const s of slots) expect(slot.parse(s)).toEqual(s);
      expect(slots.map((s) => s.start)).toEqual([...slots.map((s) => s.start)].sort());
    } else {
      expect((await problemOf(patient.createIntake({ kind: 'appointment', reason: 'Follow-up', area: subject.area }))).status).toBe(403);
      expect((await problemOf(patient.availability({ intake: null, visitId: 'x', from: new Date().toISOString(), to: new Date().toISOString() }))).status).toBe(403);
    }
  });

  it('out of area: “somewhere else” is a place the clinic does not serve', async () => {
    expect((await subject.make().areaStatus(subject.outOfArea)).openness).toMatchObject({ open: false, reason: 'out_of_area' });
  });

  it('create and read: a walk-in in the patient API’s terms, found again by its patient only', async () => {
    const b = subject.make();
    const { patient, v } = await walkin(b);
    expect(visitSchema.parse(v)).toEqual(v);
    expect([v.kind, v.status]).toEqual(['walkin', 'pending']);
    expect((await patient.visits()).map((x) => x.id)).toContain(v.id);
    expect((await patient.visit(v.id)).id).toBe(v.id);
    const other = (await signedIn(b, 1)).patient;
    expect((await problemOf(other.visit(v.id))).status).toBe(404);
    expect((await problemOf(other.handoffUrl({ target: 'visit', visitId: v.id }))).status).toBe(404);
  });

  it('cancel: where capable the visit is cancelled; elsewhere refused, not faked', async () => {
    const b = subject.make();
    const { patient, v } = await walkin(b);
    if (b.capabilities.cancel) {
      expect((await patient.cancel(v.id, 'patient_exit_room')).status).toBe('cancelled');
      expect((await patient.visit(v.id)).status).toBe('cancelled');
    } else {
      expect((await problemOf(patient.cancel(v.id, 'patient_exit_room'))).status).toBe(403);
      expect((await patient.visit(v.id)).status).toBe('pending');
    }
  });

  it('handoff URL: built by the server for the patient’s own visit, and it lands on the vendor’s page', async () => {
    const b = subject.make();
    const { patient, v } = await walkin(b);
    const url = new URL(await patient.handoffUrl({ target: 'visit', visitId: v.id }));
    expect(url.origin).toBe(origin);
    expect(url.href).toContain(v.id);
    const page = await follow(url.href);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(subject.landing);
    if (!b.capabilities.dashboard) expect((await problemOf(patient.handoffUrl({ target: 'dashboard' }))).status).toBe(403);
  });
});
