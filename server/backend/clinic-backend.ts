/**
 * The clinic backend: the one boundary between the patient API's routes and a telehealth vendor
 * (DESIGN.md, "The pieces"). It speaks the patient API's own terms — visit kinds, ISO times,
 * status words, a closed reason, a wait in minutes — so routes never name a vendor. VSee is one
 * implementation, DexCare v8 (server/dexcare/backend.ts) the other; `CLINIC_BACKEND` picks one.
 *
 * A backend says what it can do (`capabilities`); the routes offer only that, and a call for
 * something it cannot do is refused with a Problem rather than faked (docs/decisions/056-…).
 */
import type { ClinicProvider, OtherPerson, Price, Slot, Visit, VisitKind, VisitType } from '../../src/api/contract';
import type { QuestionAnswers } from '../../src/api/question-answers';

export type BackendName = 'vsee' | 'dexcare';

export interface Capabilities {
  /** The kinds of visit it books (DexCare v8: on-demand video visits only → `['walkin']`). */
  visitKinds: VisitKind[];
  /** The patient picks where they are from the backend's own service areas (plus "somewhere else"). */
  serviceAreas: boolean;
  /** An estimated wait before a walk-in visit can be given. */
  waitEstimate: boolean;
  /** A visit can be booked for someone else (a child, a parent cared for). */
  forSomeoneElse: boolean;
  /** That person is named with the intake (`IntakeInput.forSomeone`, VSee); false: chosen from the launch's dependents (DexCare). */
  someoneElseDetails: boolean;
  /** How a visit can be paid for when it is booked (empty: not asked at booking). */
  billing: Array<'insurance' | 'coupon'>;
  /** The backend can say what became of a visit after it was booked (started, ended, cancelled). */
  visitStatus: boolean;
  /** A visit can be cancelled (or a waiting room left) through the patient API. */
  cancel: boolean;
  /** Times can be searched and an appointment booked (`availability`). */
  appointmentTimes: boolean;
  /** A handoff to the vendor's patient dashboard exists (not only to one visit). */
  dashboard: boolean;
  /**
   * A handoff to the vendor's own scheduling page with an intake (VSee's
   * `/u/clinic?intake_id=…#schedule-appointment`): more times than the open times frontdesk shows.
   */
  scheduleOnSite: boolean;
  /** Patients may sign up on frontdesk's own page; false: only launched by the host site. */
  guestBooking: boolean;
}

/** Why a clinic (or one service area of it) cannot see a patient now. */
export type ClosedReason =
  /** Open, but more patients than providers: try again soon. */
  | 'busy'
  /** Outside its opening hours (`opensAt` says when it opens next, when known). */
  | 'off_hours'
  /** Open, but no provider is on call. */
  | 'no_provider_on_call'
  /** Not a place the clinic serves (out of area, or an area that is not taking visits). */
  | 'out_of_area'
  /** Closed by the clinic, no reason given (VSee's room `is_closed`). */
  | 'closed';

export type Openness =
  | { open: true }
  | {
      open: false;
      reason: ClosedReason;
      /** The clinic's own words, when it gave any. */
      message: string | null;
      /** When it opens next (ISO), when the backend knows. */
      opensAt: string | null;
    };

/**
 * A wait in whole minutes, rounded up to the next 5 and at least 5; `moreThanAnHour` above 60
 * minutes, where a number would promise too much (`minutes` is then 60).
 */
export interface WaitEstimate {
  minutes: number;
  moreThanAnHour: boolean;
}

/** One place the patient can say they are in; `outOfArea` is the "somewhere else" choice. */
export interface ServiceArea {
  id: string;
  name: string;
  /** The state's code (`WA`), when the area is a state. */
  code: string | null;
  outOfArea: boolean;
}

