/**
 * "Before you join": what a clinic that takes a virtual visit's details at booking needs (DexCare:
 * `capabilities.billing` is not empty) — whom the visit is for (the patient, or someone their
 * health system links to them), where the clinic can reach them, how it is paid (only the ways
 * the clinic takes), and its terms. The app sends it with the walk-in (src/app/routes).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { isApiRequestError } from '../../../api/client';
import type { Clinic, FieldErrorCode, Price, Session, WalkinRequest } from '../../../api/contract';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field, FieldError } from '../../../components/field';
import { InsurerCombobox } from '../../../components/insurer-combobox';
import { PageHeading } from '../../../components/page-heading';
import { formatMoney } from '../../../lib/format-money';
import { errorText } from '../../../lib/i18n/error-text';
import { CODE_TO_KEY } from '../../../lib/i18n/field-errors';
import { format, useI18n } from '../../../lib/i18n/language';
import { US_STATES } from '../../../lib/us-states';
import { serverFieldToFormField, toWalkinDetails, visitDetailsSchema, type VisitDetailsField, type VisitDetailsValues } from './visit-details-schema';

export interface VisitDetailsPageProps {
  clinic: Clinic;
  session: Session;
  /** The visit's price where the patient is (DexCare's `visitPrice`); null or absent: not said. */
  price?: Price | null;
  /** Joins the queue with these details; may fail (its error is shown here). */
  onSubmit: (details: Omit<WalkinRequest, 'intakeId'>) => Promise<void>;
}

const ORDER: VisitDetailsField[] = ['who', 'phone', 'email', 'line1', 'line2', 'city', 'state', 'postalCode', 'method', 'couponCode', 'insurerId', 'memberNumber', 'holderGender', 'holderFirstName', 'holderLastName', 'holderDob', 'terms'];
const MAX: Partial<Record<VisitDetailsField, number>> = { line1: 200, line2: 200, city: 100, couponCode: 100, insurerId: 100, memberNumber: 30, holderFirstName: 64, holderLastName: 64, email: 254 };

