/**
 * The part of the patient API the start page needs before anything else loads: who is signed in,
 * the clinic's settings (with its visit types, providers, questions, capabilities and service
 * areas), the error envelope — so the first download parses its answers without carrying the
 * whole contract. In zod/mini, as is the rest of the browser's contract. `contract.ts` re-exports
 * every schema here: the proxy answers with these very objects, so nothing is declared twice
 * (docs/decisions/060-first-load-split.md).
 */
import { z } from 'zod/mini';
import { intakeQuestion } from './intake-questions';

/**
 * Why a field was refused, as a code: the schemas use these as their messages, the proxy answers
 * them in `error.fields`, and the pages say them in the patient's language (the `validation`
 * catalogue). `invalid`: refused for a reason without a code of its own.
 */
export const fieldErrorCode = z.enum([
  'required',
  'too_long',
  'date_format',
  'not_real_date',
  'dob_in_past',
  'phone',
  'email',
  'state',
  // the payment step's (issue #12)
  'payment_required',
  'insurer_required',
  'member_number_required',
  'member_number',
  'group_number',
  'holder_first_name',
  'holder_last_name',
  'holder_dob',
  'secondary_needs_primary',
  'invalid',
]);
export type FieldErrorCode = z.infer<typeof fieldErrorCode>;

export const isoDateTime = z.iso.datetime({ offset: true });

export const visitKind = z.enum(['walkin', 'appointment', 'econsult']);
export type VisitKind = z.infer<typeof visitKind>;
/** How the patient meets the clinic (VSee's visit subtype, seed 001): only video is joined online. */
export const modality = z.enum(['video', 'phone', 'in_person', 'econsult']);
export type Modality = z.infer<typeof modality>;

/** A price in the currency's major unit (`49` USD = $49.00); 0 is "No charge". */
export const price = z.object({
  amount: z.number().check(z.nonnegative()),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
});
export type Price = z.infer<typeof price>;

// ---- session ------------------------------------------------------------------------------

export const session = z.object({
  firstName: z.string(),
  lastName: z.string(),
  /** When the session ends at the latest (absolute limit), ISO. */
  expiresAt: isoDateTime,
  /** The patient came signed in from the host site (embedded launch), not as a guest. */
  launched: z.optional(z.boolean()),
  /** People the health system links to this patient, who may be booked for (names only). */
  dependents: z.optional(z.array(z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }))),
});
export type Session = z.infer<typeof session>;

/** POST /api/session/launch: the host site's signed launch token (a JWT), never in a URL. */
export const launchRequest = z.object({ token: z.string().check(z.minLength(1), z.maxLength(8192)) });

/**
 * GET /api/session: who is signed in. Nobody is an answer, not an error — 200 `{signedIn:false}`
 * (a 401 here was a console error for every new visitor).
 */
export const sessionState = z.discriminatedUnion('signedIn', [
  z.extend(session, { signedIn: z.literal(true) }),
  z.object({ signedIn: z.literal(false) }),
]);
export type SessionState = z.infer<typeof sessionState>;

// ---- clinic -------------------------------------------------------------------------------

/**
 * A provider's own waiting room (the `roomCode` the provisioning API hands out; patients reach it
 * at `/r/{roomCode}`). Without one, the clinic's room (VSEE_ROOM_CODE) is meant.
 */
export const roomCode = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a room code'));

/**
 * What the clinic's system can do (the proxy's clinic backend): the pages offer only these.
 * DexCare v8: on-demand video visits, service areas, a wait, someone else, insurance or coupon —
 * no appointments, e-consults, cancelling or dashboard.
 */
export const capabilities = z.object({
  visitKinds: z.array(visitKind),
  /** The patient picks where they are from `serviceAreas` (else from the list of US states). */
  serviceAreas: z.boolean(),
  /** An estimated wait is shown before and during a walk-in (GET /api/clinic/areas/:id). */
  waitEstimate: z.boolean(),
  /** A visit can be booked for someone else: one the health system links to them (`session.dependents`), or one they name. */
  forSomeoneElse: z.boolean(),
  /**
   * The patient names that person (name, date of birth, relationship) with the visit's details
   * (`intakeRequest.forSomeone`, VSee); absent or false: they choose from `session.dependents` (DexCare).
   */
  someoneElseDetails: z.optional(z.boolean()),
  /** How a walk-in is paid when it is booked; empty: not asked then. */
  billing: z.array(z.enum(['insurance', 'coupon'])),
  /** The clinic can tell what became of a visit (started, ended); false: its waiting room knows. */
  visitStatus: z.boolean(),
  cancel: z.boolean(),
  appointmentTimes: z.boolean(),
  dashboard: z.boolean(),
  /** The clinic's own scheduling page (VSee) takes an intake and may show more times; absent: none. */
  scheduleOnSite: z.optional(z.boolean()),
});
export type Capabilities = z.infer<typeof capabilities>;

/** Why the clinic (or the patient's area) cannot see them now, in product words. */
export const closedReason = z.enum(['busy', 'off_hours', 'no_provider_on_call', 'out_of_area', 'closed']);
export type ClosedReason = z.infer<typeof closedReason>;

/** One place the patient can be; `outOfArea`: "somewhere else". `code`: the state's code, when it is one. */
export const serviceArea = z.object({ id: z.string(), name: z.string(), code: z.nullable(z.string()), outOfArea: z.boolean() });
export type ServiceArea = z.infer<typeof serviceArea>;

