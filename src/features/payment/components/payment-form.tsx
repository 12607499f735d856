/**
 * "How will you pay for this visit?": insurance (the clinic's own list, member ID, group number,
 * who holds it, an optional second insurance), "I'll pay myself" (with the price) or "I'm not
 * sure". Errors sit beside their fields and the first takes focus; everything typed is kept when
 * saving fails.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { isApiRequestError } from '../../../api/client';
import type { FieldErrorCode, HolderRelation, PaymentOptions, PaymentRequest } from '../../../api/contract';
import { Alert } from '../../../components/alert';
import { ErrorReference } from '../../../components/error-reference';
import { Button } from '../../../components/button';
import { Field, FieldError } from '../../../components/field';
import { formatMoney } from '../../../lib/format-money';
import { errorText } from '../../../lib/i18n/error-text';
import { format, useI18n } from '../../../lib/i18n/language';
import { InsurerCombobox } from '../../../components/insurer-combobox';
import {
  emptyPaymentForm,
  FORM_FIELDS,
  paymentFormSchema,
  sayIn,
  type FormField,
  type PaymentFormResult,
  type PaymentFormValues,
} from './payment-schema';

export interface PaymentFormProps {
  options: PaymentOptions;
  /** Saves the choice and moves on; a failure is shown here, with the answers kept. */
  onSubmit: (request: PaymentRequest) => Promise<void>;
  submitLabel: string;
}

const HOLDERS: HolderRelation[] = ['self', 'spouse', 'child', 'other'];

