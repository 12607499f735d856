/**
 * The sandbox's reading of a POST …/visits body, from seed 004 alone (deliberately not the
 * client's schema in server/dexcare: the emulator must not share the client's mistakes).
 * A failure names the first offending field, as a person fixing the request would want.
 */
import { z } from 'zod';

const PHONE = /^(\d{10}|\d{3}-\d{3}-\d{4}|\(\d{3}\) \d{3}-\d{4})$/;
const phone = z.string().regex(PHONE, 'must be a phone number like 5552223334, 555-222-3334 or (555) 222-3334');
const date = z.iso.date('must be a date as YYYY-MM-DD');
const req = (max = 200) => z.string('is required').trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const declaration = z.enum(['self', 'other'], 'must be "self" or "other"');

const holder = {
  declaration,
  firstName: req(64),
  lastName: req(64),
  gender: z.enum(['male', 'female', 'other'], 'must be "male", "female" or "other"'),
  dateOfBirth: date,
};

const billing = z.discriminatedUnion(
  'paymentMethod',
  [
    z.object({ paymentMethod: z.literal('creditcard'), stripeToken: req(500) }),
    z.object({ paymentMethod: z.literal('couponcode'), couponCode: req(100) }),
    z.object({
      paymentMethod: z.literal('insurance'),
      ...holder,
      insuranceType: z.literal('manual', 'must be "manual"'),
      insuranceProviderId: req(100),
      insuranceMemberId: req(100),
    }),
  ],
  { error: 'must be "creditcard", "insurance" or "couponcode"' },
);

export const visitBody = z.object(
  {
    patient: z.object(
      {
        identifier: req(100),
        phone,
        email: z.email('must be an email address'),
        address: z.object(
          {
            line1: req(),
            line2: z.string('must be text').max(200).optional(),
            city: req(100),
            state: req(50),
            postalCode: req(20),
          },
          'is required',
        ),
      },
      'is required',
    ),
    actor: z
      .object({ firstName: req(64), lastName: req(64), phone, dateOfBirth: date }, 'must be an object')
      .optional(),
    billingInfo: billing,
    visitDetails: z.object(
      {
        practiceRegionId: req(100),
        ehrSystemName: req(100),
        departmentId: req(100),
        visitReason: req(1000),
        declaration,
        acceptedTerms: z.literal(true, 'must be true: the patient has to accept the terms'),
        preTriageTags: z.array(z.string('must be text'), 'must be a list of text').optional(),
      },
      'is required',
    ),
  },
  'must be a JSON object',
);
export type VisitBody = z.infer<typeof visitBody>;

/** "visitDetails.acceptedTerms must be true: …" from the first issue. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issue.path.map(String).join('.') || 'body';
  // A missing or unknown method is reported on billingInfo itself; name the field that decides.
  if (path === 'billingInfo') return `billingInfo.paymentMethod ${issue.message}`;
  return `${path} ${issue.message}`;
}
