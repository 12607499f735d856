/**
 * A tiny in-memory patient API for component tests, installed as `fetch`. It routes by method and
 * path, checks every request body with the contract's schemas (and the CSRF header), answers with
 * contract-checked JSON, and records every call. Like the proxy, it knows which visits are
 * upcoming, who may be invited, when a walk-in has waited long enough to be timed out, which launch
 * token signs the host site's patient in, and whether guests may sign up. Tests seed it with the
 * named characters below and can make any route fail: an error body, a 401, a 409 slot_taken, a
 * 500, or no network; or play a browser that refuses the session cookie in a frame.
 */
import { vi } from 'vitest';
import { z } from 'zod';
import * as contract from '../../src/api/contract';
import type { Clinic, ClinicProvider, Coverage, ErrorCode, PaymentOptions, Session, Slot, Visit, VisitStatus, VisitType } from '../../src/api/contract';
import { answerProblems } from '../../src/api/question-answers';
import { doctors, jordanLaunched } from './cast';
import { canCancel, canInvite, canJoin, canReschedule, isUpcoming } from '../../src/api/visit-rules';

// ---- the cast -----------------------------------------------------------------------------

export const riverbend: Clinic = {
  name: 'Riverbend Family Clinic',
  timezone: 'America/Los_Angeles',
  walkinEnabled: true,
  appointmentEnabled: true,
  econsultEnabled: false,
  isOpen: true,
  closedMessage: null,
  maxWaitMinutes: null,
  guestBooking: true,
  handoffTarget: 'new-tab',
  phone: null,
  // A VSee clinic: every kind of visit, its own portal, no service areas of its own.
  capabilities: {
    visitKinds: ['walkin', 'appointment'],
    serviceAreas: false,
    waitEstimate: false,
    forSomeoneElse: false,
    billing: [],
    visitStatus: true,
    cancel: true,
    appointmentTimes: true,
    dashboard: true,
    scheduleOnSite: true,
  },
  closedReason: null,
  opensAt: null,
  wait: null,
  serviceAreas: null,
  address: null,
  visitTypes: [],
  providers: [],
  questions: [],
  scheduling: 'frontdesk',
};

/** Riverbend serving Oregon and Washington (plus "Somewhere else"), with its wait estimate. */
export const riverbendWithAreas: Clinic = {
  ...riverbend,
  phone: '+1 555-010-2000',
  capabilities: { ...riverbend.capabilities, serviceAreas: true, waitEstimate: true },
  serviceAreas: [
    { id: 'OR', name: 'Oregon', code: 'OR', outOfArea: false },
    { id: 'WA', name: 'Washington', code: 'WA', outOfArea: false },
    { id: 'other', name: 'Somewhere else', code: null, outOfArea: true },
  ],
};

export { jordanLaunched, maya, mayaSession } from './cast';

/** The one launch token the fake accepts (the proxy verifies a signed JWT; any other token is refused). */
export const GOOD_LAUNCH_TOKEN = 'good-token';

/** Maya's confirmed video appointment with Dr. Okafor, tomorrow morning (most visit-page tests start here). */
export const mayaAppointment: Visit = {
  id: '4821',
  kind: 'appointment',
  modality: 'video',
  status: 'confirmed',
  start: '2026-11-24T17:00:00.000Z',
  end: '2026-11-24T17:30:00.000Z',
  provider: { name: doctors.okafor },
};

/** Riverbend takes these insurers and charges $45 to a patient who pays themselves. */
export const riverbendPayment: PaymentOptions = {
  insurers: [
    { id: 'car7551', name: 'AETNA' },
    { id: 'car11406', name: 'ANTHEM BLUE SHIELD' },
    { id: 'car7147', name: 'CIGNA HEALTH CARE' },
    { id: 'car7556', name: 'HEALTH CHOICE ARIZONA' },
  ],
  price: { amount: 45, currency: 'USD' },
};

