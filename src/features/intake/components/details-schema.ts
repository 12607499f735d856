/**
 * The details form, built from the contract's own pieces so the browser and the proxy agree on
 * what is valid (the proxy still checks everything again). Every message here is a code — the
 * contract's field codes, or a `validation` catalogue key for what only the form asks — and
 * `fieldErrorText` says it in the patient's language.
 */
import { z } from 'zod/mini';
import { FIELD_MAX_LENGTH, fieldErrorCode, guestSessionRequest, intakeRequest, otherPerson, phoneNumber } from '../../../api/contract';
import { CODE_TO_KEY } from '../../../lib/i18n/field-errors';
import type { Messages } from '../../../lib/i18n/en';
import { format } from '../../../lib/i18n/language';

type ValidationKey = keyof Messages['validation'];

const blankToUndefined = (value: string) => (value.trim() === '' ? undefined : value);

/** A field left empty gets a message naming what to enter; anything else, the contract's check. */
const required = <T extends z.core.$ZodType<unknown, string>>(message: ValidationKey, check: T) =>
  z.pipe(z.string().check(z.trim(), z.minLength(1, message)), check);

export const detailsBaseSchema = z.object({
  /** Only asked for when nobody is signed in yet (a new guest patient). */
  identity: z.optional(
    z.object({
      firstName: required('firstNameRequired', guestSessionRequest.shape.firstName),
      lastName: required('lastNameRequired', guestSessionRequest.shape.lastName),
      dob: required('dobRequired', guestSessionRequest.shape.dob),
      email: required('emailRequired', guestSessionRequest.shape.email),
    }),
  ),
  phone: z.pipe(z.pipe(z.string(), z.transform(blankToUndefined)), z.optional(phoneNumber)),
  // The select starts on "Choose a state" (an empty value), so the input is any string.
  state: z.pipe(z.string(), intakeRequest.shape.state),
  reason: required('reasonRequired', intakeRequest.shape.reason),
  consent: z.pipe(z.boolean(), z.literal(true, 'consentRequired' satisfies ValidationKey)),
  /** Only where the clinic lets the patient name someone else (`capabilities.someoneElseDetails`). */
  forWhom: z.optional(z.enum(['self', 'other'])),
  other: z.optional(z.object({ firstName: z.string(), lastName: z.string(), dob: z.string(), relationship: z.string() })),
});

const OTHER_REQUIRED: Record<keyof OtherValues, ValidationKey> = {
  firstName: 'theirFirstNameRequired',
  lastName: 'theirLastNameRequired',
  dob: 'theirDobRequired',
  relationship: 'relationshipRequired',
};
type OtherValues = NonNullable<z.input<typeof detailsBaseSchema>['other']>;

/** "Someone else"'s fields are checked only when the visit is for someone else. */
export function checkSomeoneElse(
  v: Pick<z.output<typeof detailsBaseSchema>, 'forWhom' | 'other'>,
  ctx: z.core.$RefinementCtx<Pick<z.output<typeof detailsBaseSchema>, 'forWhom' | 'other'>>,
): void {
  if (v.forWhom !== 'other') return;
  const other = v.other ?? { firstName: '', lastName: '', dob: '', relationship: '' };
  for (const key of Object.keys(OTHER_REQUIRED) as Array<keyof OtherValues>) {
    const value = other[key].trim();
    const checked = otherPerson.shape[key].safeParse(value);
    if (value === '') ctx.addIssue({ code: 'custom', path: ['other', key], message: OTHER_REQUIRED[key] });
    else if (!checked.success) ctx.addIssue({ code: 'custom', path: ['other', key], message: checked.error.issues[0]?.message ?? 'invalid' });
  }
}

/** The details, with "someone else"'s fields checked only when the visit is for someone else. */
export const detailsFormSchema = detailsBaseSchema.check(z.superRefine(checkSomeoneElse));

export type DetailsFormValues = z.input<typeof detailsFormSchema>;
export type DetailsFormResult = z.output<typeof detailsFormSchema>;
type IdentityField = keyof NonNullable<DetailsFormValues['identity']>;

/** Request field names (as the server reports them in `error.fields`) → form field paths. */
export const serverFieldToFormField: Record<string, `identity.${IdentityField}` | `other.${keyof OtherValues}` | 'phone' | 'state' | 'reason'> = {
  'forSomeone.firstName': 'other.firstName',
  'forSomeone.lastName': 'other.lastName',
  'forSomeone.dob': 'other.dob',
  'forSomeone.relationship': 'other.relationship',
  firstName: 'identity.firstName',
  lastName: 'identity.lastName',
  dob: 'identity.dob',
  email: 'identity.email',
  phone: 'phone',
  state: 'state',
  reason: 'reason',
};

export type FormField = (typeof serverFieldToFormField)[string] | 'consent';


/** When a field is refused without a reason we can name: "check your …". */
const CHECK_FIELD: Record<FormField, ValidationKey> = {
  'identity.firstName': 'serverFirstName',
  'identity.lastName': 'serverLastName',
  'identity.dob': 'serverDob',
  'identity.email': 'serverEmail',
  phone: 'serverPhone',
  state: 'serverState',
  reason: 'serverReason',
  consent: 'check',
  'other.firstName': 'check',
  'other.lastName': 'check',
  'other.dob': 'check',
  'other.relationship': 'relationshipRequired',
};

const MAX_LENGTH: Partial<Record<FormField, number>> = {
  'identity.firstName': FIELD_MAX_LENGTH.firstName,
  'identity.lastName': FIELD_MAX_LENGTH.lastName,
  'identity.email': FIELD_MAX_LENGTH.email,
  'other.firstName': FIELD_MAX_LENGTH.firstName,
  'other.lastName': FIELD_MAX_LENGTH.lastName,
  reason: FIELD_MAX_LENGTH.reason,
};

/** A field's error (a code, from the form's checks or the server's answer) in the patient's language. */
export function fieldErrorText(field: FormField, code: string | undefined, t: Messages): string | undefined {
  if (!code) return undefined;
  const parsed = fieldErrorCode.safeParse(code);
  if (parsed.success) {
    if (parsed.data === 'invalid') return t.validation[CHECK_FIELD[field]];
    return format(t.validation[CODE_TO_KEY[parsed.data]], { max: String(MAX_LENGTH[field] ?? '') });
  }
  return Object.hasOwn(t.validation, code) ? t.validation[code as ValidationKey] : t.validation[CHECK_FIELD[field]];
}
