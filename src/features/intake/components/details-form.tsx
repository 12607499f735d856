import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState, type ReactNode } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { isApiRequestError } from '../../../api/client';
import type { GuestSessionRequest, IntakeRequest, Session } from '../../../api/contract';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field, FieldError } from '../../../components/field';
import { useBookingFlow, type BookingFlow, type BookingKind } from '../../../lib/booking-flow';
import { US_STATES } from '../../../lib/us-states';
import { useCreateIntake } from '../api/create-intake';
import { detailsFormSchema, serverFieldToFormField, type DetailsFormResult, type DetailsFormValues } from './details-schema';

export interface DetailsFormProps {
  kind: BookingKind;
  /** The signed-in patient right now, or null while nobody is. */
  patient: Session | null;
  startGuestSession: (body: GuestSessionRequest) => Promise<unknown>;
  /** Called once the intake exists; for a walk-in this joins the queue, so it may fail too. */
  onIntakeCreated: (flow: BookingFlow & { intakeId: string; idempotencyKey: string }) => Promise<void>;
  /** Move focus into the form when it appears (after "Not you?"). */
  focusOnMount?: boolean;
  /** "You are booking as …", shown when the form does not ask who the patient is. */
  patientBanner?: ReactNode;
}

const REASON_COPY: Record<BookingKind, { label: string; hint: string }> = {
  walkin: { label: 'Reason for visit', hint: 'A few words about what is bothering you and since when.' },
  appointment: { label: 'Reason for visit', hint: 'A few words about what is bothering you and since when.' },
  econsult: {
    label: 'Your question',
    hint: 'What you would like a provider to know or answer, and since when it has been going on.',
  },
};

const FIELD_ORDER: FieldPath<DetailsFormValues>[] = [
  'identity.firstName',
  'identity.lastName',
  'identity.dob',
  'identity.email',
  'phone',
  'state',
  'reason',
  'consent',
];

