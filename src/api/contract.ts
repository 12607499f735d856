/**
 * The patient API: the one definition of what the SPA and the proxy say to each other.
 * Both sides import these schemas; nothing here is declared twice. It speaks the product's
 * language (ISO times, status words) and carries only what the pages show. Written in zod/mini,
 * as is every schema the browser runs: classic zod's string schema carries every string format
 * (.email(), .jwt(), …) into zod's core, which sits in the first page's chunk (decision 068).
 * The proxy parses with them as they are (`z.safeParse(schema, data)`); its own schemas stay classic.
 */
import { z } from 'zod/mini';
import { US_STATE_CODES, US_STATES } from '../lib/us-states';
import { questionAnswers } from './question-answers';
import { fieldErrorCode, isoDateTime, modality, price, roomCode, visitKind, waitEstimate } from './first-page-contract';

// What the start page parses lives in zod/mini (first-page-contract.ts); it is part of this contract.
export {
  apiError,
  capabilities,
  clinic,
  clinicProvider,
  closedReason,
  CSRF_HEADER,
  errorCode,
  fieldErrorCode,
  IDEMPOTENCY_HEADER,
  isoDateTime,
  launchRequest,
  modality,
  price,
  REQUEST_ID_HEADER,
  roomCode,
  serviceArea,
  session,
  sessionState,
  visitKind,
  visitType,
  waitEstimate,
  areaStatus,
} from './first-page-contract';
export type {
  ApiError,
  Capabilities,
  Clinic,
  ClinicProvider,
  ClosedReason,
  ErrorCode,
  FieldErrorCode,
  Modality,
  Price,
  ServiceArea,
  Session,
  SessionState,
  VisitKind,
  VisitType,
  WaitEstimate,
  AreaStatus,
} from './first-page-contract';

const say = fieldErrorCode.def.entries;

/** The longest each text field may be (`too_long`). */
export const FIELD_MAX_LENGTH = { firstName: 64, lastName: 64, email: 254, reason: 1000, memberId: 30, groupNumber: 30 } as const;

const trimmed = (max: number) => z.string().check(z.trim(), z.minLength(1, say.required), z.maxLength(max, say.too_long));

/** YYYY-MM-DD that is a real calendar date in the past (a birth date). */
export const birthDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, say.date_format),
  z.refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, say.not_real_date),
  z.refine((s) => s >= '1900-01-01' && s <= new Date().toISOString().slice(0, 10), say.dob_in_past),
);

export const phoneNumber = z.string().check(z.trim(), z.regex(/^\+?[0-9 ().-]{7,20}$/, say.phone));

export const visitStatus = z.enum(['pending', 'confirmed', 'in_progress', 'completed', 'cancelled']);
export type VisitStatus = z.infer<typeof visitStatus>;

// ---- session ------------------------------------------------------------------------------

export const guestSessionRequest = z.object({
  firstName: trimmed(FIELD_MAX_LENGTH.firstName),
  lastName: trimmed(FIELD_MAX_LENGTH.lastName),
  dob: birthDate,
  email: z.email(say.email).check(z.maxLength(FIELD_MAX_LENGTH.email, say.too_long)),
  phone: z.optional(phoneNumber),
});
export type GuestSessionRequest = z.infer<typeof guestSessionRequest>;

// ---- clinic -------------------------------------------------------------------------------

/** GET /api/clinic[?room=…]: the clinic's room, or a provider's. */
export const clinicQuery = z.object({ room: z.optional(roomCode) });

/** A US state's English name by its code (the server names VSee's service areas with it). */
export const usStateName = (code: string): string | null => US_STATES.find(([c]) => c === code)?.[1] ?? null;

/** Our id of the "somewhere else" choice (never a vendor's area). */
export const OUT_OF_AREA_ID = 'other';

export const areaId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,100}$/, 'Not an area'));

const visitTypeId = z.string().check(z.minLength(1), z.maxLength(100));
const providerId = z.string().check(z.regex(/^[0-9A-Za-z_-]{1,40}$/));
/** An id of ours or the vendor's, as a request names it. */
const idText = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

// ---- intake -------------------------------------------------------------------------------

/** How the person a visit is for is related to the patient booking it. */
export const relationship = z.enum(['child', 'parent', 'spouse', 'other'], say.required);
export type Relationship = z.infer<typeof relationship>;

/** Someone else a patient books for, as they name them (VSee: a patient of their own, decision 067). */
export const otherPerson = z.object({
  firstName: trimmed(FIELD_MAX_LENGTH.firstName),
  lastName: trimmed(FIELD_MAX_LENGTH.lastName),
  dob: birthDate,
  relationship,
});
export type OtherPerson = z.infer<typeof otherPerson>;