export const providers: Record<string, string> = { 'prov-okafor': doctors.okafor, 'prov-chen': doctors.chen };

/** Riverbend's visit types, for tests of the "What kind of visit?" step (the sandbox room's three). */
export const riverbendVisitTypes: VisitType[] = [
  { id: 'type-15', description: '15-min Consultation', minutes: 15, price: { amount: 49, currency: 'USD' }, modality: 'video' },
  { id: 'type-30', description: '30-min Consultation', minutes: 30, price: { amount: 89, currency: 'USD' }, modality: 'video' },
  { id: 'type-phone', description: 'Phone call (15 min)', minutes: 15, price: null, modality: 'phone' },
];

/** Riverbend's providers a patient may choose (Dr. Chen has no photo). */
export const riverbendProviders: ClinicProvider[] = [
  { id: 'prov-okafor', name: doctors.okafor, photoUrl: 'https://photos.example.test/okafor.svg' },
  { id: 'prov-chen', name: doctors.chen, photoUrl: null },
];

export function slotAt(start: string, minutes = 30, providerIds: string[] = ['prov-okafor']): Slot {
  return { start, end: new Date(Date.parse(start) + minutes * 60_000).toISOString(), providerIds };
}

// ---- the fake -----------------------------------------------------------------------------

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

export type Failure =
  | 'network'
  | { status: number; code?: ErrorCode; message?: string; fields?: Record<string, string>; body?: unknown };

export interface FakeApiSeed {
  clinic?: Clinic;
  /** What the payment step offers; default: nothing (no insurers, no charge), so no step. */
  payment?: PaymentOptions;
  session?: Session | null;
  slots?: Slot[];
  visits?: Visit[];
  /** The visit's price in every area (GET /api/clinic/areas/:id); default: none said. */
  areaPrice?: contract.Price | null;
  /** GET /api/clinic/areas/:id answers by area id (default: open, no wait known). */
  areas?: Record<string, Omit<contract.AreaStatus, 'areaId'>>;
  /** GET /api/visits/:id/wait answers by visit id (default: not known). */
  waits?: Record<string, contract.WaitEstimate>;
}

interface Reply {
  status: number;
  body?: unknown;
  /** A non-JSON answer (the summary PDF). */
  raw?: Response;
}

type Handler = (call: RecordedCall, params: Record<string, string>) => Reply;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

/** Route keys look like "POST /api/visits/:id/cancel". */
export type RouteKey = `${'GET' | 'POST' | 'DELETE'} /api/${string}`;

export class FakeApi {
  clinic: Clinic;
  /** The session the browser's cookie carries. */
  session: Session | null;
  slots: Slot[];
  /** A browser refusing third-party cookies: sign-ins answer, but the cookie never comes back. */
  dropsCookies = false;
  payment: PaymentOptions;
  /** The patient's saved choice and its coverage; tests change card states to play the clinic's check. */
  coverage: Coverage = { method: null, cards: [], price: null };
  readonly visits = new Map<string, Visit>();
  private areaPrice: contract.Price | null;
  readonly intakes = new Map<string, contract.IntakeRequest>();
  readonly calls: RecordedCall[] = [];
  readonly fetch = vi.fn(this.handle.bind(this));

  private readonly idempotent = new Map<string, Visit>();
  areas: NonNullable<FakeApiSeed['areas']>;
  waits: NonNullable<FakeApiSeed['waits']>;
  private readonly failures = new Map<RouteKey, { failure: Failure; times: number }>();
  private readonly holds = new Map<RouteKey, Promise<void>>();
  private nextId = 1000;
  private readonly routes: { key: RouteKey; pattern: RegExp; names: string[]; handler: Handler }[] = [];