export function VisitDetailsPage({ clinic, session, price, onSubmit }: VisitDetailsPageProps) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const v = t.virtualVisit;
  const [failure, setFailure] = useState<{ error: unknown; fields: boolean } | null>(null);
  const dependents = clinic.capabilities.forSomeoneElse ? (session.dependents ?? []) : [];
  const methods = clinic.capabilities.billing;
  // The same insurer choice as VSee's insurance step where the clinic lists its insurers.
  const insurers = clinic.insurers ?? [];

  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<VisitDetailsValues, unknown, Parameters<typeof toWalkinDetails>[0]>({
    resolver: zodResolver(visitDetailsSchema),
    defaultValues: {
      who: 'self',
      phone: '',
      email: '',
      line1: '',
      line2: '',
      city: '',
      state: '',
      postalCode: '',
      method: methods.length === 1 ? methods[0] : '',
      couponCode: '',
      insurerId: '',
      memberNumber: '',
      holderRelation: 'self',
      holderGender: '',
      holderFirstName: '',
      holderLastName: '',
      holderDob: '',
      terms: false,
    },
  });
  const method = useWatch({ control, name: 'method' });
  const holderRelation = useWatch({ control, name: 'holderRelation' });

  const say = (field: VisitDetailsField, code: string | undefined): string | undefined => {
    if (!code) return undefined;
    if (code === 'too_long') return format(t.validation.tooLong, { max: String(MAX[field] ?? 100) });
    // Here "not listed" is no way to pay: a coupon is (the form's only other method).
    if (field === 'insurerId' && code === 'insurer_required' && insurers.length > 0) return v.insurerNotListed;
    if (code === 'invalid' || !(code in CODE_TO_KEY)) return field === 'couponCode' ? v.couponInvalid : field === 'postalCode' ? v.postalCodeInvalid : t.validation.check;
    return t.validation[CODE_TO_KEY[code as Exclude<FieldErrorCode, 'invalid'>]];
  };
  const err = (field: VisitDetailsField) => say(field, errors[field]?.message);

  const submit = async (values: Parameters<typeof toWalkinDetails>[0]) => {
    setFailure(null);
    try {
      await onSubmit(toWalkinDetails(values));
    } catch (error) {
      const fields = isApiRequestError(error)
        ? Object.entries(error.fields ?? {}).flatMap(([key, code]) => (serverFieldToFormField[key] ? [{ field: serverFieldToFormField[key], code }] : []))
        : [];
      fields.sort((a, b) => ORDER.indexOf(a.field) - ORDER.indexOf(b.field));
      fields.forEach(({ field, code }, index) => setError(field as FieldPath<VisitDetailsValues>, { type: 'server', message: code }, { shouldFocus: index === 0 }));
      setFailure({ error, fields: fields.length > 0 });
    }
  };

  const id = (name: string) => `visit-${name}`;
  // Registered in page order: react-hook-form focuses the first invalid field in that order.
  const who = register('who');
  const fields = {
    phone: register('phone'),
    email: register('email'),
    line1: register('line1'),
    line2: register('line2'),
    city: register('city'),
    state: register('state'),
    postalCode: register('postalCode'),
  };
  const methodField = register('method');
  const couponCode = register('couponCode');
  // With the clinic's list, the insurer is the combobox's (a Controller), not a text box.
  const insurerId = insurers.length > 0 ? null : register('insurerId');
  const memberNumber = register('memberNumber');
  const holderRel = register('holderRelation');
  const holderGender = register('holderGender');
  const holderFirstName = register('holderFirstName');
  const holderLastName = register('holderLastName');
  const holderDob = register('holderDob');
  const terms = register('terms');

  const radioError = (field: VisitDetailsField) =>
    err(field) ? <FieldError id={`${id(field)}-error`}>{err(field)}</FieldError> : null;

  return (
    <>
      <PageHeading>{v.heading}</PageHeading>
      <p>{v.intro}</p>
      <form className="form" noValidate onSubmit={(event) => void handleSubmit(submit)(event)}>
        {dependents.length > 0 ? (
          <fieldset className="fieldset choices" aria-describedby={err('who') ? `${id('who')}-error` : undefined}>
            <legend>{v.forWhom}</legend>
            {radioError('who')}
            <div className="choice">
              <input id={id('who-self')} type="radio" value="self" {...who} />
              <label htmlFor={id('who-self')}>{v.me}</label>
            </div>
            {dependents.map((d) => (
              <div className="choice" key={d.id}>
                <input id={id(`who-${d.id}`)} type="radio" value={d.id} {...who} />
                <label htmlFor={id(`who-${d.id}`)}>{`${d.firstName} ${d.lastName}`}</label>
              </div>
            ))}
          </fieldset>
        ) : null}

        <fieldset className="fieldset">
          <legend>{v.contact}</legend>
          <Field id={id('phone')} label={v.phone} hint={v.phoneHint} error={err('phone')}>
            {(c) => <input {...c} {...fields.phone} type="tel" autoComplete="tel" inputMode="tel" />}
          </Field>
          <Field id={id('email')} label={v.email} error={err('email')}>
            {(c) => <input {...c} {...fields.email} type="email" autoComplete="email" inputMode="email" />}
          </Field>
          <Field id={id('line1')} label={v.line1} error={err('line1')}>
            {(c) => <input {...c} {...fields.line1} type="text" autoComplete="address-line1" />}
          </Field>
          <Field id={id('line2')} label={v.line2} error={err('line2')}>
            {(c) => <input {...c} {...fields.line2} type="text" autoComplete="address-line2" />}
          </Field>
          <Field id={id('city')} label={v.city} error={err('city')}>
            {(c) => <input {...c} {...fields.city} type="text" autoComplete="address-level2" />}
          </Field>
          <Field id={id('state')} label={v.state} error={err('state')}>
            {(c) => (
              <select {...c} {...fields.state} autoComplete="address-level1">
                <option value="">{t.details.chooseState}</option>
                {US_STATES.map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={id('postalCode')} label={v.postalCode} error={err('postalCode')}>
            {(c) => <input {...c} {...fields.postalCode} type="text" autoComplete="postal-code" inputMode="numeric" />}
          </Field>
        </fieldset>

        <fieldset className="fieldset choices" aria-describedby={err('method') ? `${id('method')}-error` : undefined}>
          <legend>{v.payment}</legend>
          {price ? <p className="visit-price">{price.amount === 0 ? t.payment.noCharge : format(t.payment.price, { price: formatMoney(price.amount, price.currency, locale) })}</p> : null}
          {radioError('method')}
          {methods.includes('insurance') ? (
            <div className="choice">
              <input id={id('method-insurance')} type="radio" value="insurance" {...methodField} />
              <label htmlFor={id('method-insurance')}>{v.insurance}</label>
            </div>
          ) : null}
          {methods.includes('coupon') ? (
            <div className="choice">
              <input id={id('method-coupon')} type="radio" value="coupon" {...methodField} />
              <label htmlFor={id('method-coupon')}>{v.coupon}</label>
            </div>
          ) : null}
          {method === 'coupon' ? (
            <Field id={id('couponCode')} label={v.couponCode} error={err('couponCode')}>
              {(c) => <input {...c} {...couponCode} type="text" autoComplete="off" />}
            </Field>
          ) : null}
          {method === 'insurance' ? (
            <>
              {insurers.length > 0 ? (
                <Field id={id('insurerId')} label={t.payment.company} error={err('insurerId')}>
                  {(c) => (
                    <Controller
                      control={control}
                      name="insurerId"
                      render={({ field }) => (
                        <InsurerCombobox
                          control={c}
                          insurers={insurers}
                          value={field.value === '' ? undefined : field.value}
                          // "Not listed" leaves no insurer: the check below says to pay another way.
                          onChange={(choice) => field.onChange(choice ?? '')}
                          onBlur={field.onBlur}
                          inputRef={field.ref}
                        />
                      )}
                    />
                  )}
                </Field>
              ) : (
                <Field id={id('insurerId')} label={v.insurerId} hint={v.insurerIdHint} error={err('insurerId')}>
                  {(c) => <input {...c} {...insurerId!} type="text" autoComplete="off" />}
                </Field>
              )}
              <Field id={id('memberNumber')} label={v.memberNumber} error={err('memberNumber')}>
                {(c) => <input {...c} {...memberNumber} type="text" autoComplete="off" />}
              </Field>
              <fieldset className="fieldset choices">
                <legend>{v.holder}</legend>
                <div className="choice">
                  <input id={id('holder-self')} type="radio" value="self" {...holderRel} />
                  <label htmlFor={id('holder-self')}>{v.holderSelf}</label>
                </div>
                <div className="choice">
                  <input id={id('holder-other')} type="radio" value="other" {...holderRel} />
                  <label htmlFor={id('holder-other')}>{v.holderOther}</label>
                </div>
              </fieldset>
              {holderRelation === 'other' ? (
                <>
                  <Field id={id('holderFirstName')} label={v.holderFirstName} error={err('holderFirstName')}>
                    {(c) => <input {...c} {...holderFirstName} type="text" autoComplete="off" />}
                  </Field>
                  <Field id={id('holderLastName')} label={v.holderLastName} error={err('holderLastName')}>
                    {(c) => <input {...c} {...holderLastName} type="text" autoComplete="off" />}
                  </Field>
                  <Field id={id('holderDob')} label={v.holderDob} error={err('holderDob')}>
                    {(c) => <input {...c} {...holderDob} type="date" autoComplete="off" />}
                  </Field>
                </>
              ) : null}
              <Field id={id('holderGender')} label={v.holderGender} error={err('holderGender')}>
                {(c) => (
                  <select {...c} {...holderGender}>
                    <option value="">{v.genderChoose}</option>
                    <option value="female">{v.female}</option>
                    <option value="male">{v.male}</option>
                    <option value="other">{v.otherGender}</option>
                  </select>
                )}
              </Field>
            </>
          ) : null}
        </fieldset>

        <div className={errors.terms ? 'field field-checkbox field-invalid' : 'field field-checkbox'}>
          {errors.terms ? <FieldError id={`${id('terms')}-error`}>{v.termsRequired}</FieldError> : null}
          <div className="checkbox-row">
            <input id={id('terms')} type="checkbox" aria-invalid={errors.terms ? true : undefined} aria-describedby={errors.terms ? `${id('terms')}-error` : undefined} {...terms} />
            <label htmlFor={id('terms')}>{v.terms}</label>
          </div>
        </div>

        {failure ? (
          <Alert title={v.errorTitle}>
            <p>{isApiRequestError(failure.error) ? errorText(failure.error, i18n) : t.errors.onThisPage}</p>
          </Alert>
        ) : null}
        <div role="status" className="form-status">
          {isSubmitting ? v.sending : ''}
        </div>
        <div className="actions">
          <Button type="submit" busy={isSubmitting}>
            {v.submit}
          </Button>
        </div>
      </form>
    </>
  );
}