export const intakeRequest = z.object({
  kind: visitKind,
  reason: trimmed(FIELD_MAX_LENGTH.reason),
  state: z.enum(US_STATE_CODES, say.state),
  /** Where clinics have service areas of their own (`clinic.serviceAreas`): the one the patient picked. */
  area: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,100}$/, say.invalid))),
  phone: z.optional(phoneNumber),
  /** The provider's room the patient came in through (`/r/{roomCode}`); absent: the clinic's room. */
  room: z.optional(roomCode),
  /** One of the clinic's visit types; absent: VSee's default. */
  visitTypeId: z.optional(visitTypeId),
  /** A provider from the clinic's list; absent: any available provider. */
  providerId: z.optional(providerId),
  /** Answers to the clinic's questions, by question id. */
  answers: z.optional(questionAnswers),
  /** The visit is for someone else, named here (`capabilities.someoneElseDetails`); absent: the patient. */
  forSomeone: z.optional(otherPerson),
});
export type IntakeRequest = z.infer<typeof intakeRequest>;

export const intake = z.object({ id: z.string() });
export type Intake = z.infer<typeof intake>;

// ---- availability -------------------------------------------------------------------------

/**
 * Times for one of two searches: a new appointment (`intakeId`, made in this session), or moving
 * one of the patient's appointments (`visitId`: the proxy searches with that visit's intake).
 */
/** A search's span: "to" after "from", at most 31 days. */
const span = [
  z.refine<{ from: string; to: string }>((q) => Date.parse(q.to) > Date.parse(q.from), { message: '"to" must be after "from"', path: ['to'] }),
  z.refine<{ from: string; to: string }>((q) => Date.parse(q.to) - Date.parse(q.from) <= 31 * 86_400_000, {
    message: 'Ask for at most 31 days at a time',
    path: ['to'],
  }),
];

export const availabilityQuery = z
  .object({
    from: isoDateTime,
    to: isoDateTime,
    intakeId: z.optional(idText(100)),
    visitId: z.optional(idText(40)),
    /** Times of this visit type's length (else the intake's type, else VSee's default). */
    visitTypeId: z.optional(visitTypeId),
    /** Only this provider's times (else the intake's provider, else anyone's). */
    providerId: z.optional(providerId),
  })
  .check(
    z.refine((q) => (q.intakeId === undefined) !== (q.visitId === undefined), {
      message: 'Give either intakeId or visitId',
      path: ['intakeId'],
    }),
    ...span,
  );
/** What the times are for: a new appointment's intake, or the appointment being moved. */
export type AvailabilityFor = ({ intakeId: string; visitId?: never } | { visitId: string; intakeId?: never }) & {
  visitTypeId?: string;
  providerId?: string;
};

export const slot = z.object({ start: isoDateTime, end: isoDateTime, providerIds: z.array(z.string()) });
export type Slot = z.infer<typeof slot>;
export const availability = z.object({ slots: z.array(slot) });
export type Availability = z.infer<typeof availability>;

/** GET /api/clinic/availability: the clinic's open times before anyone signs in (no intake yet). */
export const openAvailabilityQuery = z
  .object({
    from: isoDateTime,
    to: isoDateTime,
    /** The kind of visit chosen on the first step (its length shapes the times). */
    visitTypeId: z.optional(visitTypeId),
    /** One provider's times; none: anyone's. */
    providerId: z.optional(providerId),
    /** A provider's room the patient came in through. */
    room: z.optional(roomCode),
  })
  .check(...span);
export type OpenAvailabilityQuery = z.infer<typeof openAvailabilityQuery>;

// ---- visits -------------------------------------------------------------------------------

export const appointmentRequest = z.object({
  intakeId: idText(100),
  start: isoDateTime,
  end: isoDateTime,
  /** The provider chosen beside the times (else the intake's, else whoever is free). */
  providerId: z.optional(providerId),
});
export type AppointmentRequest = z.infer<typeof appointmentRequest>;

/** Who the visit is for: the signed-in patient, or one of `session.dependents`. */
export const forWhom = z.discriminatedUnion('who', [
  z.object({ who: z.literal('self') }),
  z.object({ who: z.literal('other'), dependentId: idText(100) }),
]);
export type ForWhom = z.infer<typeof forWhom>;

const holderGender = z.enum(['male', 'female', 'other'], say.required);

/** How a walk-in is paid when the clinic asks at booking (`capabilities.billing`). */
export const walkinBilling = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('insurance'),
    insurerId: trimmed(100),
    memberNumber: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, say.member_number_required),
        z.maxLength(FIELD_MAX_LENGTH.memberId, say.too_long),
        z.regex(/^[0-9A-Za-z -]+$/, say.member_number),
      ),
    holder: z.discriminatedUnion('relation', [
      z.object({ relation: z.literal('self'), gender: holderGender }),
      z.object({
        relation: z.literal('other'),
        firstName: trimmed(FIELD_MAX_LENGTH.firstName),
        lastName: trimmed(FIELD_MAX_LENGTH.lastName),
        dob: birthDate,
        gender: holderGender,
      }),
    ]),
  }),
  z.object({ method: z.literal('coupon'), code: trimmed(100) }),
]);
export type WalkinBilling = z.infer<typeof walkinBilling>;

