/**
 * VSee Clinic as a clinic backend (server/backend/clinic-backend.ts): the route code of the first
 * rounds, moved behind the interface. Walk-in: intake → add_walkin; appointment: intake →
 * availability → POST /visits; e-consult: intake → add_econsult; every booking exactly once
 * (booking-mark.ts); handoff through the portal's SSO link with a token minted just before.
 */
import { z } from 'zod';
import { OUT_OF_AREA_ID, usStateName, type ClinicProvider, type OtherPerson, type Slot, type Visit, type VisitType } from '../../src/api/contract';
import { canCancel, canJoin, canReschedule } from '../../src/api/visit-rules';
import type {
  AreaStatus,
  Capabilities,
  ClinicBackend,
  ClinicFacts,
  IntakeRecord,
  Openness,
  PatientBackend,
  PatientIdentity,
  PatientSession,
  ServiceArea,
  SignIn,
  WaitEstimate,
} from '../backend/clinic-backend';
import { roundWait } from '../backend/clinic-backend';
import type { Config } from '../config';
import { noteRequest } from '../ops/request-context';
import { bookOnce } from '../proxy/booking-mark';
import { audit, type Logger } from '../proxy/logger';
import { Problem, toProblem, UPSTREAM_MESSAGE } from '../proxy/problem';
import type { ReadCache } from '../proxy/read-cache';
import { sso } from '../proxy/sso';
import type { KvStore } from '../proxy/stores/store';
import { createWaitEstimates, type WaitEstimates } from '../proxy/wait-estimate';
import { presentVisit, toVisit } from '../proxy/visit-view';
import { VseeError, type VseeClient } from './client';
import { modalityFromSubtype, VISIT_TYPE } from './codes';
import { dependentCode } from './dependents';
import { customFields } from './intake-fields';
import { createVseePatientCalls, type VseePatientCalls } from './patient-calls';
import { authUrl, portalPath, scheduleFromIntakePath } from './portal';
import {
  availabilitySlot,
  closed as closedAnswer,
  consultation,
  intakeCreated,
  personName,
  room as roomSchema,
  roomProvider,
  visit as vseeVisit,
  type VseeVisit,
} from './schemas';

export interface VseeBackendDeps {
  config: Config;
  vsee: VseeClient;
  kv: KvStore;
  log: Logger;
  now: () => number;
  reads: ReadCache;
  /** Walk-in waits learnt from the visits this proxy saw start (default: over `kv`). */
  waits?: WaitEstimates;
}

/** A VSee patient backend also hands out its VSee calls, for the VSee-only routes (payment, invite, summary, reschedule). */
export interface VseePatientBackend extends PatientBackend {
  readonly vsee: VseePatientCalls;
}

const ROOM_CACHE_MS = 60_000;
/** Rooms remembered at once; anyone can ask for any code, so the cache must not grow without end. */
const MAX_CACHED = 500;

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export const ROOM_NOT_FOUND = () => new Problem(404, 'not_found', 'We could not find this waiting room.');
const SLOT_TAKEN = () => new Problem(409, 'slot_taken', 'Someone else just booked that time. Please choose another.');
/** The same words as DexCare's out-of-region refusal: the patient is where the clinic's providers are not licensed. */
const NOT_SERVED = () => new Problem(409, 'conflict', 'The clinic does not see patients in this state.');

function slotTaken(err: unknown): boolean {
  // VSee answers 400 with a message when the slot is gone; the patient must pick another.
  return err instanceof VseeError && err.status === 400 && /no longer available|not available|taken/i.test(err.message);
}

/** The room's public facts, as the patient API's `clinic` answer has carried them. */
interface RoomFacts {
  name: string;
  timezone: string;
  walkin: boolean;
  appointment: boolean;
  isClosed: boolean;
  closeMessage: string | null;
  visitTypes: VisitType[];
  providers: ClinicProvider[];
}

/**
 * The room's consultation types a patient can choose (decision 052): those with an id, a length
 * and not hidden from patients. A price only when VSee charges for it.
 */