/** A kind of visit the clinic offers (a VSee consultation type). */
export const visitType = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  description: z.string(),
  minutes: z.int().check(z.positive()),
  /** null: no charge. */
  price: z.nullable(price),
  modality,
});
export type VisitType = z.infer<typeof visitType>;

/** A provider of the room, as the room's public provider list shows them. */
export const clinicProvider = z.object({
  /** The room's public provider id (never a user code). */
  id: z.string().check(z.regex(/^[0-9A-Za-z_-]{1,40}$/)),
  name: z.string(),
  photoUrl: z.nullable(z.url({ protocol: /^https?$/ })),
});
export type ClinicProvider = z.infer<typeof clinicProvider>;

/** A wait in minutes, rounded up to 5; above an hour only "more than an hour". */
export const waitEstimate = z.object({ minutes: z.int().check(z.positive()), moreThanAnHour: z.boolean() });
export type WaitEstimate = z.infer<typeof waitEstimate>;

/** GET /api/clinic/areas/:areaId — can the clinic see a patient in this area now, how long is the wait, the price. */
export const areaStatus = z.object({
  areaId: z.string(),
  isOpen: z.boolean(),
  closedReason: z.nullable(closedReason),
  closedMessage: z.nullable(z.string()),
  opensAt: z.nullable(isoDateTime),
  wait: z.nullable(waitEstimate),
  price: z.nullable(price),
});
export type AreaStatus = z.infer<typeof areaStatus>;

export const clinic = z.object({
  name: z.string(),
  /** Insurance providers to pick from when the visit is billed at booking (DexCare); absent: none listed. */
  insurers: z.optional(z.array(z.object({ id: z.string(), name: z.string() }))),
  timezone: z.string(),
  walkinEnabled: z.boolean(),
  appointmentEnabled: z.boolean(),
  econsultEnabled: z.boolean(),
  isOpen: z.boolean(),
  closedMessage: z.nullable(z.string()),
  /** After this many minutes a waiting walk-in is closed (`max_waiting_time_reached`); null: no limit. */
  maxWaitMinutes: z.nullable(z.int().check(z.positive())),
  /** false: only patients launched by the host site may book (no guest sign-up). */
  guestBooking: z.boolean(),
  /** Where the VSee portal opens when frontdesk is embedded in another site. */
  handoffTarget: z.enum(['new-tab', 'top', 'self']),
  /** The clinic's phone number (CLINIC_PHONE), offered where online booking cannot help; null: none. */
  phone: z.nullable(z.string()),
  /** The clinic's logo (CLINIC_LOGO_URL) and brand colour (CLINIC_BRAND_COLOR, AA with white text); null: the defaults. */
  logoUrl: z.optional(z.nullable(z.string())),
  brandColor: z.optional(z.nullable(z.string().check(z.regex(/^#[0-9a-f]{6}$/)))),
  /** Where in-person visits happen (CLINIC_ADDRESS); null: not configured. */
  address: z._default(z.nullable(z.string()), null),
  /** The room's visit types (VSee consultations), in the clinic's order; the patient chooses when there is more than one. */
  visitTypes: z._default(z.array(visitType), []),
  /** The room's providers a patient may ask for by name (public list). */
  providers: z._default(z.array(clinicProvider), []),
  /** The clinic's own questions (INTAKE_QUESTIONS), asked with the visit details. */
  questions: z._default(z.array(intakeQuestion), []),
  /** `vsee`: after the details the patient picks a time on VSee's own scheduling page (SCHEDULING). */
  scheduling: z._default(z.enum(['frontdesk', 'vsee']), 'frontdesk'),
  capabilities,
  /** Why it is closed (null when open). */
  closedReason: z.nullable(closedReason),
  /** When it opens next, when known (ISO). */
  opensAt: z.nullable(isoDateTime),
  /** The clinic's own service areas (plus "somewhere else"); null: any US state. */
  serviceAreas: z.nullable(z.array(serviceArea)),
  /**
   * The wait for a walk-in joining now, where it is the same wherever the patient is (VSee's
   * estimate from recent walk-ins); null: not known, or known only per area (`areaStatus`).
   */
  wait: z._default(z.nullable(waitEstimate), null),
});
export type Clinic = z.infer<typeof clinic>;

// ---- errors -------------------------------------------------------------------------------

export const errorCode = z.enum([
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  /**
   * No provider can see the patient now where they are (closed, off hours, nobody on call, busy):
   * a reason the patient's own language can say, unlike a bare conflict.
   */
  'not_available_now',
  'slot_taken',
  /** A booking's outcome is still being checked: try again after Retry-After, never twice at once. */
  'booking_pending',
  'payload_too_large',
  'rate_limited',
  'upstream_unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCode>;

export const apiError = z.object({
  error: z.object({
    code: errorCode,
    message: z.string(),
    /** Per-field codes for a form, keyed by the request's field name (an unknown code reads as `invalid`). */
    fields: z.optional(z.record(z.string(), z.catch(fieldErrorCode, 'invalid'))),
    /** The request's id, shown to the patient as a reference to quote to the clinic. */
    reference: z.optional(z.string().check(z.maxLength(64))),
  }),
});
export type ApiError = z.infer<typeof apiError>;

/** Header every state-changing call carries (CSRF defence; see DESIGN.md). */
export const CSRF_HEADER = 'X-Frontdesk';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Names the request in every answer (and in error bodies as `reference`). */
export const REQUEST_ID_HEADER = 'X-Request-Id';