  constructor(seed: FakeApiSeed = {}) {
    this.clinic = seed.clinic ?? riverbend;
    this.areaPrice = seed.areaPrice ?? null;
    this.areas = seed.areas ?? {};
    this.waits = seed.waits ?? {};
    this.payment = seed.payment ?? { insurers: [], price: null };
    this.session = seed.session === undefined ? null : seed.session;
    this.slots = [...(seed.slots ?? [])];
    for (const visit of seed.visits ?? []) this.visits.set(visit.id, visit);
    this.defineRoutes();
  }

  /** Make a route fail, every time or only the next `times` times. */
  fail(key: RouteKey, failure: Failure, { times = Number.POSITIVE_INFINITY } = {}): void {
    this.failures.set(key, { failure, times });
  }

  /** Hold a route's answers until the returned function is called (to see loading states). */
  hold(key: RouteKey): () => void {
    let release = () => {};
    this.holds.set(
      key,
      new Promise<void>((resolve) => {
        release = () => {
          this.holds.delete(key);
          resolve();
        };
      }),
    );
    return () => release();
  }

  callsTo(key: RouteKey): RecordedCall[] {
    return this.calls.filter((call) => this.match(call.method, call.path)?.route.key === key);
  }

  setVisit(id: string, changes: Partial<Visit>): void {
    const current = this.visits.get(id);
    if (!current) throw new Error(`No visit ${id} in the fake`);
    this.visits.set(id, { ...current, ...changes });
  }

  setVisitStatus(id: string, status: VisitStatus, providerName?: string): void {
    this.setVisit(id, { status, ...(providerName ? { provider: { name: providerName } } : {}) });
  }

  private async handle(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    let body: unknown;
    if (typeof init.body === 'string') body = JSON.parse(init.body);
    const call: RecordedCall = { method, path: url.pathname, query: url.searchParams, headers, body };
    // Like a real network, answer later: a request React aborts at once (StrictMode's double
    // mount, a query cancelled on unmount) never reaches the "server" and is not recorded.
    await Promise.resolve();
    if (init.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    this.calls.push(call);

    const matched = this.match(method, url.pathname);
    if (matched) {
      const held = this.holds.get(matched.route.key);
      if (held) await held;
      if (init.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
      const failing = this.failures.get(matched.route.key);
      if (failing && failing.times > 0) {
        failing.times -= 1;
        if (failing.failure === 'network') throw new TypeError('Failed to fetch');
        const { status, code = 'internal', message = 'Something went wrong on our side.', fields, body: raw } = failing.failure;
        return json(status, raw ?? { error: { code, message, ...(fields ? { fields } : {}) } });
      }
    }

    try {
      if (!matched) throw new HttpError(404, 'not_found', 'No such route');
      if (method !== 'GET') {
        if (headers.get(contract.CSRF_HEADER) !== '1') throw new HttpError(403, 'forbidden', 'Missing CSRF header');
        if (headers.get('Content-Type') !== 'application/json') throw new HttpError(400, 'bad_request', 'Send JSON');
      }
      if (init.credentials !== 'same-origin') throw new HttpError(400, 'bad_request', 'The client must send credentials same-origin');
      const reply = matched.route.handler(call, matched.params);
      return reply.raw ?? json(reply.status, reply.body);
    } catch (error) {
      if (error instanceof HttpError) {
        return json(error.status, {
          error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
        });
      }
      throw error;
    }
  }

  private match(method: string, path: string) {
    for (const route of this.routes) {
      if (!route.key.startsWith(`${method} `)) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return { route, params };
    }
    return null;
  }

  private on(key: RouteKey, handler: Handler) {
    const names: string[] = [];
    const path = key.slice(key.indexOf(' ') + 1);
    const source = path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ key, pattern: new RegExp(`^${source}$`), names, handler });
  }

  private requireSession(): Session {
    if (!this.session) throw new HttpError(401, 'unauthorized', 'Your session has ended.');
    return this.session;
  }

  private requireVisit(id: string): Visit {
    const visit = this.visits.get(id);
    if (!visit) throw new HttpError(404, 'not_found', 'We could not find that visit.');
    return visit;
  }