export function PaymentForm({ options, onSubmit, submitLabel }: PaymentFormProps) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [formError, setFormError] = useState<{ error: unknown; fields: boolean } | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PaymentFormValues, unknown, PaymentFormResult>({
    resolver: zodResolver(paymentFormSchema),
    defaultValues: emptyPaymentForm,
  });

  const [method, relation, hasSecondary, primaryInsurer, secondaryInsurer] = useWatch({
    control,
    name: ['method', 'holder.relation', 'hasSecondary', 'primary.insurerId', 'secondary.insurerId'],
  });
  const offersInsurance = options.insurers.length > 0;

  const submit = async (request: PaymentFormResult) => {
    setFormError(null);
    try {
      await onSubmit(request);
    } catch (error) {
      const fields = isApiRequestError(error)
        ? Object.entries(error.fields ?? {}).filter((entry): entry is [FormField, FieldErrorCode] => (FORM_FIELDS as readonly string[]).includes(entry[0]))
        : [];
      fields.forEach(([field, message], index) => setError(field, { type: 'server', message }, { shouldFocus: index === 0 }));
      setFormError({ error, fields: fields.length > 0 });
    }
  };

  const err = (field: FormField, code: string | undefined) => sayIn(field, code, t);
  const price = options.price;
  const priceText = price ? (price.amount === 0 ? t.payment.noCharge : formatMoney(price.amount, price.currency, locale)) : null;
  const methodError = err('method', errors.method?.message);

  const card = (which: 'primary' | 'secondary') => {
    const e = errors[which];
    const labels =
      which === 'primary'
        ? { company: t.payment.company, memberId: t.payment.memberId, group: t.payment.groupNumber }
        : { company: t.payment.secondaryCompany, memberId: t.payment.secondaryMemberId, group: t.payment.secondaryGroupNumber };
    const chosen = which === 'primary' ? primaryInsurer : secondaryInsurer;
    return (
      <>
        <Field id={`payment-${which}-company`} label={labels.company} hint={t.payment.companyHint} error={err(`${which}.insurerId`, e?.insurerId?.message)}>
          {(ctl) => (
            <Controller
              control={control}
              name={`${which}.insurerId`}
              render={({ field }) => (
                <InsurerCombobox
                  control={ctl}
                  insurers={options.insurers}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  inputRef={field.ref}
                />
              )}
            />
          )}
        </Field>
        {chosen === null ? <p className="field-note">{t.payment.notListedNote}</p> : null}
        {chosen === null ? null : (
          <>
            <Field id={`payment-${which}-member`} label={labels.memberId} hint={t.payment.memberIdHint} error={err(`${which}.memberId`, e?.memberId?.message)}>
              {(ctl) => <input {...ctl} {...register(`${which}.memberId`)} type="text" autoComplete="off" spellCheck={false} />}
            </Field>
            <Field id={`payment-${which}-group`} label={labels.group} error={err(`${which}.groupNumber`, e?.groupNumber?.message)}>
              {(ctl) => <input {...ctl} {...register(`${which}.groupNumber`)} type="text" autoComplete="off" spellCheck={false} />}
            </Field>
          </>
        )}
      </>
    );
  };

  const holderField = (name: 'firstName' | 'lastName' | 'dob', label: string, type: string) => (
    <Field id={`payment-holder-${name}`} label={label} error={err(`holder.${name}`, errors.holder?.[name]?.message)}>
      {(ctl) => <input {...ctl} {...register(`holder.${name}` as FieldPath<PaymentFormValues>)} type={type} autoComplete="off" />}
    </Field>
  );

  return (
    <form className="form" noValidate onSubmit={(event) => void handleSubmit(submit)(event)}>
      <fieldset
        className={methodError ? 'fieldset choices field-invalid' : 'fieldset choices'}
        role="radiogroup"
        aria-labelledby="payment-method-legend"
        aria-describedby={methodError ? 'payment-method-error' : undefined}
      >
        <legend id="payment-method-legend">{t.payment.question}</legend>
        {methodError ? <FieldError id="payment-method-error">{methodError}</FieldError> : null}
        {offersInsurance ? (
          <div className="choice">
            <input id="payment-method-insurance" type="radio" value="insurance" {...register('method')} aria-invalid={methodError ? true : undefined} />
            <label htmlFor="payment-method-insurance">{t.payment.insurance}</label>
          </div>
        ) : null}
        <div className="choice">
          <input id="payment-method-self" type="radio" value="self_pay" aria-describedby={priceText ? 'payment-price' : undefined} {...register('method')} />
          <label htmlFor="payment-method-self">{t.payment.selfPay}</label>
          {priceText ? (
            <p id="payment-price" className="choice-hint">
              {price?.amount === 0 ? priceText : format(t.payment.price, { price: priceText })}
            </p>
          ) : null}
        </div>
        <div className="choice">
          <input id="payment-method-unsure" type="radio" value="not_sure" aria-describedby="payment-unsure-hint" {...register('method')} />
          <label htmlFor="payment-method-unsure">{t.payment.notSure}</label>
          <p id="payment-unsure-hint" className="choice-hint">
            {t.payment.notSureHint}
          </p>
        </div>
      </fieldset>

      {method === 'insurance' ? (
        <>
          <fieldset className="fieldset">
            <legend>{t.payment.yourInsurance}</legend>
            {card('primary')}
          </fieldset>
          {primaryInsurer === null ? null : (
            <>
              <fieldset className="fieldset choices" role="radiogroup" aria-labelledby="payment-holder-legend">
                <legend id="payment-holder-legend">{t.payment.holder}</legend>
                {HOLDERS.map((h) => (
                  <div className="choice" key={h}>
                    <input id={`payment-holder-${h}`} type="radio" value={h} {...register('holder.relation')} />
                    <label htmlFor={`payment-holder-${h}`}>
                      {{ self: t.payment.holderSelf, spouse: t.payment.holderSpouse, child: t.payment.holderChild, other: t.payment.holderOther }[h]}
                    </label>
                  </div>
                ))}
              </fieldset>
              {relation === 'self' ? null : (
                <fieldset className="fieldset">
                  <legend className="visually-hidden">{t.payment.holder}</legend>
                  {holderField('firstName', t.payment.holderFirstName, 'text')}
                  {holderField('lastName', t.payment.holderLastName, 'text')}
                  {holderField('dob', t.payment.holderDob, 'date')}
                </fieldset>
              )}
              <div className="field field-checkbox">
                <div className="checkbox-row">
                  <input id="payment-has-secondary" type="checkbox" {...register('hasSecondary')} />
                  <label htmlFor="payment-has-secondary">{t.payment.addSecondary}</label>
                </div>
              </div>
              {hasSecondary ? (
                <fieldset className="fieldset">
                  <legend>{t.payment.secondary}</legend>
                  {card('secondary')}
                </fieldset>
              ) : null}
            </>
          )}
          <p className="field-note">{t.payment.checkNote}</p>
        </>
      ) : null}

      {formError ? (
        <Alert title={t.payment.formErrorTitle}>
          <p>
            {formError.fields
              ? format(t.payment.checkFields, { message: errorText(formError.error, i18n) })
              : isApiRequestError(formError.error)
                ? errorText(formError.error, i18n)
                : t.errors.onThisPage}
          </p>
          <ErrorReference error={formError.error} />
        </Alert>
      ) : null}
      <div role="status" className="form-status">
        {isSubmitting ? t.payment.saving : ''}
      </div>
      <div className="actions">
        <Button type="submit" busy={isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
