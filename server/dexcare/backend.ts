/**
 * DexCare v8 as a clinic backend (server/backend/clinic-backend.ts), over the client in
 * ./client.ts. What DexCare's v8 page gives, in the patient API's terms:
 *
 * - practice regions → service areas, plus "Somewhere else" (the page's "Other": out of area);
 * - a region's availability reason → a closed reason (busy, off hours with the next opening, no
 *   provider on call; NO_REGIONS_FOUND → out of area);
 * - the region's wait → minutes rounded up to 5, "more than an hour" above that;
 * - on-demand video visits for the patient (`declaration: self`) or someone the health system
 *   linked to them (`declaration: other`, the signed-in person as `actor`), paid by insurance or a
 *   coupon / service key (no card: there is no real payment field to take one);
 * - the handoff to DexCare's waiting room, `{DEXCARE_WAITING_ROOM_URL}DexCare/visit/{visitId}?brand={DEXCARE_BRAND}`.
 *
 * v8 has no call to read a visit back or cancel it (docs/decisions/056-…): the visits a patient
 * booked here are remembered in the shared store (ids and times only) so the patient can find and
 * rejoin them; what became of them is DexCare's waiting room's to say.
 */
import { randomUUID } from 'node:crypto';
import type { Price, Slot, Visit } from '../../src/api/contract';
import type {
  AreaStatus,
  Billing,
  Capabilities,
  ClinicBackend,
  ClinicFacts,
  ClosedReason,
  Contact,
  Openness,
  PatientBackend,
  PatientIdentity,
  PatientSession,
  ServiceArea,
  SignIn,
} from '../backend/clinic-backend';
import { roundWait } from '../backend/clinic-backend';
import type { Config } from '../config';
import type { Logger } from '../proxy/logger';
import { Problem, STORE_DOWN_MESSAGE, UPSTREAM_MESSAGE } from '../proxy/problem';
import type { KvStore } from '../proxy/stores/store';
import { DexcareError, type DexcareClient } from './client';
import { OTHER_REGION_ID, regionChoices } from './regions';
import type { AvailabilityReason, BillingInfo, Practice, PracticeRegion, VisitRequest } from './schemas';
import { waitingRoomUrl } from './waiting-room';

/** How long the practice (regions, prices, opening windows) is reused: it changes when DexCare staff change it. */
const PRACTICE_CACHE_MS = 30_000;
/** How long the visits a patient booked are remembered: longer than any session that could rejoin one. */
const VISITS_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_REMEMBERED = 20;
/** A DexCare session lasts as long as frontdesk's own (2 h absolute): the token's life is the host's business. */
const TOKEN_SECONDS = 2 * 60 * 60;

export const DEXCARE_CAPABILITIES: Capabilities = {
  visitKinds: ['walkin'],
  serviceAreas: true,
  waitEstimate: true,
  forSomeoneElse: true,
  // DexCare's "someone else" is one of the launch's dependents, chosen before joining.
  someoneElseDetails: false,
  billing: ['insurance', 'coupon'],
  visitStatus: false,
  cancel: false,
  appointmentTimes: false,
  dashboard: false,
  // v8 has no scheduling page of its own (handoffUrl refuses `schedule`).
  scheduleOnSite: false,
  guestBooking: false,
};

/** The patient-facing words for a region that cannot see patients now (the SPA says them in the patient's language). */
const REASON: Record<AvailabilityReason, ClosedReason> = {
  NO_REGIONS_FOUND: 'out_of_area',
  REGION_BUSY: 'busy',
  OFF_HOURS: 'off_hours',
  NO_ONCALL_PROVIDERS: 'no_provider_on_call',
};

const CLOSED_MESSAGE: Record<AvailabilityReason, string> = {
  NO_REGIONS_FOUND: 'The clinic does not see patients in this state.',
  REGION_BUSY: 'The clinic is seeing more patients than usual right now. Please try again in a little while.',
  OFF_HOURS: 'The clinic is closed now in this state. Please come back when it opens.',
  NO_ONCALL_PROVIDERS: 'No provider is on call for this state right now. Please try again later.',
};

