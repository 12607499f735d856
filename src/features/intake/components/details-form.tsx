import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { z } from 'zod/mini';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import { isApiRequestError } from '../../../api/client';
import { clinicQueries } from '../../../api/queries/clinic';
import { useCreateIntake } from '../../../api/queries/intakes';
import { shownAnswers, type AnswerProblem, type QuestionAnswers } from '../../../api/question-answers';
import { otherPerson, type GuestSessionRequest, type IntakeRequest, type Session } from '../../../api/contract';
import { Alert } from '../../../components/alert';
import { ErrorReference } from '../../../components/error-reference';
import { Button } from '../../../components/button';
import { Field, FieldError } from '../../../components/field';
import { useBookingFlow, type BookingFlow, type BookingKind } from '../../../lib/booking-flow';
import { errorText } from '../../../lib/i18n/error-text';
import { format, useI18n } from '../../../lib/i18n/language';
import { chosenState, stateChoices } from '../../../lib/state-choices';
import {
  checkSomeoneElse,
  detailsBaseSchema,
  detailsFormSchema,
  fieldErrorText,
  serverFieldToFormField,
  type DetailsFormResult,
  type DetailsFormValues,
  type FormField,
} from './details-schema';
import { ClinicQuestions, questionControlId, questionErrors } from './clinic-questions';
import { VisitTypeChoice } from './visit-type-choice';

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
  /**
   * Which of the fields (one form, so a field added here reaches every step that asks it):
   * `all` (walk-in, e-consult); for an appointment, times first (issue 11): `where` — only what
   * the times need (the kind of visit, the state) — then `about` on the review — who, why,
   * consent, with the place and kind taken from the first step.
   */
  part?: 'all' | 'where' | 'about';
  /** `where`: the choice is made; go on to the times. */
  onWhereChosen?: (where: { area: string; visitTypeId: string | null }) => void;
  /** The submit button's words, when not the kind's own. */
  submitLabel?: string;
}

/** Each part's checks: the fields it does not show are not checked. */
const SCHEMAS = {
  all: detailsFormSchema,
  where: z.pick(detailsBaseSchema, { state: true }),
  about: z.omit(detailsBaseSchema, { state: true }).check(z.superRefine(checkSomeoneElse)),
} satisfies Record<NonNullable<DetailsFormProps['part']>, z.core.$ZodType<unknown, unknown>>;

const FIELD_ORDER: FieldPath<DetailsFormValues>[] = [
  'identity.firstName',
  'identity.lastName',
  'identity.dob',
  'identity.email',
  'other.firstName',
  'other.lastName',
  'other.dob',
  'other.relationship',
  'phone',
  'state',
  'reason',
  'consent',
];