export interface ClinicFacts {
  name: string;
  timezone: string;
  capabilities: Capabilities;
  /** The clinic as a whole, before the patient says where they are. */
  openness: Openness;
  /** null when the backend has no service areas of its own (`capabilities.serviceAreas` false). */
  serviceAreas: ServiceArea[] | null;
  /** Kinds of visit the patient may choose between (VSee consultation types); [] none. */
  visitTypes: VisitType[];
  /** Providers a patient may ask for by name; [] none. */
  providers: ClinicProvider[];
  /** Insurance providers billed at booking (`capabilities.billing` has insurance); absent: none listed. */
  insurers?: Array<{ id: string; name: string }>;
  /** The wait for a walk-in joining now, where it does not depend on the area (VSee); else null. */
  wait?: WaitEstimate | null;
}

/** Whether the clinic can see a patient in this area now, how long the wait is, and the price. */
export interface AreaStatus {
  areaId: string;
  openness: Openness;
  /** Only when open and the backend estimates one. */
  wait: WaitEstimate | null;
  price: Price | null;
}

// ---- the signed-in patient ------------------------------------------------------------------

/** A person the signed-in patient may book for, as the health system linked them. */
export interface Dependent {
  id: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  dob: string;
}

/** How a patient is signed in: a guest (server-chosen code) or the host's launched patient. */
export interface SignIn {
  kind: 'guest' | 'launch';
  /** Guest: a fresh unguessable code chosen by the server; launch: the verified token's `sub`. */
  code: string;
  firstName: string;
  lastName: string;
  dob?: string;
  email?: string;
  phone?: string;
  /** From a verified launch token only (docs/decisions/014): DexCare's patient, token and dependents. */
  dexcare?: { patientId: string; token: string; dependents: Dependent[] };
}

/**
 * What a backend keeps in the patient's encrypted session (never in a response, URL or log):
 * the vendor's id of the patient, the vendor token calls are made with, and the people the
 * patient may book for.
 */
export interface PatientIdentity {
  backend: BackendName;
  /** The backend's sign-in code: VSee's SSO code; DexCare: the host's `sub`. */
  userCode: string;
  /** The vendor's id of the patient: VSee member id, DexCare patient GUID. Ownership is checked against it. */
  memberId: string;
  /** The vendor token for the patient's calls, and when it expires (unix s). */
  apiToken: string;
  apiTokenExpires: number;
  dependents?: Dependent[];
}

/** The session's facts a backend reads on each call (a subset of the proxy's SessionData). */
export interface PatientSession extends PatientIdentity {
  firstName: string;
  lastName: string;
  dob?: string;
  email?: string;
}

// ---- booking --------------------------------------------------------------------------------

export interface IntakeInput {
  kind: VisitKind;
  reason: string;
  /** Where the patient is: a US state code (VSee) or one of the backend's service area ids. */
  area: string;
  phone?: string;
  /** A provider's room (VSee), when the patient came in through one. */
  room?: string;
  /** One of `ClinicFacts.visitTypes` / `providers` (checked by the backend against its own lists). */
  visitTypeId?: string;
  providerId?: string;
  /** Answers to the clinic's questions, already checked against INTAKE_QUESTIONS. */
  answers?: QuestionAnswers;
  /** The visit is for this person, not the patient (`capabilities.someoneElseDetails`). */
  forSomeone?: OtherPerson;
}

/** An intake a backend made: kept in the session until it is booked. */
export interface IntakeRecord {
  id: string;
  kind: VisitKind;
  room?: string;
  /** Backends without an intake call of their own (DexCare) keep what the visit needs here. */
  area?: string;
  reason?: string;
  visitTypeId?: string;
  providerId?: string;
  /** Made on someone else's behalf (VSee): the vendor's id of that patient. Never sent to the browser. */
  forMember?: string;
}

export type ForWhom =
  | { who: 'self' }
  /** One of the people the health system linked to this patient (`PatientIdentity.dependents`). */
  | { who: 'other'; dependentId: string };

export type Gender = 'male' | 'female' | 'other';

