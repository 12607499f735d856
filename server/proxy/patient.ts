/**
 * The signed-in patient, one per request (`c.var.patient`): VSee calls with the patient's token —
 * re-minted with the stored user code when it has expired or VSee answers 401 — ownership checks,
 * and the session's intakes. Routes never see a token or store a session back: the middleware
 * re-seals the cookie after the route with whatever changed.
 */
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { VisitKind } from '../../src/api/contract';
import { VseeError, type VseeCall } from '../vsee/client';
import { visit as vseeVisit, type VseeVisit } from '../vsee/schemas';
import type { ProxyDeps, ProxyEnv } from './context';
import { audit } from './logger';
import { Problem, problemResponse, SESSION_CHECK_MESSAGE } from './problem';
import type { SessionData, SessionIntake } from './session';
import { sso } from './sso';
import { VISIT_ID } from './visit-view';

/** A VSee call on the patient's behalf: the token is the handle's business. */
export type PatientCall<T extends z.ZodType> = Omit<VseeCall<T>, 'token' | 'appAuth'>;

export interface PatientHandle {
  /** The VSee member id: the one identity every ownership check compares with. */
  readonly memberId: string;
  readonly session: Readonly<SessionData>;
  /** One VSee call with a valid token (re-minted once on expiry or 401). */
  call<T extends z.ZodType>(c: PatientCall<T>): Promise<z.output<T>>;
  /** Reads one visit and proves it is this patient's; anything else is 404 "not found". */
  ownVisit(id: string, opts?: { signal?: AbortSignal; fresh?: boolean }): Promise<VseeVisit>;
  /** The member's visits (GET /visits), briefly cached like ownVisit(). */
  listVisits(): Promise<VseeVisit[]>;
  /** A token minted just now, for one portal handoff. */
  freshToken(): Promise<string>;
  /** The intake of this session with this id, or 404. */
  ownIntake(id: string): SessionIntake;
  addIntake(intake: SessionIntake): void;
  /** The intake was booked: it cannot be booked again. */
  consumeIntake(id: string): void;
}

const NOT_FOUND_VISIT = 'We could not find that visit.';

function createPatientHandle(deps: Pick<ProxyDeps, 'vsee' | 'now' | 'reads'>, initial: SessionData): PatientHandle {
  let s: SessionData = initial;
  const nowS = () => Math.floor(deps.now() / 1000);

  async function remint(signal?: AbortSignal) {
    const t = await sso(deps.vsee, { code: s.userCode, firstName: s.firstName, lastName: s.lastName }, signal);
    if (t.memberId !== s.memberId) throw new VseeError(0, 'VSee returned another user for the same code', 'malformed');
    s = { ...s, apiToken: t.apiToken, apiTokenExpires: t.apiTokenExpires };
  }

  async function call<T extends z.ZodType>(c: PatientCall<T>): Promise<z.output<T>> {
    if (c.method === 'GET') return send(c);
    // A write may change any visit of the member: what was cached for them is stale now, and so
    // is whatever a read running alongside the write brings back (hence after it too).
    deps.reads.forget(s.memberId);
    try {
      return await send(c);
    } finally {
      deps.reads.forget(s.memberId);
    }
  }

  async function send<T extends z.ZodType>(c: PatientCall<T>): Promise<z.output<T>> {
    if (s.apiTokenExpires - 60 <= nowS()) await remint(c.signal);
    try {
      return await deps.vsee.call({ ...c, token: s.apiToken });
    } catch (err) {
      if (!(err instanceof VseeError) || err.status !== 401) throw err;
      await remint(c.signal);
      return deps.vsee.call({ ...c, token: s.apiToken });
    }
  }

  return {
    get memberId() {
      return s.memberId;
    },
    get session() {
      return s;
    },
    call,
    async ownVisit(id, opts = {}) {
      if (!VISIT_ID.test(id)) throw new Problem(404, 'not_found', NOT_FOUND_VISIT);
      const path = `visits/${id}`;
      let v: VseeVisit;
      if (opts.fresh) {
        v = await call({ method: 'GET', path, schema: vseeVisit, signal: opts.signal });
        deps.reads.set(s.memberId, path, v);
      } else {
        // Shared by every tab (and stream) of this member asking now: one VSee call.
        v = await deps.reads.read(s.memberId, path, () => call({ method: 'GET', path, schema: vseeVisit }));
      }
      // Fail closed: a visit VSee does not say is this member's is nobody's.
      if (!v.member_id || v.member_id !== s.memberId) throw new Problem(404, 'not_found', NOT_FOUND_VISIT);
      return v;
    },
    listVisits() {
      return deps.reads.read(s.memberId, 'visits', () => call({ method: 'GET', path: 'visits', schema: z.array(vseeVisit) }));
    },
    async freshToken() {
      // A token for the portal alone: the session keeps its own API token, so the one that
      // travels in a URL is not also the one this session calls VSee with.
      const t = await sso(deps.vsee, { code: s.userCode, firstName: s.firstName, lastName: s.lastName });
      if (t.memberId !== s.memberId) throw new VseeError(0, 'VSee returned another user for the same code', 'malformed');
      return t.apiToken;
    },
    ownIntake(id) {
      const intake = s.intakes.find((i) => i.id === id);
      if (!intake) throw new Problem(404, 'not_found', 'We could not find your visit details. Please fill them in again.');
      return intake;
    },
    addIntake(intake) {
      s = { ...s, intakes: [...s.intakes.filter((i) => i.id !== intake.id), intake] };
    },
    consumeIntake(id) {
      s = { ...s, intakes: s.intakes.filter((i) => i.id !== id) };
    },
  };
}

/** Loads the session into `c.var.patient` or answers 401; after the route, re-seals the cookie. */
export function requirePatient(deps: ProxyDeps): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    let s: SessionData | null;
    try {
      s = await deps.sessions.read(c);
    } catch (err) {
      // Revocations cannot be checked: fail closed, but say it is us, not the patient.
      deps.log.error({ err: { name: (err as Error).name, message: (err as Error).message } }, 'session revocation check failed');
      return problemResponse(c, new Problem(503, 'upstream_unavailable', SESSION_CHECK_MESSAGE, undefined, 10));
    }
    // A session is good only with the backend that signed it in (CLINIC_BACKEND switched since):
    // another vendor's token must never be sent to this one.
    if (s && s.backend !== deps.config.clinicBackend) s = null;
    if (!s) {
      audit(deps.log, 'refused', { status: 401, reason: 'no_session', method: c.req.method, path: c.req.path });
      return problemResponse(c, new Problem(401, 'unauthorized', 'You are not signed in, or your session has ended.'));
    }
    const patient = createPatientHandle(deps, s);
    c.set('patient', patient);
    await next();
    await deps.sessions.write(c, patient.session);
  };
}

export type { VisitKind };
