/**
 * The "Before you join" form of a clinic that takes the visit's details at booking (a DexCare
 * virtual visit): whom it is for, where the clinic can reach the patient, how it is paid, and the
 * terms. Values are the form's strings; messages are the contract's field error codes (said in
 * the page's language by src/lib/i18n/field-errors.ts).
 */
import { z } from 'zod/mini';
import { birthDate, phoneNumber, visitContact, walkinBilling, type FieldErrorCode, type WalkinRequest } from '../../../api/contract';

const say = (code: FieldErrorCode) => code;
const text = (max: number) => z.string().check(z.trim(), z.minLength(1, say('required')), z.maxLength(max, say('too_long')));
/** Optional text: trimmed, at most `max` characters. */
const upTo = (max: number) => z.string().check(z.trim(), z.maxLength(max, say('too_long')));

export const visitDetailsSchema = z
  .object({
    who: z.string().check(z.minLength(1, say('required'))),
    phone: phoneNumber.check(z.refine((p) => /^1?\d{10}$/.test(p.replace(/\D/g, '')), say('phone'))),
    email: z.email(say('email')).check(z.maxLength(254, say('too_long'))),
    line1: text(200),
    line2: upTo(200),
    city: text(100),
    state: z.string().check(z.minLength(1, say('state'))),
    postalCode: z.string().check(z.trim(), z.regex(/^\d{5}(-\d{4})?$/, say('invalid'))),
    method: z.enum(['', 'coupon', 'insurance']),
    couponCode: upTo(100),
    insurerId: upTo(100),
    memberNumber: upTo(30),
    holderRelation: z.enum(['self', 'other']),
    holderGender: z.enum(['', 'male', 'female', 'other']),
    holderFirstName: upTo(64),
    holderLastName: upTo(64),
    holderDob: z.string().check(z.trim()),
    terms: z.boolean().check(z.refine((v) => v, say('required'))),
  })
  .check(
    z.superRefine((v, ctx) => {
      const need = (path: string, code: FieldErrorCode) => ctx.addIssue({ code: 'custom', path: [path], message: code });
      if (v.method === '') need('method', 'payment_required');
      if (v.method === 'coupon' && !v.couponCode) need('couponCode', 'required');
      if (v.method !== 'insurance') return;
      if (!v.insurerId) need('insurerId', 'insurer_required');
      if (!v.memberNumber) need('memberNumber', 'member_number_required');
      else if (!/^[0-9A-Za-z -]+$/.test(v.memberNumber)) need('memberNumber', 'member_number');
      if (v.holderGender === '') need('holderGender', 'required');
      if (v.holderRelation === 'other') {
        if (!v.holderFirstName) need('holderFirstName', 'holder_first_name');
        if (!v.holderLastName) need('holderLastName', 'holder_last_name');
        if (!birthDate.safeParse(v.holderDob).success) need('holderDob', 'holder_dob');
      }
    }),
  );

export type VisitDetailsValues = z.input<typeof visitDetailsSchema>;
export type VisitDetailsField = keyof VisitDetailsValues;

/** The walk-in's extra details, as the patient API takes them. */
export function toWalkinDetails(v: z.output<typeof visitDetailsSchema>): Omit<WalkinRequest, 'intakeId'> {
  const billing: WalkinRequest['billing'] =
    v.method === 'coupon'
      ? { method: 'coupon', code: v.couponCode }
      : {
          method: 'insurance',
          insurerId: v.insurerId,
          memberNumber: v.memberNumber,
          holder:
            v.holderRelation === 'self'
              ? { relation: 'self', gender: v.holderGender as 'male' | 'female' | 'other' }
              : { relation: 'other', firstName: v.holderFirstName, lastName: v.holderLastName, dob: v.holderDob, gender: v.holderGender as 'male' | 'female' | 'other' },
        };
  const contact = visitContact.parse({
    phone: v.phone,
    email: v.email,
    address: { line1: v.line1, ...(v.line2 ? { line2: v.line2 } : {}), city: v.city, state: v.state, postalCode: v.postalCode },
  });
  return {
    forWhom: v.who === 'self' ? { who: 'self' } : { who: 'other', dependentId: v.who },
    billing: walkinBilling.parse(billing),
    contact,
    acceptedTerms: true,
  };
}

/** The server's field names → this form's. */
export const serverFieldToFormField: Record<string, VisitDetailsField> = {
  'forWhom.dependentId': 'who',
  dependentId: 'who',
  phone: 'phone',
  'contact.phone': 'phone',
  'contact.email': 'email',
  'contact.address.line1': 'line1',
  'contact.address.line2': 'line2',
  'contact.address.city': 'city',
  'contact.address.state': 'state',
  'contact.address.postalCode': 'postalCode',
  billing: 'method',
  couponCode: 'couponCode',
  'billing.code': 'couponCode',
  'billing.insurerId': 'insurerId',
  'billing.memberNumber': 'memberNumber',
  'billing.holder.dob': 'holderDob',
  acceptedTerms: 'terms',
};