/** Where the clinic can reach the patient for this visit (clinics that require it: DexCare). */
export const visitContact = z.object({
  phone: phoneNumber,
  email: z.email(say.email).check(z.maxLength(FIELD_MAX_LENGTH.email, say.too_long)),
  address: z.object({
    line1: trimmed(200),
    line2: z.optional(z.string().check(z.trim(), z.maxLength(200, say.too_long))),
    city: trimmed(100),
    state: z.enum(US_STATE_CODES, say.state),
    postalCode: z.string().check(z.trim(), z.regex(/^\d{5}(-\d{4})?$/, say.invalid)),
  }),
});
export type VisitContact = z.infer<typeof visitContact>;

export const walkinRequest = z.object({
  intakeId: idText(100),
  /** Absent: the signed-in patient. */
  forWhom: z.optional(forWhom),
  billing: z.optional(walkinBilling),
  contact: z.optional(visitContact),
  /** The clinic's virtual-visit terms, where it has them. */
  acceptedTerms: z.optional(z.boolean()),
});
export type WalkinRequest = z.infer<typeof walkinRequest>;

export const econsultRequest = z.object({ intakeId: idText(100) });
export type EconsultRequest = z.infer<typeof econsultRequest>;

/** Move an upcoming appointment to another free slot (same intake). */
export const rescheduleRequest = z.object({ start: isoDateTime, end: isoDateTime });
export type RescheduleRequest = z.infer<typeof rescheduleRequest>;

export const visit = z.object({
  id: z.string(),
  kind: visitKind,
  status: visitStatus,
  start: isoDateTime,
  end: isoDateTime,
  provider: z.nullable(z.object({ name: z.string() })),
  /** Video (joined online), phone (the clinic calls), in person, or e-consult. */
  modality,
  /** A phone visit: the number the clinic will call (the patient's own, from the visit details). */
  callNumber: z.optional(z.string().check(z.maxLength(40))),
  /** The clinic's one-time appointment page, when VSee issued a token for this appointment. */
  oneTimeLink: z.optional(z.url({ protocol: /^https?$/ })),
  /** A completed visit whose summary can be downloaded (GET /api/visits/:id/summary). */
  hasSummary: z.optional(z.boolean()),
  /** Booked for someone else: their name (absent: the signed-in patient's own visit). */
  patientName: z.optional(z.string().check(z.maxLength(200))),
});
export type Visit = z.infer<typeof visit>;

/** GET /api/visits/:id/wait: how much longer a waiting walk-in is likely to wait; null: not known. */
export const visitWait = z.object({ wait: z.nullable(waitEstimate) });
export type VisitWait = z.infer<typeof visitWait>;

/** The patient's visits: upcoming (start in the future, not ended) and past, newest first. */
export const visitList = z.object({ upcoming: z.array(visit), past: z.array(visit) });
export type VisitList = z.infer<typeof visitList>;

/** A guest invite link: anyone holding it can join the visit as a guest. */
export const invite = z.object({ url: z.url({ protocol: /^https?$/ }) });
export type Invite = z.infer<typeof invite>;

/** Close reasons a patient can cause (VSee's own words). */
export const cancelRequest = z.object({
  reason: z.enum(['patient_exit_room', 'patient_cancel_appointment', 'patient_end_call', 'max_waiting_time_reached']),
});
export type CancelRequest = z.infer<typeof cancelRequest>;

// ---- return link --------------------------------------------------------------------------

/**
 * A signed, visit-scoped link back to one visit (`/v/<token>`): opened in any browser it shows
 * that visit and can join it, until the visit is over. The token is sealed (nothing in it can be
 * read) and is sent in request bodies, never in an API URL.
 */
export const returnToken = z.string().check(z.regex(/^[A-Za-z0-9_.-]{20,2000}$/));
export const returnLink = z.object({ url: z.url({ protocol: /^https?$/ }) });
export type ReturnLink = z.infer<typeof returnLink>;
export const returnRequest = z.object({ token: returnToken });
export type ReturnRequest = z.infer<typeof returnRequest>;
/** The visit a return link opens, and when joining opens (15 minutes before the start). */
export const returnVisit = z.object({ visit, joinOpensAt: isoDateTime });
export type ReturnVisit = z.infer<typeof returnVisit>;

/** "Join video visit" opens this long before an appointment starts (as VSee's own page does). */
export const JOIN_WINDOW_MS = 15 * 60_000;

// ---- handoff ------------------------------------------------------------------------------