const NOT_FOUND_VISIT = 'We could not find that visit.';
/** The visit POST's answer was lost: DexCare may have made it, and v8 cannot be asked (decision 015). */
export const MAY_EXIST_MESSAGE =
  'We did not hear back from the clinic, so we cannot tell whether your visit was made. Please do not book again yet: call the clinic, or try again in a few minutes.';

export interface DexcareBackendOptions {
  config: Config['dexcare'];
  client: DexcareClient;
  /** The shared store: the visits each patient booked here (ids and times). */
  kv: KvStore;
  log: Logger;
  now: () => number;
  /**
   * Sandbox mode only: a guest on frontdesk's own page gets a sandbox patient, as the health
   * system's sign-in would give one (decision 014). null: guests are refused.
   */
  guestPatients: ((who: SignIn) => Promise<{ patientId: string; token: string }>) | null;
}

/** A stored visit: DexCare's id, when it was booked and the practice region's id (for its wait), nothing about the patient. */
interface Remembered {
  id: string;
  at: number;
  area?: string;
}

export function createDexcareBackend(opts: DexcareBackendOptions): ClinicBackend {
  const { config, client, kv, log, now } = opts;
  let cached: { at: number; value: Practice } | null = null;

  /** Turns a DexCare failure into what the patient is told; the operator's hint goes to the log. */
  function problem(err: unknown, op: string): Problem {
    if (err instanceof Problem) return err;
    if (!(err instanceof DexcareError)) return new Problem(500, 'internal', 'Something went wrong on our side. Please try again.');
    log.error({ err: { name: err.name, kind: err.kind, status: err.status, reason: err.reason }, op }, `DexCare ${op} failed`);
    // Not "conflict": in Spanish that reads "reload and try again", which cannot help here.
    if (err.reason) return new Problem(409, err.reason === 'NO_REGIONS_FOUND' ? 'conflict' : 'not_available_now', CLOSED_MESSAGE[err.reason]);
    if (err.status === 401 || err.status === 403) {
      return new Problem(401, 'unauthorized', 'Your sign-in with your health system has ended. Please go back to its website and open booking again.');
    }
    if (err.status === 404) {
      log.error(`DexCare has no practice "${config.practiceId}" (or no such call): check DEXCARE_PRACTICE_ID and DEXCARE_API_BASE`);
      return new Problem(503, 'upstream_unavailable', 'Online booking is not available right now. Please call the clinic, or try again later.');
    }
    // A 400 on a read is our request's fault, not the patient's: only the visit POST carries their details.
    if (err.status === 400 && op === 'createVisit') {
      if (/couponCode/.test(err.message)) {
        return new Problem(400, 'bad_request', 'That coupon code or service key was not accepted. Please check it, or choose another way to pay.', { couponCode: 'invalid' });
      }
      return new Problem(400, 'bad_request', `The clinic did not accept these details: ${err.message}`);
    }
    return new Problem(502, 'upstream_unavailable', UPSTREAM_MESSAGE, undefined, 10);
  }

  async function practice(): Promise<Practice> {
    if (cached && now() - cached.at < PRACTICE_CACHE_MS) return cached.value;
    let value: Practice;
    try {
      value = await client.practice(config.practiceId);
    } catch (err) {
      throw problem(err, 'practice');
    }
    cached = { at: now(), value };
    return value;
  }

  const priceOf = (r: PracticeRegion): Price => ({ amount: r.visitPrice, currency: 'USD' });

  /** The next opening of a region after now, from the practice answer's windows. */
  function opensAt(r: PracticeRegion | undefined): string | null {
    const t = now();
    const next = r?.availability.map((w) => Date.parse(w.start)).filter((s) => s > t).sort((a, b) => a - b)[0];
    return next === undefined ? null : new Date(next).toISOString();
  }

  const isOpenNow = (r: PracticeRegion) => r.availability.some((w) => Date.parse(w.start) <= now() && now() < Date.parse(w.end));

  function closed(reason: AvailabilityReason, r: PracticeRegion | undefined): Openness {
    return {
      open: false,
      reason: REASON[reason],
      message: reason === 'REGION_BUSY' && r?.busyMessage ? r.busyMessage : null,
      opensAt: reason === 'OFF_HOURS' ? opensAt(r) : null,
    };
  }

  function capabilitiesOf(p: Practice): Capabilities {
    const billing: Capabilities['billing'] = [];
    if (p.payment.insurance) billing.push('insurance');
    if (p.payment.serviceKey) billing.push('coupon');
    return { ...DEXCARE_CAPABILITIES, billing, guestBooking: opts.guestPatients !== null };
  }

  async function areaStatus(areaId: string): Promise<AreaStatus> {
    const outOfArea: AreaStatus = { areaId, openness: { open: false, reason: 'out_of_area', message: null, opensAt: null }, wait: null, price: null };
    if (areaId === OTHER_REGION_ID) return outOfArea;
    const p = await practice();
    // By id, or by the state's code (a patient who gave their state, as createIntake finds it).
    const region = p.practiceRegions.find((r) => r.id === areaId || (r.active && r.regionCode === areaId));
    // Not one of the practice's regions: nothing to ask DexCare (anyone may ask us anything).
    if (!region) return outOfArea;
    try {
      const a = await client.availability(region.id);
      if (!a.available) {
        const reason = a.reason ?? 'NO_REGIONS_FOUND';
        return { areaId, openness: closed(reason, region), wait: null, price: reason === 'NO_REGIONS_FOUND' ? null : priceOf(region) };
      }
      const w = await client.waitTime(region.id);
      return { areaId, openness: { open: true }, wait: roundWait(w.estimatedWaitTimeSeconds), price: priceOf(region) };
    } catch (err) {
      // Closed between the two calls: the wait's 400 names why, as an availability answer would.
      if (err instanceof DexcareError && err.status === 400 && err.reason) {
        return { areaId, openness: closed(err.reason, region), wait: null, price: priceOf(region) };
      }
      throw problem(err, 'availability');
    }
  }

  async function clinic(): Promise<ClinicFacts> {
    const p = await practice();
    const regions = p.practiceRegions.filter((r) => r.active);
    const serviceAreas: ServiceArea[] = regionChoices(p).map((r) =>
      r.outOfArea ? { id: r.id, name: 'Somewhere else', code: null, outOfArea: true } : { id: r.id, name: r.displayName, code: r.regionCode, outOfArea: false },
    );
    // The practice as a whole, from what its answer already says (no call per region): open when a
    // region is inside an opening window and not marked busy.
    const openRegions = regions.filter(isOpenNow);
    let openness: Openness = { open: true };
    if (regions.length === 0) openness = { open: false, reason: 'closed', message: null, opensAt: null };
    else if (openRegions.length === 0) {
      const next = regions.map(opensAt).filter((s): s is string => s !== null).sort()[0] ?? null;
      openness = { open: false, reason: 'off_hours', message: null, opensAt: next };
    } else if (openRegions.every((r) => r.busy)) openness = closed('REGION_BUSY', openRegions[0]);
    const insurers = p.payment.insurance && config.insurers.length > 0 ? { insurers: config.insurers } : {};
    return { name: p.displayName, timezone: config.timezone, capabilities: capabilitiesOf(p), openness, serviceAreas, visitTypes: [], providers: [], ...insurers };
  }

  async function startSession(who: SignIn): Promise<PatientIdentity> {
    let dexcare = who.dexcare;
    if (!dexcare && who.kind === 'guest' && opts.guestPatients) {
      try {
        dexcare = { ...(await opts.guestPatients(who)), dependents: [] };
      } catch (err) {
        throw problem(err, 'sandbox patient');
      }
    }
    if (!dexcare) {
      if (who.kind === 'guest') throw new Problem(403, 'forbidden', 'Booking here needs you to sign in on your health system’s website first.');
      // The host signed a launch without DexCare's patient: its set-up, not the patient's doing.
      log.error('launch token carries no dexcare_patient_id / dexcare_token: the host must add them in DexCare mode (docs/decisions/014)');
      throw new Problem(403, 'forbidden', 'Your health system’s sign-in did not include your clinic account. Please call the clinic, or try again later.');
    }
    return {
      backend: 'dexcare',
      userCode: who.code,
      memberId: dexcare.patientId,
      apiToken: dexcare.token,
      apiTokenExpires: Math.floor(now() / 1000) + TOKEN_SECONDS,
      dependents: dexcare.dependents,
    };
  }

  function forPatient(s: PatientSession): PatientBackend {
    if (s.backend !== 'dexcare') throw new Problem(401, 'unauthorized', 'You are not signed in, or your session has ended.');
    const key = `dxv:${s.memberId}`;

    async function remembered(): Promise<Remembered[]> {
      const raw = await kv.get(key);
      if (!raw) return [];
      try {
        const list = JSON.parse(raw) as unknown;
        return Array.isArray(list) ? list.filter((x): x is Remembered => typeof x?.id === 'string' && typeof x?.at === 'number') : [];
      } catch {
        return [];
      }
    }

    const present = (r: Remembered): Visit => {
      const at = new Date(r.at).toISOString();
      // v8 cannot say more: booked and waiting, as far as frontdesk knows (capabilities.visitStatus false).
      return { id: r.id, kind: 'walkin', status: 'pending', start: at, end: at, provider: null, modality: 'video' };
    };

    async function own(id: string): Promise<Remembered> {
      const r = (await remembered()).find((x) => x.id === id);
      if (!r) throw new Problem(404, 'not_found', NOT_FOUND_VISIT);
      return r;
    }

    return {
      async createIntake(input) {
        if (input.kind !== 'walkin') throw notOffered(input.kind);
        // v8 has one kind of visit and assigns the provider itself.
        if (input.visitTypeId !== undefined) throw new Problem(400, 'bad_request', 'That kind of visit is not offered. Please choose again.', { visitTypeId: 'invalid' });
        if (input.providerId !== undefined) throw new Problem(400, 'bad_request', 'That provider is not available here. Please choose again.', { providerId: 'invalid' });
        // Someone else is one of the launch's dependents, chosen before joining (someoneElseDetails: false).
        if (input.forSomeone !== undefined) throw new Problem(400, 'bad_request', 'Please choose whom the visit is for in the next step.', { forSomeone: 'invalid' });
        const p = await practice();
        // The region picked, or the one licensed for the state the patient said they are in.
        const region = p.practiceRegions.find((r) => r.active && (r.id === input.area || r.regionCode === input.area));
        if (!region) throw new Problem(409, 'conflict', CLOSED_MESSAGE.NO_REGIONS_FOUND);
        // DexCare has no intake call: what the visit needs waits in the session until booking.
        return { id: `dx-${randomUUID()}`, kind: 'walkin', area: region.id, reason: input.reason };
      },

      async availability() {
        throw notOffered('appointment');
      },

      async createVisit(input) {
        if (input.kind !== 'walkin') throw notOffered(input.kind);
        const { intake } = input;
        if (!intake.area || !intake.reason) throw new Problem(404, 'not_found', 'We could not find your visit details. Please fill them in again.');
        if (input.acceptedTerms !== true) throw new Problem(400, 'bad_request', 'Please accept the terms of the virtual visit.', { acceptedTerms: 'required' });
        if (!input.contact) throw new Problem(400, 'bad_request', 'Please give a phone number, email and address for this visit.', { contact: 'required' });
        if (!input.billing) throw new Problem(400, 'bad_request', 'Please choose how the visit is paid for.', { billing: 'payment_required' });
        const p = await practice();
        const region = p.practiceRegions.find((r) => r.id === intake.area);
        const department = region?.departments[0];
        if (!region || !department) {
          log.error({ op: 'createVisit' }, 'DexCare practice region has no department to book into');
          throw new Problem(503, 'upstream_unavailable', 'Online booking is not available right now. Please call the clinic, or try again later.');
        }
        if (input.billing.method === 'insurance' && !p.payment.insurance) throw new Problem(400, 'bad_request', 'This clinic does not take insurance here.', { billing: 'invalid' });
        if (input.billing.method === 'coupon' && !p.payment.serviceKey) throw new Problem(400, 'bad_request', 'This clinic does not take coupon codes.', { billing: 'invalid' });

        const phone = tenDigits(input.contact.phone);
        let patientId = s.memberId;
        let seen: { firstName: string; lastName: string; dob: string | undefined } = { firstName: s.firstName, lastName: s.lastName, dob: s.dob };
        let actor: VisitRequest['actor'];
        if (input.forWhom.who === 'other') {
          const { dependentId } = input.forWhom;
          const d = (s.dependents ?? []).find((x) => x.id === dependentId);
          if (!d) throw new Problem(400, 'bad_request', 'Please choose one of the people your health system lists for you.', { dependentId: 'invalid' });
          if (!s.dob) throw new Problem(400, 'bad_request', 'Your health system did not give your date of birth, which the clinic needs when you book for someone else.');
          patientId = d.id;
          seen = { firstName: d.firstName, lastName: d.lastName, dob: d.dob };
          actor = { firstName: s.firstName, lastName: s.lastName, phone, dateOfBirth: s.dob };
        }
        const body: VisitRequest = {
          patient: { identifier: patientId, phone, email: input.contact.email, address: address(input.contact) },
          ...(actor ? { actor } : {}),
          billingInfo: billingInfo(input.billing, seen),
          visitDetails: {
            practiceRegionId: region.id,
            ehrSystemName: department.ehrSystemName,
            departmentId: department.id,
            visitReason: intake.reason,
            declaration: input.forWhom.who,
            acceptedTerms: true,
          },
        };
        // Write-ahead mark, as for VSee (decision 006): v8 cannot be asked whether a lost visit
        // POST made a visit, so an intake whose attempt ended without an answer is never sent again.
        const markKey = `dxbook:${s.memberId}:${intake.id}`;
        let marked: boolean;
        let earlier: string | null = null;
        try {
          marked = await kv.setIfAbsent(markKey, 'pending', VISITS_TTL_MS);
          if (!marked) earlier = await kv.get(markKey);
        } catch (err) {
          log.error({ err: { name: (err as Error).name } }, 'DexCare booking mark store failed');
          throw new Problem(503, 'upstream_unavailable', STORE_DOWN_MESSAGE, undefined, 30);
        }
        if (!marked) {
          if (earlier?.startsWith('booked:')) throw new Problem(409, 'conflict', 'These visit details were already used for a booking. You can find it under My visits.');
          throw new Problem(409, 'conflict', MAY_EXIST_MESSAGE);
        }
        const unmark = () => kv.del(markKey).catch(() => {});
        let created;
        try {
          created = await client.createVisit(config.practiceId, s.apiToken, body);
        } catch (err) {
          // DexCare said no (or it never left): nothing was made, the intake may be tried again.
          if (!(err instanceof DexcareError) || !err.ambiguous) await unmark();
          // Our own check of the body before it leaves (client.ts): nothing reached DexCare.
          if (!(err instanceof DexcareError)) {
            throw new Problem(400, 'bad_request', 'Some details need another look before the clinic can take them.');
          }
          if (err.ambiguous) {
            log.error({ err: { name: err.name, kind: err.kind, status: err.status }, op: 'createVisit' }, 'DexCare visit POST: no usable answer; a visit may exist');
            throw new Problem(502, 'upstream_unavailable', MAY_EXIST_MESSAGE);
          }
          throw problem(err, 'createVisit');
        }
        await kv.set(markKey, `booked:${created.visitId}`, VISITS_TTL_MS).catch(() => {});
        const r: Remembered = { id: created.visitId, at: now(), area: region.id };
        try {
          const list = [...(await remembered()).filter((x) => x.id !== r.id), r].slice(-MAX_REMEMBERED);
          await kv.set(key, JSON.stringify(list), VISITS_TTL_MS);
        } catch (err) {
          // The visit exists: the patient gets it now; only finding it again later is lost.
          log.error({ err: { name: (err as Error).name } }, 'could not remember a DexCare visit in the shared store');
        }
        return present(r);
      },

      async visits() {
        return (await remembered()).map(present);
      },

      async visit(id) {
        return present(await own(id));
      },

      async waitFor(id) {
        const r = await own(id);
        // DexCare's region wait is its live queue's, so it is shown as DexCare gives it.
        return r.area ? (await areaStatus(r.area)).wait : null;
      },

      async cancel() {
        throw new Problem(403, 'forbidden', 'To leave, use the “Leave waiting room” button in the clinic’s waiting room.');
      },

      async handoffUrl(target) {
        if (target.target === 'schedule') throw notOffered('appointment');
        if (target.target !== 'visit') throw new Problem(403, 'forbidden', 'This clinic has no patient dashboard to open. Open one of your visits instead.');
        const r = await own(target.visitId);
        return waitingRoomUrl({ base: config.waitingRoomUrl, visitId: r.id, brand: config.brand });
      },
    };
  }

  // v8 books on-demand visits only: there are no times to show (capabilities.appointmentTimes false).
  const openAvailability = (): Promise<Slot[]> => Promise.reject(notOffered('appointment'));

  return { name: 'dexcare', capabilities: DEXCARE_CAPABILITIES, clinic, areaStatus, openAvailability, startSession, forPatient };
}