export type Billing =
  | {
      method: 'insurance';
      insurerId: string;
      memberNumber: string;
      /** Who holds the insurance: the patient being seen, or someone else (their details). */
      holder: { relation: 'self'; gender: Gender } | { relation: 'other'; firstName: string; lastName: string; dob: string; gender: Gender };
    }
  | { method: 'coupon'; code: string };

/** Where the clinic can reach the patient for this visit (DexCare requires all of it). */
export interface Contact {
  phone: string;
  email: string;
  address: { line1: string; line2?: string; city: string; state: string; postalCode: string };
}

export interface CreateVisitInput {
  kind: VisitKind;
  intake: IntakeRecord;
  /** Appointments only. */
  slot?: { start: string; end: string };
  /** The provider the patient picked beside the time (one of `ClinicFacts.providers`); else the intake's. */
  providerId?: string;
  forWhom: ForWhom;
  billing?: Billing;
  contact?: Contact;
  acceptedTerms?: boolean;
  signal?: AbortSignal;
}

export type HandoffTarget =
  | { target: 'visit'; visitId: string }
  | { target: 'dashboard' }
  /** The vendor's own scheduling page for an appointment intake of this session (VSee's, SCHEDULING=vsee). */
  | { target: 'schedule'; intake: IntakeRecord };

export type CloseReason = 'patient_exit_room' | 'patient_cancel_appointment' | 'patient_end_call' | 'max_waiting_time_reached';

/** The backend's calls on behalf of one signed-in patient. */
export interface PatientBackend {
  createIntake(input: IntakeInput): Promise<IntakeRecord>;
  /** Free times for a new appointment's intake, or (`intake` null) for moving the appointment `visitId`. */
  availability(q: { intake: IntakeRecord | null; visitId?: string; from: string; to: string; visitTypeId?: string; providerId?: string }): Promise<Slot[]>;
  createVisit(input: CreateVisitInput): Promise<Visit>;
  visits(): Promise<Visit[]>;
  /** One of this patient's visits; anything else is 404 "not found". */
  visit(id: string): Promise<Visit>;
  cancel(id: string, reason: CloseReason): Promise<Visit>;
  /** The vendor's URL to send the patient to, built by the server, for this patient's own visit only. */
  handoffUrl(target: HandoffTarget): Promise<string>;
  /** How much longer this patient's waiting walk-in is likely to wait; null: not known, or not waiting. */
  waitFor(visitId: string): Promise<WaitEstimate | null>;
}

export interface ClinicBackend {
  readonly name: BackendName;
  readonly capabilities: Capabilities;
  /** The clinic's facts; `room`: a provider's own waiting room, where the backend has them (VSee). */
  clinic(room?: string): Promise<ClinicFacts>;
  /** Openness, wait and price for one service area (or a US state, where areas are states), in a provider's room where the backend has them. */
  areaStatus(areaId: string, room?: string): Promise<AreaStatus>;
  /**
   * Open times before anyone signs in (no intake yet), for the times-first booking
   * (decision 030): checked again with the patient's intake before booking. Only when
   * `capabilities.appointmentTimes`.
   */
  openAvailability(q: { from: string; to: string; visitTypeId?: string; providerId?: string; room?: string }): Promise<Slot[]>;
  /** Signs the patient in at the vendor (or checks the launch carries what the vendor needs). */
  startSession(who: SignIn): Promise<PatientIdentity>;
  forPatient(session: PatientSession): PatientBackend;
}

// ---- shared rules ---------------------------------------------------------------------------

const HOUR_MINUTES = 60;

/** Seconds → the wait a patient is told: up to the next 5 minutes (never shorter than estimated), "more than an hour" above 60. */
export function roundWait(seconds: number): WaitEstimate {
  const minutes = Math.max(5, Math.ceil(Math.max(0, seconds) / 60 / 5) * 5);
  return minutes > HOUR_MINUTES ? { minutes: HOUR_MINUTES, moreThanAnHour: true } : { minutes, moreThanAnHour: false };
}