export const handoffRequest = z.object({
  /** `schedule`: VSee's own scheduling page with this session's intake (use case 3, step 3b). */
  target: z.enum(['visit', 'dashboard', 'schedule']),
  visitId: z.optional(idText(40)),
  intakeId: z.optional(idText(100)),
});
export type HandoffRequest = z.infer<typeof handoffRequest>;
export const handoff = z.object({ url: z.url({ protocol: /^https?$/ }) });
export type Handoff = z.infer<typeof handoff>;

// ---- payment and coverage ----------------------------------------------------------------

/** An insurer the clinic takes (VSee's `GET /insurances`). */
export const insurer = z.object({ id: z.string(), name: z.string() });
export type Insurer = z.infer<typeof insurer>;

/** GET /api/payment/options: what the payment step offers. No insurers and no charge: no step. */
export const paymentOptions = z.object({
  insurers: z.array(insurer),
  /** The visit's price for a patient paying themselves; null when the clinic does not say. */
  price: z.nullable(price),
});
export type PaymentOptions = z.infer<typeof paymentOptions>;

/** Who holds the insurance, in VSee's `respparty` words: me, my spouse, my parent, someone else. */
export const holderRelation = z.enum(['self', 'spouse', 'child', 'other']);
export type HolderRelation = z.infer<typeof holderRelation>;

const memberIdText = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, say.member_number_required),
    z.maxLength(FIELD_MAX_LENGTH.memberId, say.too_long),
    z.regex(/^[0-9A-Za-z -]+$/, say.member_number),
  );
const groupNumberText = z.optional(
  z.string().check(z.trim(), z.maxLength(FIELD_MAX_LENGTH.groupNumber, say.too_long), z.regex(/^[0-9A-Za-z -]*$/, say.group_number)),
);

/** One insurance card: an insurer from the clinic's list with the member ID, or "not listed". */
export const insuranceCard = z.union([
  z.object({ insurerId: idText(40), memberId: memberIdText, groupNumber: groupNumberText }),
  z.object({ insurerId: z.null() }),
]);
export type InsuranceCard = z.infer<typeof insuranceCard>;

export const insuranceHolder = z
  .object({
    relation: holderRelation,
    firstName: z.optional(z.string().check(z.trim(), z.maxLength(FIELD_MAX_LENGTH.firstName, say.too_long))),
    lastName: z.optional(z.string().check(z.trim(), z.maxLength(FIELD_MAX_LENGTH.firstName, say.too_long))),
    dob: z.optional(birthDate),
  })
  .check(
    z.superRefine((h, ctx) => {
      if (h.relation === 'self') return;
      if (!h.firstName) ctx.addIssue({ code: 'custom', path: ['firstName'], message: say.holder_first_name });
      if (!h.lastName) ctx.addIssue({ code: 'custom', path: ['lastName'], message: say.holder_last_name });
      if (!h.dob) ctx.addIssue({ code: 'custom', path: ['dob'], message: say.holder_dob });
    }),
  );
export type InsuranceHolder = z.infer<typeof insuranceHolder>;

/** POST /api/payment: how the visit is paid. The check that follows never blocks the visit. */
export const paymentRequest = z.discriminatedUnion('method', [
  z
    .object({
      method: z.literal('insurance'),
      primary: insuranceCard,
      holder: insuranceHolder,
      secondary: z.optional(insuranceCard),
    })
    .check(z.refine((r) => !r.secondary || r.primary.insurerId !== null, { path: ['secondary'], message: say.secondary_needs_primary })),
  z.object({ method: z.literal('self_pay') }),
  z.object({ method: z.literal('not_sure') }),
]);
export type PaymentRequest = z.infer<typeof paymentRequest>;

/**
 * A card's coverage: `checking` until the clinic's eligibility check answers; `unknown` when it
 * gave no answer either way; `not_checked` for an insurer the clinic does not list.
 */
export const coverageState = z.enum(['checking', 'active', 'inactive', 'unknown', 'not_checked']);
export type CoverageState = z.infer<typeof coverageState>;

export const coverageCard = z.object({
  order: z.enum(['primary', 'secondary']),
  /** The insurer's name; null for "my insurance isn't listed". */
  insurer: z.nullable(z.string()),
  /** The member ID's last 4 characters: the only part ever shown back. */
  memberIdLast4: z.nullable(z.string().check(z.maxLength(4))),
  state: coverageState,
});
export type CoverageCard = z.infer<typeof coverageCard>;

/** GET /api/coverage (and the answer to POST /api/payment). */
export const coverage = z.object({
  method: z.nullable(z.enum(['insurance', 'self_pay', 'not_sure'])),
  cards: z.array(coverageCard),
  /** The price shown for "I'll pay myself". */
  price: z.nullable(price),
});
export type Coverage = z.infer<typeof coverage>;
