/**
 * The details form, built from the contract's own pieces so the browser and the proxy agree on
 * what is valid (the proxy still checks everything again). Its messages, like the contract's, are
 * the catalogue's English; `fieldErrorText` says them in the patient's language.
 */
import { z } from 'zod';
import { guestSessionRequest, intakeRequest, phoneNumber } from '../../../api/contract';
import { en, type Messages } from '../../../lib/i18n/en';
import { format, type Lang } from '../../../lib/i18n/language';

const say = en.validation;

const blankToUndefined = (value: string) => (value.trim() === '' ? undefined : value);

/** A field left empty gets a message naming what to enter; anything else, the contract's check. */
const required = <T extends z.ZodType<unknown, string>>(message: string, check: T) =>
  z.string().trim().min(1, message).pipe(check);

export const detailsFormSchema = z.object({
  /** Only asked for when nobody is signed in yet (a new guest patient). */
  identity: z
    .object({
      firstName: required(say.firstNameRequired, guestSessionRequest.shape.firstName),
      lastName: required(say.lastNameRequired, guestSessionRequest.shape.lastName),
      dob: required(say.dobRequired, guestSessionRequest.shape.dob),
      email: required(say.emailRequired, guestSessionRequest.shape.email),
    })
    .optional(),
  phone: z.string().transform(blankToUndefined).pipe(phoneNumber.optional()),
  // The select starts on "Choose a state" (an empty value), so the input is any string.
  state: z.string().pipe(intakeRequest.shape.state),
  reason: required(say.reasonRequired, intakeRequest.shape.reason),
  consent: z.boolean().pipe(z.literal(true, say.consentRequired)),
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

type ValidationKey = keyof Messages['validation'];
export type FormField = (typeof serverFieldToFormField)[string] | 'consent';

/** Each English message as a pattern, its `{name}` placeholders captured (e.g. "At most {max} characters"). */
const PATTERNS = (Object.keys(say) as ValidationKey[]).map((key) => {
  const names: string[] = [];
  const source = say[key]
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '(.+?)';
    })
    .join('');
  return { key, names, pattern: new RegExp(`^${source}$`) };
});

const SERVER_FALLBACK: Record<FormField, ValidationKey> = {
  'identity.firstName': 'serverFirstName',
  'identity.lastName': 'serverLastName',
  'identity.dob': 'serverDob',
  'identity.email': 'serverEmail',
  phone: 'serverPhone',
  state: 'serverState',
  reason: 'serverReason',
  consent: 'check',
};

/**
 * A field's error in the patient's language. The form's and the contract's checks speak the
 * catalogue's English, so they are found there and said in the page's language; any other words
 * (the server's own, or zod's) are shown as they are in English, and otherwise replaced by the
 * catalogue's word for that field.
 */
export function fieldErrorText(field: FormField, message: string | undefined, { t, lang }: { t: Messages; lang: Lang }): string | undefined {
  if (!message) return undefined;
  for (const { key, names, pattern } of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return format(t.validation[key], Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ''])));
  }
  return lang === 'en' ? message : t.validation[SERVER_FALLBACK[field]];
}