export function visitTypesOf(r: z.infer<typeof roomSchema>): VisitType[] {
  const currency = (r.payment?.currency ?? r.payment?.paymentCurrency ?? 'USD').toUpperCase();
  const out: VisitType[] = [];
  for (const raw of r.payment?.consultations ?? []) {
    const c = consultation.safeParse(raw);
    if (!c.success || !c.data.id || c.data.visible_to_patient === false) continue;
    const minutes = c.data.duration ?? 0;
    if (!Number.isInteger(minutes) || minutes <= 0 || minutes > 24 * 60) continue;
    const amount = c.data.amount ?? 0;
    const charged = c.data.charge !== false && amount > 0 && /^[A-Z]{3}$/.test(currency);
    out.push({
      id: c.data.id,
      description: c.data.description?.trim() || `${minutes} min`,
      minutes,
      price: charged ? { amount, currency } : null,
      // An e-consult is not a visit type here: it has its own way in.
      modality: modalityFromSubtype(c.data.subtype) === 'econsult' ? 'video' : modalityFromSubtype(c.data.subtype),
    });
  }
  return out;
}

/** A photo link the browser may load: an absolute http(s) URL, else none. */
function photoLink(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

export function createVseeBackend(deps: VseeBackendDeps): ClinicBackend & { forPatient(s: PatientSession): VseePatientBackend; room(code?: string): Promise<RoomFacts> } {
  const { config } = deps;
  const portal = config.vsee.portalUrl;
  const cache = new Map<string, { at: number; value: RoomFacts }>();
  const waits = deps.waits ?? createWaitEstimates(deps.kv, { log: deps.log });
  // SERVICE_STATES: the states the clinic's providers are licensed in; unset, every state.
  const served = config.serviceStates ? new Set<string>(config.serviceStates) : null;
  const isServed = (state: string) => usStateName(state) !== null && (served === null || served.has(state));

  const capabilities: Capabilities = {
    visitKinds: config.econsult ? ['walkin', 'appointment', 'econsult'] : ['walkin', 'appointment'],
    serviceAreas: served !== null,
    // Learnt from the walk-ins frontdesk saw start: null until it has enough (decision 065).
    waitEstimate: true,
    // Through the intake's "on behalf of" patient, when dependents' codes can be keyed (decision 067).
    forSomeoneElse: config.dependentCodeSecret !== null,
    someoneElseDetails: config.dependentCodeSecret !== null,
    billing: [],
    visitStatus: true,
    cancel: true,
    appointmentTimes: true,
    dashboard: true,
    scheduleOnSite: true,
    guestBooking: config.guestBooking,
  };

  /**
   * The room lookup failed. Nobody is signed in yet, so this is never "your session has ended":
   * the patient hears that online booking is not available, the operator reads what is wrong.
   */
  function roomProblem(err: unknown): Problem {
    if (!(err instanceof VseeError)) return toProblem(err);
    const hint =
      err.status === 401 || err.status === 403
        ? 'VSee refused the account: check VSEE_ACCOUNT_CODE (and that the key may read this room)'
        : err.status === 404
          ? `VSee has no room "${config.vsee.roomCode}": check VSEE_ROOM_CODE`
          : err.status >= 500 || err.status === 0
            ? `VSee did not answer usefully (${err.kind}${err.status ? ` ${err.status}` : ''}): check VSEE_API_BASE or VSee's status`
            : `VSee answered ${err.status}`;
    deps.log.error({ err: { name: err.name, kind: err.kind, status: err.status } }, `clinic room lookup failed: ${hint}. Run \`npm run doctor\`.`);
    const misconfigured = err.status >= 400 && err.status < 500;
    return new Problem(
      misconfigured ? 503 : 502,
      'upstream_unavailable',
      misconfigured ? 'Online booking is not available right now. Please call the clinic, or try again later.' : UPSTREAM_MESSAGE,
    );
  }

  /** The clinic's room (VSEE_ROOM_CODE), or a provider's own (`/r/{roomCode}`; unknown → 404, not cached). */
  async function room(code: string = config.vsee.roomCode): Promise<RoomFacts> {
    const hit = cache.get(code);
    if (hit && deps.now() - hit.at <= ROOM_CACHE_MS) return hit.value;
    let r;
    try {
      r = await deps.vsee.call({ method: 'GET', path: `rooms/${encodeURIComponent(code)}`, schema: roomSchema });
    } catch (err) {
      if (code !== config.vsee.roomCode && err instanceof VseeError && err.status === 404) throw ROOM_NOT_FOUND();
      throw roomProblem(err);
    }
    const isClosed = r.operation_settings?.is_closed ?? false;
    const value: RoomFacts = {
      name: r.name,
      timezone: r.operation_settings?.default_timezone ?? 'America/Los_Angeles',
      walkin: r.visits?.walkin?.enabled ?? true,
      appointment: r.visits?.appointment?.enabled ?? true,
      isClosed,
      closeMessage: isClosed ? (r.operation_settings?.close_msg ?? null) : null,
      visitTypes: visitTypesOf(r),
      providers: await providersOf(code),
    };
    cache.delete(code);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(code, { at: deps.now(), value });
    return value;
  }

  /**
   * The room's providers (GET /rooms/:code/providers, public). Choosing one is a convenience:
   * when VSee cannot say, the patient books with any available provider.
   */
  async function providersOf(code: string): Promise<ClinicProvider[]> {
    try {
      const list = await deps.vsee.call({ method: 'GET', path: `rooms/${encodeURIComponent(code)}/providers`, schema: z.array(z.unknown()) });
      const out: ClinicProvider[] = [];
      for (const raw of list) {
        const p = roomProvider.safeParse(raw);
        const name = p.success ? personName(p.data) : null;
        if (!p.success || !name || !/^[0-9A-Za-z_-]{1,40}$/.test(p.data.id)) continue;
        out.push({ id: p.data.id, name, photoUrl: photoLink(p.data.photo) });
      }
      return out;
    } catch (err) {
      deps.log.warn({ err: { name: (err as Error).name, status: err instanceof VseeError ? err.status : undefined } }, 'room provider list unavailable: patients book with any provider');
      return [];
    }
  }

  /**
   * A visit type and provider named by the browser must be the room's own (its public lists):
   * a provider id is never a user code, and anything else is refused (decision 053).
   */
  function choose(r: RoomFacts, want: { visitTypeId?: string; providerId?: string }) {
    const visitType = want.visitTypeId === undefined ? undefined : r.visitTypes.find((t) => t.id === want.visitTypeId);
    if (want.visitTypeId !== undefined && !visitType) {
      throw new Problem(400, 'bad_request', 'That kind of visit is not offered. Please choose again.', { visitTypeId: 'invalid' });
    }
    if (want.providerId !== undefined && !r.providers.some((p) => p.id === want.providerId)) {
      throw new Problem(400, 'bad_request', 'That provider is not available here. Please choose again.', { providerId: 'invalid' });
    }
    return { visitType, providerId: want.providerId };
  }

  const opennessOf = (r: RoomFacts): Openness => (r.isClosed ? { open: false, reason: 'closed', message: r.closeMessage, opensAt: null } : { open: true });

  /** The wait for a walk-in joining this room now; none while it is closed or takes no walk-ins. */
  async function waitIn(code: string, r: RoomFacts): Promise<WaitEstimate | null> {
    if (r.isClosed || !r.walkin) return null;
    const seconds = await waits.estimate(code);
    return seconds === null ? null : roundWait(seconds);
  }

  /** SERVICE_STATES as service areas (sorted by name), and "Somewhere else". */
  const serviceAreas: ServiceArea[] | null = served
    ? [
        ...[...served].map((code) => ({ id: code, name: usStateName(code) ?? code, code, outOfArea: false })).sort((a, b) => a.name.localeCompare(b.name, 'en')),
        { id: OUT_OF_AREA_ID, name: 'Somewhere else', code: null, outOfArea: true },
      ]
    : null;

  async function clinic(roomCode?: string): Promise<ClinicFacts> {
    const r = await room(roomCode);
    const visitKinds = capabilities.visitKinds.filter((k) => (k === 'walkin' ? r.walkin : k === 'appointment' ? r.appointment : true));
    return {
      name: r.name,
      timezone: r.timezone,
      capabilities: { ...capabilities, visitKinds },
      openness: opennessOf(r),
      serviceAreas,
      visitTypes: r.visitTypes,
      providers: r.providers,
      wait: await waitIn(roomCode ?? config.vsee.roomCode, r),
    };
  }

  /** VSee's areas are US states: SERVICE_STATES's, or every one when it is unset. */
  async function areaStatus(areaId: string, roomCode?: string): Promise<AreaStatus> {
    if (!isServed(areaId)) {
      return { areaId, openness: { open: false, reason: 'out_of_area', message: null, opensAt: null }, wait: null, price: null };
    }
    const code = roomCode ?? config.vsee.roomCode;
    const r = await room(code);
    return { areaId, openness: opennessOf(r), wait: await waitIn(code, r), price: null };
  }

  async function startSession(who: SignIn): Promise<PatientIdentity> {
    const t = await sso(deps.vsee, who);
    return { backend: 'vsee', userCode: who.code, ...t };
  }

  function forPatient(s: PatientSession): VseePatientBackend {
    const calls = createVseePatientCalls(deps, s);
    const roomOf = (intake: IntakeRecord) => intake.room ?? config.vsee.roomCode;
    /** The patient a visit is for: the one its intake was made on behalf of, else this patient. */
    const memberOf = (intake: IntakeRecord) => intake.forMember ?? calls.memberId;

    /**
     * Someone this patient books for, as a VSee patient of their own: SSO with a code the server
     * derives from the patient's own code and the person's name and birth date (decision 067).
     */
    async function signInDependent(person: OtherPerson): Promise<string> {
      const secret = config.dependentCodeSecret;
      if (!secret) throw new Problem(403, 'forbidden', 'Booking for someone else is not available at this clinic.');
      const code = dependentCode(secret, s.userCode, person);
      const t = await sso(deps.vsee, { code, firstName: person.firstName, lastName: person.lastName, dob: person.dob });
      if (t.memberId === calls.memberId) throw new Problem(400, 'bad_request', 'Please give the details of the person the visit is for.', { forSomeone: 'invalid' });
      return t.memberId;
    }

    async function book(kind: Visit['kind'], intake: IntakeRecord, signal: AbortSignal, create: (signal: AbortSignal) => Promise<VseeVisit>) {
      const { visit, recovered } = await bookOnce(deps, calls, { kind, intakeId: intake.id, memberId: memberOf(intake), signal, create });
      if (recovered) noteRequest('recovered'); // for metrics: booked after a lost answer
      // Its start, when it comes, teaches the room's wait (decision 065).
      if (kind === 'walkin') await waits.joined(visit.id, roomOf(intake), deps.now());
      return presentVisit(visit, portal, calls.memberId);
    }

    /** A read that finds a walk-in started: its wait is learnt (once, however many reads see it). */
    async function seen(v: VseeVisit): Promise<Visit> {
      const out = presentVisit(v, portal, calls.memberId);
      // A visit seen only once it had ended counts only when VSee says when it started.
      const startedAt = out.status === 'in_progress' ? (v.actual_start ?? deps.now() / 1000) : out.status === 'completed' ? v.actual_start : null;
      if (out.kind === 'walkin' && startedAt) await waits.started(v.id, startedAt * 1000);
      return out;
    }

    return {
      vsee: calls,

      async createIntake(input) {
        // A provider's room must exist (404 otherwise); it is the only room this intake books into.
        const code = input.room ?? config.vsee.roomCode;
        // The browser is not trusted with licensure: a visit in a state the clinic does not serve is
        // refused here. An e-consult is what the out-of-area page still offers (decision 066).
        if (input.kind !== 'econsult' && !isServed(input.area)) throw NOT_SERVED();
        const { visitType, providerId } = choose(await room(code), input);
        const forMember = input.forSomeone ? await signInDependent(input.forSomeone) : undefined;
        const intake = await calls.call({
          method: 'POST',
          path: 'intakes',
          schema: intakeCreated,
          body: {
            type: input.kind === 'walkin' ? VISIT_TYPE.walkin : VISIT_TYPE.appointment,
            reason_for_visit: input.reason,
            room_code: code,
            location: input.area,
            phone: input.phone,
            provider_id: providerId,
            // §4.2: "Take the consultation objects from GET /rooms/:code"; availability then follows its length.
            consultation: visitType
              ? JSON.stringify({ id: visitType.id, description: visitType.description, duration: visitType.minutes, amount: visitType.price?.amount ?? 0 })
              : undefined,
            ...customFields(config.intakeQuestions, input.answers ?? {}),
            // Seed 002: "Patient's code ID on behalf of whom the intake will be created" (decision 067).
            ...(forMember ? { member_id: forMember, custom_relationship: input.forSomeone!.relationship } : {}),
          },
        });
        return {
          id: intake.id,
          kind: input.kind,
          ...(forMember ? { forMember } : {}),
          ...(input.room ? { room: input.room } : {}),
          ...(visitType ? { visitTypeId: visitType.id } : {}),
          ...(providerId ? { providerId } : {}),
        };
      },

      async availability(q) {
        let intakeId: string | undefined = q.intake?.id;
        let roomCode = q.intake ? roomOf(q.intake) : config.vsee.roomCode;
        // The query's type and provider win (the patient changed them on the time step); else the intake's.
        const wanted = { visitTypeId: q.visitTypeId ?? q.intake?.visitTypeId, providerId: q.providerId ?? q.intake?.providerId };
        if (!q.intake) {
          // Moving an appointment: search with that visit's intake, in its own room.
          const v = await calls.ownVisit(q.visitId ?? '');
          if (!canReschedule(toVisit(v), deps.now())) throw new Problem(409, 'conflict', 'Only an upcoming appointment can be moved to another time.');
          intakeId = v.intake_id ?? undefined;
          roomCode = v.room_code || config.vsee.roomCode;
        }
        const { visitType, providerId } =
          wanted.visitTypeId !== undefined || wanted.providerId !== undefined ? choose(await room(roomCode), wanted) : { visitType: undefined, providerId: undefined };
        const from = Math.max(unix(q.from), Math.floor(deps.now() / 1000));
        const to = unix(q.to);
        const slots = await calls.call({
          method: 'GET',
          path: 'availability',
          schema: z.array(availabilitySlot),
          query: {
            start: from,
            end: to,
            intake_id: intakeId,
            member_id: calls.memberId,
            room_code: roomCode,
            consultation_id: visitType?.id,
            provider_id: providerId,
          },
        });
        return slots
          .filter((x) => x.start >= from && x.end <= to && x.end > x.start)
          .sort((a, b) => a.start - b.start)
          .map((x): Slot => ({ start: new Date(x.start * 1000).toISOString(), end: new Date(x.end * 1000).toISOString(), providerIds: x.providers }));
      },

      async createVisit(input) {
        // Someone else is named with the intake here (someoneElseDetails), not chosen from linked dependents.
        if (input.forWhom.who !== 'self') throw new Problem(400, 'bad_request', 'Whom the visit is for is given with its details.', { 'forWhom.dependentId': 'invalid' });
        const { intake } = input;
        const signal = input.signal ?? AbortSignal.timeout(config.booking.timeoutMs);
        if (input.kind === 'appointment') {
          const slot = input.slot;
          if (!slot) throw new Problem(400, 'bad_request', 'Which time? start and end are required.', { start: 'required' });
          // The provider picked beside the time must be the room's own; else the intake's choice.
          const providerId = input.providerId !== undefined ? choose(await room(roomOf(intake)), { providerId: input.providerId }).providerId : intake.providerId;
          try {
            return await book('appointment', intake, signal, (sig) =>
              calls.call({
                method: 'POST',
                path: 'visits',
                schema: vseeVisit,
                signal: sig,
                body: {
                  member_id: memberOf(intake),
                  slot_start: unix(slot.start),
                  slot_end: unix(slot.end),
                  type: VISIT_TYPE.appointment,
                  intakeId: intake.id, // sic: VSee's sample spells it in camel case
                  room_code: roomOf(intake),
                  // "schedule the visit using the selected intake, provider (if applicable), and room slot" (§5.1)
                  provider_id: providerId,
                },
              }),
            );
          } catch (err) {
            if (slotTaken(err)) throw SLOT_TAKEN();
            throw err;
          }
        }
        if (input.kind === 'econsult' && !config.econsult) throw new Problem(403, 'forbidden', 'This clinic does not take e-consults.');
        // Walk-ins and e-consults: one VSee call with the intake and the room, no slot to choose.
        return book(input.kind, intake, signal, (sig) =>
          calls.call({
            method: 'POST',
            path: input.kind === 'walkin' ? 'visits/add_walkin' : 'visits/add_econsult',
            schema: vseeVisit,
            signal: sig,
            // member_id only on someone's behalf: the documented samples send none for oneself.
            body: { intake_id: intake.id, room_code: roomOf(intake), ...(intake.forMember ? { member_id: intake.forMember } : {}) },
          }),
        );
      },

      async visits() {
        const all = await calls.listVisits();
        // GET /visits lists the token's own visits and those it booked for someone (decision 067);
        // one that is neither is not shown.
        return Promise.all(all.filter((v) => !v.member_id || calls.owns(v)).map(seen));
      },

      async visit(id) {
        return seen(await calls.ownVisit(id));
      },

      async cancel(id, reason) {
        const v = await calls.ownVisit(id, { fresh: true });
        const current = toVisit(v);
        // Cancelling is idempotent: a retry whose first answer was lost finds the visit cancelled.
        if (current.status === 'cancelled') return presentVisit(v, portal, calls.memberId);
        if (!canCancel(current, deps.now())) throw new Problem(409, 'conflict', 'This visit has already started or ended, so it cannot be cancelled.');
        if (reason === 'max_waiting_time_reached') {
          const limit = config.walkinMaxWaitMinutes * 60_000;
          const waited = deps.now() - Date.parse(current.start);
          // Only the clinic's own limit closes a visit for waiting too long (5 s of clock slack).
          if (current.kind !== 'walkin' || !limit || waited + 5000 < limit) {
            throw new Problem(400, 'bad_request', 'This visit has not reached the clinic’s maximum waiting time.');
          }
        }
        try {
          await calls.call({ method: 'POST', path: 'visits/close', schema: closedAnswer, body: { id: v.id, reason } });
        } catch (err) {
          // The answer was lost: read the visit again; if VSee closed it, that is the answer.
          if (!(err instanceof VseeError) || !err.ambiguous) throw err;
          const after = await calls.ownVisit(v.id, { fresh: true }).catch(() => null);
          if (!after || toVisit(after).status !== 'cancelled') throw err;
          return presentVisit(after, portal, calls.memberId);
        }
        return presentVisit(await calls.ownVisit(v.id, { fresh: true }), portal, calls.memberId);
      },

      async waitFor(id) {
        const v = await calls.ownVisit(id);
        const current = presentVisit(v, portal, calls.memberId);
        if (current.kind !== 'walkin' || (current.status !== 'pending' && current.status !== 'confirmed')) return null;
        const code = v.room_code || config.vsee.roomCode;
        const r = await room(code).catch(() => null);
        if (!r || r.isClosed) return null;
        const seconds = await waits.estimate(code);
        if (seconds === null) return null;
        // The room's usual wait less what this patient has waited already (decision 065).
        const waited = Math.max(0, deps.now() - Date.parse(current.start)) / 1000;
        return roundWait(seconds - waited);
      },

      async handoffUrl(target) {
        let next: string;
        if (target.target === 'visit') {
          const v = await calls.ownVisit(target.visitId);
          if (!canJoin(toVisit(v), deps.now())) throw new Problem(409, 'conflict', 'This visit has ended. You can book a new one from the start page.');
          next = portalPath('start-visit', v.id);
        } else if (target.target === 'schedule') {
          // Step 3b: VSee's own scheduling page, with the intake this session made for an appointment.
          next = scheduleFromIntakePath(target.intake.id);
        } else {
          next = portalPath('dashboard');
        }
        // The portal link carries a token minted just now, for this one handoff.
        const ssoToken = await calls.freshToken();
        audit(deps.log, 'sso_mint', { member: calls.memberId });
        return authUrl(portal, { ssoToken, next, disableNavigation: config.disableNavigation });
      },
    };
  }

  /**
   * Open times before sign-in: VSee's availability without a user token (seed 002, "beta": the
   * app's key and secret). No intake yet, so no provider ids either — who is free is the
   * clinic's business until a patient books (decision 030).
   */
  async function openAvailability(q: { from: string; to: string; visitTypeId?: string; providerId?: string; room?: string }): Promise<Slot[]> {
    const roomCode = q.room ?? config.vsee.roomCode;
    const { visitType, providerId } =
      q.visitTypeId !== undefined || q.providerId !== undefined ? choose(await room(roomCode), q) : { visitType: undefined, providerId: undefined };
    const from = Math.max(unix(q.from), Math.floor(deps.now() / 1000));
    const to = unix(q.to);
    const slots = await deps.vsee.call({
      method: 'GET',
      path: 'availability',
      appAuth: true,
      schema: z.array(availabilitySlot),
      query: { start: from, end: to, room_code: roomCode, consultation_id: visitType?.id, provider_id: providerId },
    });
    return slots
      .filter((x) => x.start >= from && x.end <= to && x.end > x.start)
      .sort((a, b) => a.start - b.start)
      .map((x): Slot => ({ start: new Date(x.start * 1000).toISOString(), end: new Date(x.end * 1000).toISOString(), providerIds: [] }));
  }

  return { name: 'vsee', capabilities, clinic, areaStatus, openAvailability, startSession, forPatient, room };
}
