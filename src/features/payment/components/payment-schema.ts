/**
 * The payment form's values and their checks. The contract's own `paymentRequest` decides what is
 * valid (the proxy checks everything again); the form adds only what a half-filled form can lack
 * (no choice yet, no insurer picked). Messages are the contract's field codes, said in the
 * patient's language by `sayIn()`.
 */
import { z } from 'zod/mini';
import { FIELD_MAX_LENGTH, fieldErrorCode, paymentRequest, type HolderRelation, type PaymentRequest } from '../../../api/contract';
import type { Messages } from '../../../lib/i18n/en';
import { CODE_TO_KEY } from '../../../lib/i18n/field-errors';
import { format } from '../../../lib/i18n/language';

const say = fieldErrorCode.def.entries;

const cardValues = z.object({
  /** undefined: nothing picked yet; null: "My insurance isn't listed". */
  insurerId: z.optional(z.nullable(z.string())),
  memberId: z.string(),
  groupNumber: z.string(),
});
export type CardValues = z.infer<typeof cardValues>;

const formValues = z.object({
  method: z.enum(['', 'insurance', 'self_pay', 'not_sure']),
  primary: cardValues,
  holder: z.object({
    relation: z.enum(['self', 'spouse', 'child', 'other']),
    firstName: z.string(),
    lastName: z.string(),
    dob: z.string(),
  }),
  hasSecondary: z.boolean(),
  secondary: cardValues,
});
export type PaymentFormValues = z.infer<typeof formValues>;

export const emptyPaymentForm: PaymentFormValues = {
  method: '',
  primary: { insurerId: undefined, memberId: '', groupNumber: '' },
  holder: { relation: 'self' as HolderRelation, firstName: '', lastName: '', dob: '' },
  hasSecondary: false,
  secondary: { insurerId: undefined, memberId: '', groupNumber: '' },
};

const blank = (s: string) => (s.trim() === '' ? undefined : s);

const card = (c: CardValues) =>
  c.insurerId ? { insurerId: c.insurerId, memberId: c.memberId, ...(c.groupNumber.trim() ? { groupNumber: c.groupNumber } : {}) } : { insurerId: null };

/** What the form sends: only what the chosen answer needs. */
export function toRequest(v: PaymentFormValues): unknown {
  if (v.method !== 'insurance') return { method: v.method };
  const self = v.holder.relation === 'self';
  return {
    method: 'insurance',
    primary: card(v.primary),
    // Blank is "not given", so the contract names what is missing rather than its format.
    holder: self
      ? { relation: 'self' }
      : { relation: v.holder.relation, firstName: blank(v.holder.firstName), lastName: blank(v.holder.lastName), dob: blank(v.holder.dob) },
    ...(v.hasSecondary && v.primary.insurerId ? { secondary: card(v.secondary) } : {}),
  };
}

export const paymentFormSchema = z.pipe(
  formValues.check(
    z.superRefine((v, ctx) => {
      if (v.method === '') {
        ctx.addIssue({ code: 'custom', path: ['method'], message: say.payment_required });
        return;
      }
      if (v.method === 'insurance') {
        if (v.primary.insurerId === undefined) ctx.addIssue({ code: 'custom', path: ['primary', 'insurerId'], message: say.insurer_required });
        if (v.hasSecondary && v.primary.insurerId && v.secondary.insurerId === undefined) {
          ctx.addIssue({ code: 'custom', path: ['secondary', 'insurerId'], message: say.insurer_required });
        }
      }
      const parsed = paymentRequest.safeParse(toRequest(v));
      if (parsed.success) return;
      for (const issue of parsed.error.issues) {
        // Only the fields the patient can fix; a card left unpicked was reported above.
        if (issue.path.length < 2 || issue.path.at(-1) === 'insurerId') continue;
        ctx.addIssue({ code: 'custom', path: issue.path as (string | number)[], message: issue.message });
      }
    }),
  ),
  z.transform((v: PaymentFormValues) => paymentRequest.parse(toRequest(v)) as PaymentRequest),
);

export type PaymentFormResult = z.output<typeof paymentFormSchema>;

/** Form paths a server field error may name (`error.fields` keys are the request's paths). */
export const FORM_FIELDS = [
  'method',
  'primary.insurerId',
  'primary.memberId',
  'primary.groupNumber',
  'holder.firstName',
  'holder.lastName',
  'holder.dob',
  'secondary.insurerId',
  'secondary.memberId',
  'secondary.groupNumber',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** The longest each payment field may be, for "at most {max} characters". */
const MAX_LENGTH: Partial<Record<FormField, number>> = {
  'primary.memberId': FIELD_MAX_LENGTH.memberId,
  'primary.groupNumber': FIELD_MAX_LENGTH.groupNumber,
  'secondary.memberId': FIELD_MAX_LENGTH.memberId,
  'secondary.groupNumber': FIELD_MAX_LENGTH.groupNumber,
  'holder.firstName': FIELD_MAX_LENGTH.firstName,
  'holder.lastName': FIELD_MAX_LENGTH.lastName,
};

/**
 * A field's error (a code, from the form's checks or the server's answer) in the patient's
 * language; a code we cannot name reads as "check what you entered here".
 */
export function sayIn(field: FormField, code: string | undefined, t: Messages): string | undefined {
  if (!code) return undefined;
  const parsed = fieldErrorCode.safeParse(code);
  if (!parsed.success || parsed.data === 'invalid') return t.validation.check;
  return format(t.validation[CODE_TO_KEY[parsed.data]], { max: String(MAX_LENGTH[field] ?? '') });
}
