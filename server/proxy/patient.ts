/**
 * The signed-in patient, one per request (`c.var.patient`): the clinic backend's calls on their
 * behalf (`backend`), the session's intakes, and — on VSee — the patient's VSee calls for the
 * VSee-only routes (payment, invite, summary, reschedule). Routes never see a token or store a
 * session back: the middleware re-seals the cookie after the route with whatever changed (a
 * re-minted token, intakes).
 */
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { VisitKind } from '../../src/api/contract';
import type { PatientBackend } from '../backend/clinic-backend';
import type { PatientCall, VseePatientCalls } from '../vsee/patient-calls';
import type { VseeVisit } from '../vsee/schemas';
import type { ProxyDeps, ProxyEnv } from './context';
import { audit } from './logger';
import { Problem, problemResponse, SESSION_CHECK_MESSAGE } from './problem';
import type { SessionData, SessionIntake } from './session';

export type { PatientCall };

export interface PatientHandle {
  /** The vendor's id of the patient: the one identity every ownership check compares with. */
  readonly memberId: string;
  readonly session: Readonly<SessionData>;
  /** The clinic backend, on this patient's behalf. */
  readonly backend: PatientBackend;
  /** One VSee call with a valid token (VSee only; elsewhere "no such API call"). */
  call<T extends z.ZodType>(c: PatientCall<T>): Promise<z.output<T>>;
  /** Reads one VSee visit and proves it is this patient's; anything else is 404 "not found". */
  ownVisit(id: string, opts?: { signal?: AbortSignal; fresh?: boolean }): Promise<VseeVisit>;
  listVisits(): Promise<VseeVisit[]>;
  freshToken(): Promise<string>;
  /** The intake of this session with this id, or 404. */
  ownIntake(id: string): SessionIntake;
  addIntake(intake: SessionIntake): void;
  /** The intake was booked: it cannot be booked again. */
  consumeIntake(id: string): void;
}

/** A VSee-only call on another backend: the patient API has no such call there. */
const NO_SUCH_CALL = () => new Problem(404, 'not_found', 'There is no such API call.');

function createPatientHandle(deps: ProxyDeps, initial: SessionData): PatientHandle {
  let s: SessionData = initial;
  const backend = deps.backend.forPatient(s);
  const vsee = (backend as Partial<{ vsee: VseePatientCalls }>).vsee ?? null;
  const vseeCalls = (): VseePatientCalls => {
    if (!vsee) throw NO_SUCH_CALL();
    return vsee;
  };

  return {
    get memberId() {
      return s.memberId;
    },
    get session() {
      // A token the backend re-minted during this request goes back into the cookie.
      return vsee ? { ...s, ...pickToken(vsee.identity()) } : s;
    },
    backend,
    call: (c) => vseeCalls().call(c),
    ownVisit: (id, opts) => vseeCalls().ownVisit(id, opts),
    listVisits: () => vseeCalls().listVisits(),
    freshToken: () => vseeCalls().freshToken(),
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

const pickToken = (i: { apiToken: string; apiTokenExpires: number }) => ({ apiToken: i.apiToken, apiTokenExpires: i.apiTokenExpires });

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
    if (s && s.backend !== deps.backend.name) s = null;
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