function notOffered(kind: string): Problem {
  const what = kind === 'appointment' ? 'appointments at set times' : kind === 'econsult' ? 'e-consults' : `${kind} visits`;
  return new Problem(403, 'forbidden', `This clinic does not offer ${what} online. It sees patients by video now, in the order they arrive.`);
}

/** DexCare takes 10-digit US numbers (decision 015: frontdesk sends ten digits). */
function tenDigits(phone: string): string {
  let digits = phone.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  if (digits.length !== 10) throw new Problem(400, 'bad_request', 'Please give a 10-digit US phone number.', { phone: 'phone' });
  return digits;
}

function address(c: Contact): VisitRequest['patient']['address'] {
  const a = c.address;
  return { line1: a.line1, ...(a.line2 ? { line2: a.line2 } : {}), city: a.city, state: a.state, postalCode: a.postalCode };
}

/** The page's `billingInfo`, one shape per method; "self" insurance is held by the patient being seen. */
function billingInfo(b: Billing, patient: { firstName: string; lastName: string; dob: string | undefined }): BillingInfo {
  if (b.method === 'coupon') return { paymentMethod: 'couponcode', couponCode: b.code };
  const h = b.holder;
  const holder =
    h.relation === 'self'
      ? { declaration: 'self' as const, firstName: patient.firstName, lastName: patient.lastName, dateOfBirth: patient.dob, gender: h.gender }
      : { declaration: 'other' as const, firstName: h.firstName, lastName: h.lastName, dateOfBirth: h.dob, gender: h.gender };
  if (!holder.dateOfBirth) {
    throw new Problem(400, 'bad_request', 'The insurance holder’s date of birth is needed.', { 'billing.holder.dob': 'holder_dob' });
  }
  return {
    paymentMethod: 'insurance',
    declaration: holder.declaration,
    firstName: holder.firstName,
    lastName: holder.lastName,
    gender: holder.gender,
    dateOfBirth: holder.dateOfBirth,
    insuranceType: 'manual',
    insuranceProviderId: b.insurerId,
    insuranceMemberId: b.memberNumber,
  };
}
