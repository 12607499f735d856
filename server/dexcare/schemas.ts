/**
 * DexCare Virtual Visits v8 payloads (seed 004), as zod schemas. Field names and types are the
 * page's; unknown extra fields are dropped (later API versions add some). Where the page types a
 * field we never act on, it may also come as null or be absent, so that a tidier or sloppier real
 * answer cannot stop a patient from booking (docs/decisions/015-dexcare-v8-gaps.md).
 */
import { z } from 'zod';

/** An ISO 8601 instant as the page shows them: "2020-11-05T03:18:25.102Z". */
const instant = z.iso.datetime({ offset: true });

/** The availability reasons the page lists; `null` when the region is available. */
export const AVAILABILITY_REASONS = ['NO_REGIONS_FOUND', 'REGION_BUSY', 'OFF_HOURS', 'NO_ONCALL_PROVIDERS'] as const;
export const availabilityReason = z.enum(AVAILABILITY_REASONS);
export type AvailabilityReason = z.infer<typeof availabilityReason>;

export const availabilityWindow = z.object({ start: instant, end: instant });

export const department = z.object({
  id: z.string().min(1),
  epicDepartmentId: z.string().nullish(),
  ehrSystemName: z.string().min(1),
  defaultDepartmentName: z.string().nullish(),
});

export const practiceRegion = z.object({
  id: z.string().min(1),
  practiceId: z.string().min(1),
  displayName: z.string().min(1),
  regionCode: z.string().min(1),
  active: z.boolean(),
  availability: z.array(availabilityWindow),
  busy: z.boolean(),
  busyMessage: z.string().nullish(),
  paymentAccountId: z.string().nullish(),
  visitPrice: z.number().nonnegative(),
  departments: z.array(department),
});
export type PracticeRegion = z.infer<typeof practiceRegion>;

/** GET api/8/DexCare/practices/{practiceId} */
export const practice = z.object({
  id: z.string().min(1),
  displayName: z.string().min(1),
  careMode: z.enum(['virtual', 'retail']),
  payment: z.object({ insurance: z.boolean(), selfPay: z.boolean(), serviceKey: z.boolean() }),
  epicBookingEnabled: z.boolean().nullish(),
  practiceRegions: z.array(practiceRegion),
});
export type Practice = z.infer<typeof practice>;

/** GET api/8/practiceRegions/{practiceRegionId}/availability */
export const regionAvailability = z.object({
  available: z.boolean(),
  reason: availabilityReason.nullable(),
});
export type RegionAvailability = z.infer<typeof regionAvailability>;

/**
 * GET api/8/practiceRegions/{practiceRegionId}/waittime. "Although returned as float, this is
 * always an integer value": we accept any finite non-negative number and round it.
 */
export const waitTime = z.object({
  estimateGeneratedAt: instant,
  estimatedWaitTimeSeconds: z
    .number()
    .nonnegative()
    .transform((s) => Math.round(s)),
});
export type WaitTime = z.infer<typeof waitTime>;

/** The answer to POST api/8/practices/{practiceId}/visits. */
export const visitCreated = z.object({
  visitId: z.string().min(1),
  userId: z.string().nullish(),
  userEmail: z.string().nullish(),
  waitingroomId: z.string().nullish(),
  conferenceroomId: z.string().nullish(),
  visitRedirectUrl: z.string().nullish(),
  isTokBox: z.boolean().nullish(),
  tokBoxVisit: z
    .object({
      apiKey: z.string(),
      waitingRoomSession: z.object({ sessionId: z.string() }),
      videoConferenceSession: z.object({ sessionId: z.string() }),
    })
    .nullish(),
});
export type VisitCreated = z.infer<typeof visitCreated>;

// ---------------------------------------------------------------------------------------------
// The visit-creation request: what frontdesk sends, checked before it leaves.

/** The page's phone formats: 5552223334, 555-222-3334 or (555) 222-3334. */
export const dexcarePhone = z.string().regex(/^(\d{10}|\d{3}-\d{3}-\d{4}|\(\d{3}\) \d{3}-\d{4})$/, 'a 10-digit phone: 5552223334, 555-222-3334 or (555) 222-3334');
/** YYYY-MM-DD, a real calendar date. */
export const dexcareDate = z.iso.date();
export const declaration = z.enum(['self', 'other']);
export type Declaration = z.infer<typeof declaration>;

const text = (max: number) => z.string().trim().min(1).max(max);

export const visitPatient = z.object({
  identifier: text(100),
  phone: dexcarePhone,
  email: z.email().max(254),
  address: z.object({
    line1: text(200),
    line2: z.string().trim().max(200).optional(),
    city: text(100),
    state: text(50),
    postalCode: text(20),
  }),
});

export const visitActor = z.object({
  firstName: text(64),
  lastName: text(64),
  phone: dexcarePhone,
  dateOfBirth: dexcareDate,
});

const holder = {
  declaration,
  firstName: text(64),
  lastName: text(64),
  gender: z.enum(['male', 'female', 'other']),
  dateOfBirth: dexcareDate,
};

/** `billingInfo`, one shape per `paymentMethod`, exactly the page's examples. */
export const billingInfo = z.discriminatedUnion('paymentMethod', [
  z.object({ paymentMethod: z.literal('creditcard'), stripeToken: text(500) }).strict(),
  z.object({ paymentMethod: z.literal('couponcode'), couponCode: text(100) }).strict(),
  z
    .object({
      paymentMethod: z.literal('insurance'),
      ...holder,
      insuranceType: z.literal('manual'),
      insuranceProviderId: text(100),
      insuranceMemberId: text(100),
    })
    .strict(),
]);
export type BillingInfo = z.infer<typeof billingInfo>;

export const visitDetails = z.object({
  practiceRegionId: text(100),
  ehrSystemName: text(100),
  departmentId: text(100),
  visitReason: text(1000),
  declaration,
  acceptedTerms: z.literal(true),
  preTriageTags: z.array(z.string()).optional(),
});

/**
 * POST api/8/practices/{practiceId}/visits body. `actor` is "required when
 * visitDetails.declaration is other and should not be in the request payload when … self".
 */
export const visitRequest = z
  .object({
    patient: visitPatient,
    actor: visitActor.optional(),
    billingInfo,
    visitDetails,
  })
  .strict()
  .superRefine((body, ctx) => {
    const other = body.visitDetails.declaration === 'other';
    if (other && !body.actor) ctx.addIssue({ code: 'custom', path: ['actor'], message: 'required when visitDetails.declaration is other' });
    if (!other && body.actor) ctx.addIssue({ code: 'custom', path: ['actor'], message: 'must be absent when visitDetails.declaration is self' });
  });
export type VisitRequest = z.infer<typeof visitRequest>;

/** What DexCare's error answers may carry ("Bad request; See response for info"). */
export const dexcareErrorBody = z.object({ message: z.string().min(1) }).loose();
