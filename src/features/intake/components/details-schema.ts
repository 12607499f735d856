/**
 * The details form, built from the contract's own pieces so the browser and the proxy agree on
 * what is valid (the proxy still checks everything again).
 */
import { z } from 'zod';
import { guestSessionRequest, intakeRequest, phoneNumber } from '../../../api/contract';

const blankToUndefined = (value: string) => (value.trim() === '' ? undefined : value);

/** A field left empty gets a message naming what to enter; anything else, the contract's check. */
const required = <T extends z.ZodType<unknown, string>>(message: string, check: T) =>
  z.string().trim().min(1, message).pipe(check);

export const detailsFormSchema = z.object({
  /** Only asked for when nobody is signed in yet (a new guest patient). */
  identity: z
    .object({
      firstName: required('Enter your first name', guestSessionRequest.shape.firstName),
      lastName: required('Enter your last name', guestSessionRequest.shape.lastName),
      dob: required('Enter your date of birth', guestSessionRequest.shape.dob),
      email: required('Enter your email address', guestSessionRequest.shape.email),
    })
    .optional(),
  phone: z.string().transform(blankToUndefined).pipe(phoneNumber.optional()),
  // The select starts on "Choose a state" (an empty value), so the input is any string.
  state: z.string().pipe(intakeRequest.shape.state),
  reason: required('Tell us why you need care today', intakeRequest.shape.reason),
  consent: z.boolean().pipe(z.literal(true, 'Tick this box to agree before you continue')),
});

export type DetailsFormValues = z.input<typeof detailsFormSchema>;
export type DetailsFormResult = z.output<typeof detailsFormSchema>;
export type IdentityField = keyof NonNullable<DetailsFormValues['identity']>;

/** Request field names (as the server reports them in `error.fields`) → form field paths. */
export const serverFieldToFormField: Record<string, `identity.${IdentityField}` | 'phone' | 'state' | 'reason'> = {
  firstName: 'identity.firstName',
  lastName: 'identity.lastName',
  dob: 'identity.dob',
  email: 'identity.email',
  phone: 'phone',
  state: 'state',
  reason: 'reason',
};