  private newId(prefix: string) {
    this.nextId += 1;
    return `${prefix}${this.nextId}`;
  }

  private defineRoutes() {
    this.on('GET /api/clinic', () => ok(contract.clinic, this.clinic));
    this.on('GET /api/clinic/areas/:areaId', (_call, { areaId = '' }) =>
      ok(contract.areaStatus, { areaId, ...(this.areas[areaId] ?? { isOpen: true, closedReason: null, closedMessage: null, opensAt: null, wait: null, price: this.areaPrice }) }),
    );
    this.on('GET /api/visits/:id/wait', (_call, { id = '' }) => {
      this.requireSession();
      return ok(contract.visitWait, { wait: this.waits[id] ?? null });
    });

    this.on('GET /api/session', () =>
      ok(contract.sessionState, this.session ? { signedIn: true as const, ...this.session } : { signedIn: false as const }),
    );
    this.on('POST /api/session/guest', (call) => {
      if (!this.clinic.guestBooking) throw new HttpError(403, 'forbidden', 'Please sign in on your health system’s website to book.');
      const request = parse(contract.guestSessionRequest, call.body);
      const guest: Session = { firstName: request.firstName, lastName: request.lastName, expiresAt: '2099-01-01T00:00:00.000Z' };
      if (!this.dropsCookies) this.session = guest;
      return ok(contract.session, guest, 201);
    });
    this.on('POST /api/session/launch', (call) => {
      const { token } = parse(contract.launchRequest, call.body);
      if (token !== GOOD_LAUNCH_TOKEN) {
        throw new HttpError(401, 'unauthorized', 'This sign-in link has expired. Open booking again from your health system.');
      }
      if (!this.dropsCookies) this.session = jordanLaunched;
      return ok(contract.session, jordanLaunched, 201);
    });
    this.on('DELETE /api/session', () => {
      this.session = null;
      return { status: 204 };
    });

    this.on('POST /api/intakes', (call) => {
      this.requireSession();
      const request = parse(contract.intakeRequest, call.body);
      this.choose(request);
      // Like the proxy: the clinic's questions, each shown one answered as it must be.
      const problems = answerProblems(this.clinic.questions, request.answers ?? {});
      if (Object.keys(problems).length > 0) {
        const fields = Object.fromEntries(Object.entries(problems).map(([q, code]) => [`answers.${q}`, code]));
        throw new HttpError(400, 'bad_request', 'Please check your answers to the clinic’s questions.', fields);
      }
      const id = this.newId('intake-');
      this.intakes.set(id, request);
      return ok(contract.intake, { id }, 201);
    });

    this.on('GET /api/availability', (call) => {
      this.requireSession();
      const query = parse(contract.availabilityQuery, Object.fromEntries(call.query));
      if (query.visitId !== undefined) {
        // Rescheduling: the proxy searches with this visit's intake.
        if (!canReschedule(this.requireVisit(query.visitId), Date.now())) {
          throw new HttpError(409, 'conflict', 'Only an upcoming appointment can be moved.');
        }
      } else if (!query.intakeId || (!this.intakes.has(query.intakeId) && !query.intakeId.startsWith('seeded-'))) {
        throw new HttpError(404, 'not_found', 'No such intake');
      }
      const intake = query.intakeId ? this.intakes.get(query.intakeId) : undefined;
      const { visitType, providerId } = this.choose({
        visitTypeId: query.visitTypeId ?? intake?.visitTypeId,
        providerId: query.providerId ?? intake?.providerId,
      });
      const from = Date.parse(query.from);
      const to = Date.parse(query.to);
      const slots = this.slots
        .filter((slot) => Date.parse(slot.start) >= from && Date.parse(slot.start) < to)
        .filter((slot) => !providerId || slot.providerIds.includes(providerId))
        .map((slot) => (providerId ? { ...slot, providerIds: [providerId] } : slot))
        // Like VSee's: a visit type's slots are its length.
        .map((slot) => (visitType ? { ...slot, end: new Date(Date.parse(slot.start) + visitType.minutes * 60_000).toISOString() } : slot));
      return ok(contract.availability, { slots });
    });

    // Before sign-in (times first): no session, no intake, no provider ids — as the proxy answers.
    this.on('GET /api/clinic/availability', (call) => {
      const query = parse(contract.openAvailabilityQuery, Object.fromEntries(call.query));
      const { visitType, providerId } = this.choose({ visitTypeId: query.visitTypeId, providerId: query.providerId });
      const from = Date.parse(query.from);
      const to = Date.parse(query.to);
      const slots = this.slots
        .filter((slot) => Date.parse(slot.start) >= from && Date.parse(slot.start) < to)
        .filter((slot) => !providerId || slot.providerIds.includes(providerId))
        .map((slot) => ({ ...slot, providerIds: [] }))
        .map((slot) => (visitType ? { ...slot, end: new Date(Date.parse(slot.start) + visitType.minutes * 60_000).toISOString() } : slot));
      return ok(contract.availability, { slots });
    });

    this.on('POST /api/appointments', (call) => {
      this.requireSession();
      const key = idempotencyKey(call);
      const request = parse(contract.appointmentRequest, call.body);
      const replay = this.idempotent.get(key);
      if (replay) return ok(contract.visit, replay, 201);
      const intake = this.intakes.get(request.intakeId);
      const { visitType, providerId } = this.choose({ visitTypeId: intake?.visitTypeId, providerId: request.providerId ?? intake?.providerId });
      const length = (slot: Slot) => (visitType ? visitType.minutes * 60_000 : Date.parse(slot.end) - Date.parse(slot.start));
      const slot = this.slots.find(
        (s) =>
          s.start === request.start &&
          Date.parse(request.end) - Date.parse(request.start) === length(s) &&
          (!providerId || s.providerIds.includes(providerId)),
      );
      if (!slot) throw new HttpError(409, 'slot_taken', 'That time was just booked by someone else.');
      this.slots = this.slots.filter((s) => s !== slot);
      const chosen = providerId ?? slot.providerIds[0];
      const providerName = chosen ? (providers[chosen] ?? this.clinic.providers.find((p) => p.id === chosen)?.name) : undefined;
      const visit: Visit = {
        id: this.newId(''),
        kind: 'appointment',
        ...this.modalityOf(intake),
        ...this.patientOf(intake),
        status: 'confirmed',
        start: request.start,
        end: request.end,
        provider: providerName ? { name: providerName } : null,
      };
      this.visits.set(visit.id, visit);
      this.idempotent.set(key, visit);
      return ok(contract.visit, visit, 201);
    });

    this.on('POST /api/walkins', (call) => {
      this.requireSession();
      const key = idempotencyKey(call);
      const request = parse(contract.walkinRequest, call.body);
      const replay = this.idempotent.get(key);
      if (replay) return ok(contract.visit, replay, 201);
      if (!this.intakes.has(request.intakeId)) throw new HttpError(404, 'not_found', 'No such intake');
      const now = Date.now();
      const visit: Visit = {
        id: this.newId(''),
        kind: 'walkin',
        ...this.modalityOf(this.intakes.get(request.intakeId)),
        ...this.patientOf(this.intakes.get(request.intakeId)),
        status: 'pending',
        start: new Date(now).toISOString(),
        end: new Date(now + 15 * 60_000).toISOString(),
        provider: null,
      };
      this.visits.set(visit.id, visit);
      this.idempotent.set(key, visit);
      return ok(contract.visit, visit, 201);
    });

    this.on('POST /api/econsults', (call) => {
      this.requireSession();
      const key = idempotencyKey(call);
      const request = parse(contract.econsultRequest, call.body);
      const replay = this.idempotent.get(key);
      if (replay) return ok(contract.visit, replay, 201);
      const intake = this.intakes.get(request.intakeId);
      if (!intake) throw new HttpError(404, 'not_found', 'No such intake');
      if (intake.kind !== 'econsult') throw new HttpError(400, 'bad_request', 'That intake is not for an e-consult.');
      const now = Date.now();
      const visit: Visit = {
        id: this.newId(''),
        kind: 'econsult',
        modality: 'econsult',
        status: 'confirmed',
        start: new Date(now).toISOString(),
        end: new Date(now + 15 * 60_000).toISOString(),
        provider: null,
      };
      this.visits.set(visit.id, visit);
      this.idempotent.set(key, visit);
      return ok(contract.visit, visit, 201);
    });

    // Upcoming soonest first; past newest first (src/api/visit-rules.ts decides which is which).
    this.on('GET /api/visits', () => {
      this.requireSession();
      const now = Date.now();
      const all = [...this.visits.values()];
      const byStart = (a: Visit, b: Visit) => Date.parse(a.start) - Date.parse(b.start);
      return ok(contract.visitList, {
        upcoming: all.filter((visit) => isUpcoming(visit, now)).sort(byStart),
        past: all.filter((visit) => !isUpcoming(visit, now)).sort((a, b) => byStart(b, a)),
      });
    });

    this.on('GET /api/visits/:id', (_call, { id = '' }) => {
      this.requireSession();
      return ok(contract.visit, this.requireVisit(id));
    });

    this.on('GET /api/visits/:id/summary', (_call, { id = '' }) => {
      this.requireSession();
      const visit = this.requireVisit(id);
      if (visit.status !== 'completed' || !visit.hasSummary) throw new HttpError(404, 'not_found', 'No summary for this visit.');
      return {
        status: 200,
        raw: new Response('%PDF-1.4 fake summary', {
          status: 200,
          headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="visit-${id}-summary.pdf"` },
        }),
      };
    });

    this.on('POST /api/visits/:id/cancel', (call, { id = '' }) => {
      this.requireSession();
      const { reason } = parse(contract.cancelRequest, call.body);
      const visit = this.requireVisit(id);
      // Like the proxy: cancelling is idempotent (a retry whose first answer was lost).
      if (visit.status === 'cancelled') return ok(contract.visit, visit);
      if (!canCancel(visit, Date.now())) throw new HttpError(409, 'conflict', 'This visit has already started or ended.');
      if (reason === 'max_waiting_time_reached') {
        // Like the proxy: only a waiting walk-in, and only once the clinic's longest wait has passed.
        const limit = this.clinic.maxWaitMinutes;
        if (visit.kind !== 'walkin' || visit.status !== 'pending' || limit === null) {
          throw new HttpError(400, 'bad_request', 'This visit is not waiting in the queue.');
        }
        if (Date.now() - Date.parse(visit.start) < limit * 60_000) {
          throw new HttpError(400, 'bad_request', 'The longest wait has not passed yet.');
        }
      }
      const cancelled: Visit = { ...visit, status: 'cancelled' };
      this.visits.set(id, cancelled);
      return ok(contract.visit, cancelled);
    });

    this.on('POST /api/visits/:id/reschedule', (call, { id = '' }) => {
      this.requireSession();
      const key = idempotencyKey(call);
      const request = parse(contract.rescheduleRequest, call.body);
      const replay = this.idempotent.get(key);
      if (replay) return ok(contract.visit, replay);
      const visit = this.requireVisit(id);
      if (!canReschedule(visit, Date.now())) throw new HttpError(409, 'conflict', 'Only an upcoming appointment can be moved.');
      const slot = this.slots.find((s) => s.start === request.start && s.end === request.end);
      if (!slot) throw new HttpError(409, 'slot_taken', 'That time was just booked by someone else.');
      this.slots = this.slots.filter((s) => s !== slot);
      const providerName = slot.providerIds[0] ? providers[slot.providerIds[0]] : undefined;
      const moved: Visit = {
        ...visit,
        start: request.start,
        end: request.end,
        provider: providerName ? { name: providerName } : visit.provider,
      };
      this.visits.set(id, moved);
      this.idempotent.set(key, moved);
      return ok(contract.visit, moved);
    });

    this.on('POST /api/visits/:id/invite', (_call, { id = '' }) => {
      this.requireSession();
      const visit = this.requireVisit(id);
      if (!canInvite(visit, Date.now())) throw new HttpError(409, 'conflict', 'Guests can no longer join this visit.');
      return ok(contract.invite, { url: `https://portal.example.test/visits/join/guest-${id}` });
    });

    this.on('GET /api/payment/options', () => {
      this.requireSession();
      return ok(contract.paymentOptions, this.payment);
    });

    this.on('POST /api/payment', (call) => {
      this.requireSession();
      const request = parse(contract.paymentRequest, call.body);
      const name = (id: string | null) => this.payment.insurers.find((i) => i.id === id)?.name ?? null;
      const cards: Coverage['cards'] = [];
      if (request.method === 'insurance') {
        for (const [order, card] of [['primary', request.primary], ['secondary', request.secondary]] as const) {
          if (!card) continue;
          if (card.insurerId !== null && !name(card.insurerId)) {
            throw new HttpError(400, 'bad_request', 'Some details need another look.', { [`${order}.insurerId`]: 'insurer_required' });
          }
          cards.push(
            card.insurerId === null
              ? { order, insurer: null, memberIdLast4: null, state: 'not_checked' }
              : { order, insurer: name(card.insurerId), memberIdLast4: card.memberId.replace(/[\s-]/g, '').slice(-4), state: 'checking' },
          );
        }
      }
      this.coverage = { method: request.method, cards, price: this.payment.price };
      return ok(contract.coverage, this.coverage);
    });

    this.on('GET /api/coverage', () => {
      this.requireSession();
      return ok(contract.coverage, this.coverage);
    });

    // The return link (decision 031): sealed on the real server; here a stand-in that says which visit.
    this.on('POST /api/visits/:id/return-link', (_call, { id = '' }) => {
      this.requireSession();
      const visit = this.requireVisit(id);
      if (visit.kind !== 'appointment' || visit.status === 'cancelled' || visit.status === 'completed') {
        throw new HttpError(409, 'conflict', 'A return link is made only for an upcoming appointment.');
      }
      return ok(contract.returnLink, { url: `http://localhost:3000/v/sealed-return-token-for-visit-${id}` });
    });

    // No session: the token alone opens its one visit, until the visit is over.
    const returned = (body: unknown) => {
      const { token } = parse(contract.returnRequest, body);
      const id = /^sealed-return-token-for-visit-(\w+)$/.exec(token)?.[1];
      const visit = id ? this.visits.get(id) : undefined;
      if (!visit || visit.status === 'cancelled' || visit.status === 'completed') {
        throw new HttpError(404, 'not_found', 'This link has expired: the visit it was for is over. You can book a new visit from the start page.');
      }
      return visit;
    };
    this.on('POST /api/return/visit', (call) => {
      const visit = returned(call.body);
      const joinOpensAt = new Date(Date.parse(visit.start) - contract.JOIN_WINDOW_MS).toISOString();
      return ok(contract.returnVisit, { visit: { ...visit, oneTimeLink: undefined }, joinOpensAt });
    });
    this.on('POST /api/return/handoff', (call) => {
      const visit = returned(call.body);
      if (visit.status !== 'in_progress' && Date.now() < Date.parse(visit.start) - contract.JOIN_WINDOW_MS) {
        throw new HttpError(409, 'conflict', 'Joining opens 15 minutes before the visit starts.');
      }
      return ok(contract.handoff, { url: `https://portal.example.test/join/${visit.id}` });
    });

    this.on('POST /api/handoff', (call) => {
      this.requireSession();
      const request = parse(contract.handoffRequest, call.body);
      if (request.target === 'dashboard') return ok(contract.handoff, { url: 'https://portal.example.test/u/clinic' });
      if (request.target === 'schedule') {
        if (!request.intakeId) throw new HttpError(400, 'bad_request', 'Which visit details?', { intakeId: 'required' });
        // A seeded intake (a test that starts at the time step) is an appointment's, as with availability.
        const intake = this.intakes.get(request.intakeId) ?? (request.intakeId.startsWith('seeded-') ? { kind: 'appointment' } : undefined);
        if (!intake) throw new HttpError(404, 'not_found', 'No such intake');
        if (intake.kind !== 'appointment') throw new HttpError(400, 'bad_request', 'These visit details were made for another kind of visit.');
        return ok(contract.handoff, { url: `https://portal.example.test/u/clinic?intake_id=${request.intakeId}&action=appointment#schedule-appointment` });
      }
      if (!request.visitId) throw new HttpError(400, 'bad_request', 'Which visit?');
      if (!canJoin(this.requireVisit(request.visitId), Date.now())) throw new HttpError(409, 'conflict', 'This visit has ended.');
      return ok(contract.handoff, { url: `https://portal.example.test/join/${request.visitId}` });
    });
  }

  /** Like the proxy: a visit type and provider must be the clinic's own. */
  private choose(want: { visitTypeId?: string; providerId?: string }): { visitType?: VisitType; providerId?: string } {
    const visitType = want.visitTypeId === undefined ? undefined : this.clinic.visitTypes.find((t) => t.id === want.visitTypeId);
    if (want.visitTypeId !== undefined && !visitType) {
      throw new HttpError(400, 'bad_request', 'That kind of visit is not offered. Please choose again.', { visitTypeId: 'invalid' });
    }
    if (want.providerId !== undefined && !this.clinic.providers.some((p) => p.id === want.providerId)) {
      throw new HttpError(400, 'bad_request', 'That provider is not available here. Please choose again.', { providerId: 'invalid' });
    }
    return { visitType, providerId: want.providerId };
  }

  /** Like the proxy: a visit booked for someone named with the intake says for whom. */
  private patientOf(intake: contract.IntakeRequest | undefined): Pick<Visit, 'patientName'> {
    return intake?.forSomeone ? { patientName: `${intake.forSomeone.firstName} ${intake.forSomeone.lastName}` } : {};
  }

  /** The visit's modality follows its intake's visit type; a phone visit says which number is called. */
  private modalityOf(intake: contract.IntakeRequest | undefined): Pick<Visit, 'modality' | 'callNumber'> {
    const type = intake?.visitTypeId ? this.clinic.visitTypes.find((t) => t.id === intake.visitTypeId) : undefined;
    const modality = type?.modality ?? 'video';
    return modality === 'phone' && intake?.phone ? { modality, callNumber: intake.phone } : { modality };
  }
}

function parse<S extends z.core.$ZodType>(schema: S, value: unknown): z.output<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || '_';
    fields[field] ??= issue.message;
  }
  throw new HttpError(400, 'bad_request', 'Some details need fixing.', fields);
}

/** Answers are checked against the contract too, so the fake cannot drift from it. */
function ok<S extends z.core.$ZodType>(schema: S, body: z.input<S>, status = 200): Reply {
  return { status, body: z.parse(schema, body) };
}

function idempotencyKey(call: RecordedCall): string {
  const key = call.headers.get(contract.IDEMPOTENCY_HEADER);
  if (!key) throw new HttpError(400, 'bad_request', 'Idempotency-Key header is required');
  return key;
}

function json(status: number, body: unknown): Response {
  if (body === undefined || status === 204) return new Response(null, { status });
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Install a fresh fake as the global fetch (undone after each test by the setup file). */
export function installFakeApi(seed: FakeApiSeed = {}): FakeApi {
  const api = new FakeApi(seed);
  vi.stubGlobal('fetch', api.fetch);
  return api;
}