export function DetailsForm({ kind, patient, startGuestSession, onIntakeCreated, focusOnMount = false, patientBanner }: DetailsFormProps) {
  // Decided once: the fields must not vanish under the patient when a guest session starts
  // half-way through a submit that then fails.
  const [askIdentity] = useState(() => patient === null);
  const [formError, setFormError] = useState<string | null>(null);
  const { flow, startIntake } = useBookingFlow();
  const createIntake = useCreateIntake();

  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<DetailsFormValues, unknown, DetailsFormResult>({
    resolver: zodResolver(detailsFormSchema),
    defaultValues: {
      ...(askIdentity ? { identity: { firstName: '', lastName: '', dob: '', email: '' } } : {}),
      phone: '',
      state: '',
      reason: '',
      consent: false,
    },
  });

  useEffect(() => {
    if (focusOnMount) setFocus(askIdentity ? 'identity.firstName' : 'phone');
  }, [focusOnMount, askIdentity, setFocus]);

  const onSubmit = async (values: DetailsFormResult) => {
    setFormError(null);
    try {
      let newPatient = false;
      if (values.identity && patient === null) {
        await startGuestSession({ ...values.identity, ...(values.phone ? { phone: values.phone } : {}) });
        newPatient = true;
      }
      const body: IntakeRequest = {
        kind,
        reason: values.reason,
        state: values.state,
        ...(values.phone ? { phone: values.phone } : {}),
      };
      const signature = JSON.stringify(body);
      // Same patient and details as the intake already made (a retry after a failed step): reuse
      // it, and with it the booking attempt's Idempotency-Key.
      let current = flow;
      const reusable = !newPatient && current.intakeId && current.kind === kind && current.intakeSignature === signature;
      if (!reusable) {
        const created = await createIntake.mutateAsync(body);
        current = startIntake({ kind, intakeId: created.id, intakeSignature: signature });
      }
      if (!current.intakeId || !current.idempotencyKey) throw new Error('Booking flow lost its intake');
      await onIntakeCreated({ ...current, intakeId: current.intakeId, idempotencyKey: current.idempotencyKey });
    } catch (error) {
      showError(error);
    }
  };

  function showError(error: unknown) {
    if (!isApiRequestError(error)) {
      setFormError('Something went wrong on this page. Please try again.');
      return;
    }
    const fieldErrors = Object.entries(error.fields ?? {}).flatMap(([key, message]) => {
      const field = serverFieldToFormField[key];
      return field && (field.startsWith('identity.') ? askIdentity : true) ? [{ field, message }] : [];
    });
    fieldErrors.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
    fieldErrors.forEach(({ field, message }, index) => {
      setError(field, { type: 'server', message }, { shouldFocus: index === 0 });
    });
    setFormError(
      fieldErrors.length > 0 ? `${error.message} Please check the fields marked with an error.` : error.message,
    );
  }

  const idFor = (name: string) => `details-${name.replace('.', '-')}`;
  // Registered here, in page order: react-hook-form focuses the first invalid field in the
  // order fields were registered, and the Field render props would register them late.
  const identity = askIdentity
    ? {
        firstName: register('identity.firstName'),
        lastName: register('identity.lastName'),
        dob: register('identity.dob'),
        email: register('identity.email'),
      }
    : null;
  const phone = register('phone');
  const state = register('state');
  const reason = register('reason');
  const consent = register('consent');

  return (
    <form className="form" noValidate onSubmit={(event) => void handleSubmit(onSubmit)(event)}>
      {askIdentity ? null : patientBanner}
      {identity ? (
        <fieldset className="fieldset">
          <legend>About you</legend>
          <Field id={idFor('firstName')} label="First name" error={errors.identity?.firstName?.message}>
            {(control) => <input {...control} {...identity.firstName} type="text" autoComplete="given-name" />}
          </Field>
          <Field id={idFor('lastName')} label="Last name" error={errors.identity?.lastName?.message}>
            {(control) => <input {...control} {...identity.lastName} type="text" autoComplete="family-name" />}
          </Field>
          <Field id={idFor('dob')} label="Date of birth" error={errors.identity?.dob?.message}>
            {(control) => <input {...control} {...identity.dob} type="date" autoComplete="bday" />}
          </Field>
          <Field
            id={idFor('email')}
            label="Email"
            hint="We send your visit details here."
            error={errors.identity?.email?.message}
          >
            {(control) => (
              <input {...control} {...identity.email} type="email" autoComplete="email" inputMode="email" />
            )}
          </Field>
        </fieldset>
      ) : null}

      <fieldset className="fieldset">
        <legend>Your visit</legend>
        <Field
          id={idFor('phone')}
          label="Phone"
          hint="Optional. The clinic calls this number if the video connection fails."
          error={errors.phone?.message}
        >
          {(control) => <input {...control} {...phone} type="tel" autoComplete="tel" inputMode="tel" />}
        </Field>
        <Field
          id={idFor('state')}
          label="State"
          hint="Where you are right now. It decides which providers can see you."
          error={errors.state?.message}
        >
          {(control) => (
            <select {...control} {...state}>
              <option value="">Choose a state</option>
              {US_STATES.map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={idFor('reason')} label={REASON_COPY[kind].label} hint={REASON_COPY[kind].hint} error={errors.reason?.message}>
          {(control) => <textarea {...control} {...reason} rows={4} maxLength={1000} />}
        </Field>
        <div className={errors.consent ? 'field field-checkbox field-invalid' : 'field field-checkbox'}>
          {errors.consent?.message ? <FieldError id={`${idFor('consent')}-error`}>{errors.consent.message}</FieldError> : null}
          <div className="checkbox-row">
            <input
              id={idFor('consent')}
              type="checkbox"
              aria-invalid={errors.consent ? true : undefined}
              aria-describedby={errors.consent ? `${idFor('consent')}-error` : undefined}
              {...consent}
            />
            <label htmlFor={idFor('consent')}>I consent to a telehealth visit and to the clinic storing these details.</label>
          </div>
        </div>
      </fieldset>

      {formError ? (
        <Alert title="We could not continue">
          <p>{formError}</p>
        </Alert>
      ) : null}

      <div role="status" className="form-status">
        {isSubmitting ? 'Sending your details…' : ''}
      </div>
      <div className="actions">
        <Button type="submit" busy={isSubmitting}>
          {kind === 'econsult' ? 'Send my question' : 'Continue'}
        </Button>
      </div>
    </form>
  );
}
