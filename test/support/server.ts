/**
 * Builds the whole server (proxy + in-process sandbox) for `app.request()` tests, with a clock
 * the test controls and a tiny cookie jar per simulated browser.
 */
import { expect } from 'vitest';
import { availability, visit, type Visit } from '../../src/api/contract';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/proxy/logger';
import type { KvStore } from '../../server/proxy/stores/store';
import type { FaultSpec } from '../../server/vsee-sandbox/faults';
import { mayaAsGuest } from './cast';

export const ORIGIN = 'http://localhost:8080';

export interface TestServerOptions {
  /** Capture log lines at this level into `logs` (default: no logs). */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** The shared store (default: in memory on the test clock). */
  kv?: KvStore;
}

export function makeServer(env: Record<string, string> = {}, opts: TestServerOptions = {}) {
  const clock = { now: Date.now() };
  // Tests change visits through the sandbox (the provider side) between two reads; the visit read
  // cache has its own tests (VISIT_CACHE_MS set there).
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '8080', VISIT_CACHE_MS: '0', ...env });
  const logs: string[] = [];
  const log = createLogger(opts.logLevel ?? 'silent', { write: (line: string) => void logs.push(line) });
  const { app, sandbox, webhooks, visitEvents, metrics } = createApp({ config, log, now: () => clock.now, clientDir: '/nonexistent', kv: opts.kv });
  if (!sandbox) throw new Error('tests run against the sandbox');
  return { app, sandbox, webhooks, visitEvents, metrics, config, clock, logs };
}
export type TestServer = ReturnType<typeof makeServer>;

/**
 * A browser: keeps cookies and sends what the SPA's client sends. `address` plays the socket's
 * remote address (as @hono/node-server would give it); without it the client address is unknown.
 */
export function browser(server: Pick<TestServer, 'app'>, origin = ORIGIN, opts: { address?: string } = {}) {
  const bindings = opts.address ? { incoming: { socket: { remoteAddress: opts.address } } } : undefined;
  const jar = new Map<string, string>();
  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h = new Headers(headers);
    if (method !== 'GET' && method !== 'HEAD') {
      if (!h.has('X-Frontdesk')) h.set('X-Frontdesk', '1');
      if (!h.has('Origin')) h.set('Origin', origin);
    }
    if (body !== undefined) h.set('Content-Type', 'application/json');
    if (jar.size) h.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await server.app.request(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) }, bindings);
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
  return {
    jar,
    request,
    get: (path: string, headers?: Record<string, string>) => request('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => request('POST', path, body ?? {}, headers),
    del: (path: string) => request('DELETE', path),
  };
}
export type Browser = ReturnType<typeof browser>;

/** The guest who books in server tests: Maya, as in every test layer (test/support/cast.ts). */
export const PATIENT = mayaAsGuest;

let keyCounter = 0;
export const newKey = () => `test-key-${Date.now()}-${++keyCounter}`;

/** Signs in as a new guest and makes an intake; returns the intake id. */
export async function guestWithIntake(b: Browser, kind: 'appointment' | 'walkin' = 'appointment') {
  const s = await b.post('/api/session/guest', PATIENT);
  if (s.status !== 201) throw new Error(`guest session: ${s.status} ${await s.text()}`);
  const i = await b.post('/api/intakes', { kind, reason: 'Sore throat for three days', state: 'CA', phone: PATIENT.phone });
  if (i.status !== 201) throw new Error(`intake: ${i.status} ${await i.text()}`);
  return ((await i.json()) as { id: string }).id;
}

// ---- whole steps, shared by the server and security tests ----------------------------------

export const DAY = 86_400_000;

/** Free times for a new appointment's intake (a string), or for moving an appointment (`{visitId}`). */
export async function slotsFor(b: Browser, search: string | { intakeId: string } | { visitId: string }) {
  const which = typeof search === 'string' ? { intakeId: search } : search;
  const q = new URLSearchParams({ from: new Date().toISOString(), to: new Date(Date.now() + 14 * DAY).toISOString(), ...which });
  const res = await b.get(`/api/availability?${q}`);
  expect(res.status).toBe(200);
  return availability.parse(await res.json()).slots;
}

export async function bookAppointment(b: Browser, slotIndex = 2): Promise<Visit> {
  const intakeId = await guestWithIntake(b, 'appointment');
  const s = (await slotsFor(b, intakeId))[slotIndex]!;
  const res = await b.post('/api/appointments', { intakeId, start: s.start, end: s.end }, { 'Idempotency-Key': newKey() });
  expect(res.status).toBe(201);
  return visit.parse(await res.json());
}

export async function joinWalkin(b: Browser): Promise<Visit> {
  const intakeId = await guestWithIntake(b, 'walkin');
  const res = await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() });
  expect(res.status).toBe(201);
  return visit.parse(await res.json());
}

/** The provider starts and completes the visit on the sandbox dashboard. */
export async function complete(server: TestServer, id: string) {
  expect((await server.app.request(`/sandbox/vc/providers/visits/${id}/start`, { method: 'POST' })).status).toBe(303);
  expect((await server.app.request(`/sandbox/vc/providers/visits/${id}/complete`, { method: 'POST' })).status).toBe(303);
}

export async function injectFault(server: TestServer, spec: FaultSpec | FaultSpec[]) {
  const res = await server.app.request('/sandbox/control/faults', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(spec),
  });
  expect(res.status).toBe(201);
}

/** The sandbox's record of a visit (what VSee holds, whatever the proxy said). */
export const sandboxVisit = (server: TestServer, id: string) => server.sandbox.store.visits.get(id);