export function DetailsForm({
  kind,
  patient,
  startGuestSession,
  onIntakeCreated,
  focusOnMount = false,
  patientBanner,
  part = 'all',
  onWhereChosen,
  submitLabel,
}: DetailsFormProps) {
  const askWhere = part !== 'about';
  const askAbout = part !== 'where';
  // Decided once: the fields must not vanish under the patient when a guest session starts
  // half-way through a submit that then fails.
  const [askIdentity] = useState(() => askAbout && patient === null);
  // The failed call itself, so its text follows the page's language.
  const [formError, setFormError] = useState<{ error: unknown; fields: boolean } | null>(null);
  const i18n = useI18n();
  const { t } = i18n;
  const { flow, startIntake, saveDraft, readDraft } = useBookingFlow();
  // What was typed before (back to the times and forward again): memory only.
  const [draft] = useState(() => (askAbout ? readDraft() : null));
  const createIntake = useCreateIntake();
  // The clinic's visit types (asked first, for an appointment, when there is a choice) and questions.
  const clinic = useQuery(clinicQueries.settings()).data;
  const visitTypes = kind === 'appointment' && askWhere ? (clinic?.visitTypes ?? []) : [];
  const questions = clinic?.questions ?? [];
  // "Who is this visit for?" where the clinic takes the other person's details with the visit's (VSee).
  const offerOther = askAbout && kind !== 'econsult' && !!clinic?.capabilities.forSomeoneElse && !!clinic.capabilities.someoneElseDetails;
  const [chosenType, setChosenType] = useState<string | null>(flow.kind === kind ? flow.visitTypeId : null);
  // The clinic's first type (VSee's default consultation) until the patient picks another.
  const visitTypeId = !askWhere
    ? flow.visitTypeId
    : visitTypes.some((v) => v.id === chosenType)
      ? chosenType
      : (visitTypes[0]?.id ?? null);
  const [typeError, setTypeError] = useState(false);
  const [answers, setAnswers] = useState<QuestionAnswers>(() => (draft?.answers ?? {}) as QuestionAnswers);
  const [answerErrors, setAnswerErrors] = useState<Partial<Record<string, AnswerProblem>>>({});

  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    control,
    subscribe,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<DetailsFormValues, unknown, DetailsFormResult>({
    // The part's own checks; its result carries only the fields it shows.
    resolver: zodResolver(SCHEMAS[part] as unknown as typeof detailsFormSchema),
    defaultValues: {
      ...(askIdentity ? { identity: draft?.identity ?? { firstName: '', lastName: '', dob: '', email: '' } } : {}),
      phone: draft?.phone ?? '',
      // The first step's place, else the start page's area (where the clinic has service areas).
      state: flow.kind === kind && flow.area ? flow.area : chosenState(clinic, kind),
      reason: draft?.reason ?? '',
      consent: draft?.consent ?? false,
      forWhom: draft?.forWhom ?? 'self',
      other: draft?.other ?? { firstName: '', lastName: '', dob: '', relationship: '' },
    },
  });
  const whom = useWatch({ control, name: 'forWhom' });
  const forOther = offerOther && whom === 'other';

  useEffect(() => {
    if (focusOnMount) setFocus(askIdentity ? 'identity.firstName' : askAbout ? 'phone' : 'state');
  }, [focusOnMount, askIdentity, askAbout, setFocus]);

  // Everything typed is kept as it is typed (memory only), so leaving the step loses nothing.
  useEffect(() => {
    if (!askAbout) return;
    const keep = (values: DetailsFormValues) => {
      const id = values.identity;
      saveDraft({
        ...(id ? { identity: { firstName: id.firstName ?? '', lastName: id.lastName ?? '', dob: id.dob ?? '', email: id.email ?? '' } } : {}),
        phone: values.phone ?? '',
        reason: values.reason ?? '',
        consent: values.consent === true,
        forWhom: values.forWhom === 'other' ? 'other' : 'self',
        ...(values.other ? { other: { firstName: values.other.firstName ?? '', lastName: values.other.lastName ?? '', dob: values.other.dob ?? '', relationship: values.other.relationship ?? '' } } : {}),
        answers,
      });
    };
    keep(getValues());
    return subscribe({ formState: { values: true }, callback: ({ values }) => keep(values) });
  }, [askAbout, answers, subscribe, getValues, saveDraft]);

  const onSubmit = async (values: DetailsFormResult) => {
    setFormError(null);
    if (!askAbout) {
      onWhereChosen?.({ area: values.state, visitTypeId });
      return;
    }
    try {
      let newPatient = false;
      if (values.identity && patient === null) {
        await startGuestSession({ ...values.identity, ...(values.phone ? { phone: values.phone } : {}) });
        newPatient = true;
      }
      const given = shownAnswers(questions, answers);
      const body: IntakeRequest = {
        kind,
        reason: values.reason,
        // On the review the place comes from the first step (it chose the times shown).
        state: askWhere ? values.state : ((flow.area ?? '') as IntakeRequest['state']),
        ...(values.phone ? { phone: values.phone } : {}),
        ...(visitTypeId ? { visitTypeId } : {}),
        // The provider chosen beside the times: the intake-aware check before booking asks for theirs.
        ...(!askWhere && flow.providerId ? { providerId: flow.providerId } : {}),
        ...(Object.keys(given).length > 0 ? { answers: given } : {}),
        ...(forOther && values.other ? { forSomeone: otherPerson.parse(values.other) } : {}),
      };
      const signature = JSON.stringify(body);
      // Same patient and details as the intake already made (a retry after a failed step): reuse
      // it, and with it the booking attempt's Idempotency-Key.
      let current = flow;
      const reusable = !newPatient && current.intakeId && current.kind === kind && current.intakeSignature === signature;
      if (!reusable) {
        const created = await createIntake.mutateAsync(body);
        current = startIntake({ kind, intakeId: created.id, intakeSignature: signature, visitTypeId });
      }
      if (!current.intakeId || !current.idempotencyKey) throw new Error('Booking flow lost its intake');
      await onIntakeCreated({ ...current, intakeId: current.intakeId, idempotencyKey: current.idempotencyKey });
    } catch (error) {
      showError(error);
    }
  };

  function showError(error: unknown) {
    if (!isApiRequestError(error)) {
      setFormError({ error, fields: false });
      return;
    }
    // The clinic's questions and the visit type, refused by the proxy (it checks them again).
    const serverAnswers: Partial<Record<string, AnswerProblem>> = {};
    for (const [key, code] of Object.entries(error.fields ?? {})) {
      if (key.startsWith('answers.')) serverAnswers[key.slice('answers.'.length)] = code === 'required' || code === 'too_long' || code === 'date_format' ? code : 'invalid';
    }
    if (Object.keys(serverAnswers).length > 0) setAnswerErrors(serverAnswers);
    if (error.fields?.visitTypeId) setTypeError(true);
    const fieldErrors = Object.entries(error.fields ?? {}).flatMap(([key, code]) => {
      const field = serverFieldToFormField[key];
      return field && (field.startsWith('identity.') ? askIdentity : field.startsWith('other.') ? forOther : true) ? [{ field, code }] : [];
    });
    fieldErrors.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
    // The message kept by the form is the code: it is said in the page's language when shown.
    fieldErrors.forEach(({ field, code }, index) => {
      setError(field, { type: 'server', message: code }, { shouldFocus: index === 0 });
    });
    setFormError({ error, fields: fieldErrors.length > 0 });
  }

  const formErrorText = (failure: { error: unknown; fields: boolean }) => {
    const text = isApiRequestError(failure.error) ? errorText(failure.error, i18n) : t.errors.onThisPage;
    return failure.fields ? format(t.details.checkFields, { message: text }) : text;
  };
  const errorFor = (field: FormField, code: string | undefined) => fieldErrorText(field, code, t);

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
  const forWhom = askAbout ? register('forWhom') : null;
  const other = {
    firstName: register('other.firstName'),
    lastName: register('other.lastName'),
    dob: register('other.dob'),
    relationship: register('other.relationship'),
  };
  const phone = askAbout ? register('phone') : null;
  const state = askWhere ? register('state') : null;
  const reason = askAbout ? register('reason') : null;
  const consent = askAbout ? register('consent') : null;

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        // The clinic's questions are checked with the rest: every problem shows at once.
        const problems = askAbout ? questionErrors(questions, answers) : [];
        setAnswerErrors(Object.fromEntries(problems));
        void handleSubmit(
          (values) => {
            const first = problems[0];
            if (first) {
              setFormError({ error: null, fields: true });
              document.getElementById(questionControlId(first[0]))?.focus();
              return;
            }
            return onSubmit(values);
          },
          () => setFormError(problems.length > 0 ? { error: null, fields: true } : null),
        )(event);
      }}
    >
      {askIdentity ? null : patientBanner}
      {visitTypes.length > 1 ? (
        <VisitTypeChoice
          visitTypes={visitTypes}
          value={visitTypeId}
          onChange={(id) => {
            setChosenType(id);
            setTypeError(false);
          }}
          error={typeError ? t.choices.visitTypeRequired : null}
        />
      ) : null}
      {identity ? (
        <fieldset className="fieldset">
          <legend>{t.details.aboutYou}</legend>
          <Field
            id={idFor('firstName')}
            label={t.details.firstName}
            error={errorFor('identity.firstName', errors.identity?.firstName?.message)}
          >
            {(control) => <input {...control} {...identity.firstName} type="text" autoComplete="given-name" />}
          </Field>
          <Field
            id={idFor('lastName')}
            label={t.details.lastName}
            error={errorFor('identity.lastName', errors.identity?.lastName?.message)}
          >
            {(control) => <input {...control} {...identity.lastName} type="text" autoComplete="family-name" />}
          </Field>
          <Field id={idFor('dob')} label={t.details.dob} error={errorFor('identity.dob', errors.identity?.dob?.message)}>
            {(control) => <input {...control} {...identity.dob} type="date" autoComplete="bday" />}
          </Field>
          <Field
            id={idFor('email')}
            label={t.details.email}
            hint={t.details.emailHint}
            error={errorFor('identity.email', errors.identity?.email?.message)}
          >
            {(control) => (
              <input {...control} {...identity.email} type="email" autoComplete="email" inputMode="email" />
            )}
          </Field>
        </fieldset>
      ) : null}

      {offerOther && forWhom ? (
        <fieldset className="fieldset choices" aria-describedby={idFor('forWhom-hint')}>
          <legend>{t.details.forWhom}</legend>
          <p id={idFor('forWhom-hint')} className="field-hint">
            {t.details.forSomeoneHint}
          </p>
          <div className="choice">
            <input id={idFor('forWhom-self')} type="radio" value="self" {...forWhom} />
            <label htmlFor={idFor('forWhom-self')}>{t.details.forMe}</label>
          </div>
          <div className="choice">
            <input id={idFor('forWhom-other')} type="radio" value="other" {...forWhom} />
            <label htmlFor={idFor('forWhom-other')}>{t.details.forSomeoneElse}</label>
          </div>
        </fieldset>
      ) : null}
      {forOther ? (
        <fieldset className="fieldset">
          <legend>{t.details.aboutThem}</legend>
          <Field id={idFor('other-firstName')} label={t.details.theirFirstName} error={errorFor('other.firstName', errors.other?.firstName?.message)}>
            {(c) => <input {...c} {...other.firstName} type="text" autoComplete="off" />}
          </Field>
          <Field id={idFor('other-lastName')} label={t.details.theirLastName} error={errorFor('other.lastName', errors.other?.lastName?.message)}>
            {(c) => <input {...c} {...other.lastName} type="text" autoComplete="off" />}
          </Field>
          <Field id={idFor('other-dob')} label={t.details.theirDob} error={errorFor('other.dob', errors.other?.dob?.message)}>
            {(c) => <input {...c} {...other.dob} type="date" autoComplete="off" />}
          </Field>
          <Field id={idFor('other-relationship')} label={t.details.relationship} error={errorFor('other.relationship', errors.other?.relationship?.message)}>
            {(c) => (
              <select {...c} {...other.relationship}>
                <option value="">{t.details.chooseRelationship}</option>
                <option value="child">{t.details.relChild}</option>
                <option value="parent">{t.details.relParent}</option>
                <option value="spouse">{t.details.relSpouse}</option>
                <option value="other">{t.details.relOther}</option>
              </select>
            )}
          </Field>
        </fieldset>
      ) : null}

      <fieldset className="fieldset">
        <legend>{t.details.yourVisit}</legend>
        {phone ? (
          <Field
            id={idFor('phone')}
            label={t.details.phone}
            hint={t.details.phoneHint}
            error={errorFor('phone', errors.phone?.message)}
          >
            {(control) => <input {...control} {...phone} type="tel" autoComplete="tel" inputMode="tel" />}
          </Field>
        ) : null}
        {state ? (
        <Field
          id={idFor('state')}
          label={t.details.state}
          hint={t.details.stateHint}
          error={errorFor('state', errors.state?.message)}
        >
          {(control) => (
            <select {...control} {...state}>
              <option value="">{t.details.chooseState}</option>
              {stateChoices(clinic, kind).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        ) : null}
        {reason ? (
        <Field
          id={idFor('reason')}
          label={kind === 'econsult' ? t.details.question : t.details.reason}
          hint={kind === 'econsult' ? t.details.questionHint : t.details.reasonHint}
          error={errorFor('reason', errors.reason?.message)}
        >
          {(control) => <textarea {...control} {...reason} rows={4} maxLength={1000} />}
        </Field>
        ) : null}
      </fieldset>

      {askAbout ? (
      <ClinicQuestions
        questions={questions}
        answers={answers}
        errors={answerErrors}
        onChange={(id, value) => {
          setAnswers((current) => {
            const next = { ...current };
            if (value === undefined) delete next[id];
            else next[id] = value;
            return next;
          });
          setAnswerErrors(({ [id]: _fixed, ...rest }) => rest);
        }}
      />

      ) : null}

      {consent ? (
      <div className={errors.consent ? 'field field-checkbox field-invalid' : 'field field-checkbox'}>
        {errors.consent?.message ? (
          <FieldError id={`${idFor('consent')}-error`}>{errorFor('consent', errors.consent.message)}</FieldError>
        ) : null}
        <div className="checkbox-row">
          <input
            id={idFor('consent')}
            type="checkbox"
            aria-invalid={errors.consent ? true : undefined}
            aria-describedby={errors.consent ? `${idFor('consent')}-error` : undefined}
            {...consent}
          />
          <label htmlFor={idFor('consent')}>{t.details.consent}</label>
        </div>
      </div>
      ) : null}

      {formError ? (
        <Alert title={t.details.formErrorTitle}>
          <p>{formErrorText(formError)}</p>
          <ErrorReference error={formError.error} />
        </Alert>
      ) : null}

      <div role="status" className="form-status">
        {isSubmitting ? t.details.sending : ''}
      </div>
      <div className="actions">
        <Button type="submit" busy={isSubmitting}>
          {submitLabel ?? (kind === 'econsult' ? t.details.sendQuestion : kind === 'walkin' ? t.details.joinQueue : t.common.continue)}
        </Button>
      </div>
    </form>
  );
}
