/**
 * "What kind of visit?": the clinic's visit types (VSee consultations), each with its length, its
 * price or "No charge", and how it happens (video, phone, in person). Native radio buttons in a
 * fieldset: one Tab stop, arrow keys move and choose, the legend names the group.
 */
import type { VisitType } from '../../../api/contract';
import { FieldError } from '../../../components/field';
import { formatMoney } from '../../../lib/format-money';
import type { Messages } from '../../../lib/i18n/en';
import { format, useI18n } from '../../../lib/i18n/language';

export interface VisitTypeChoiceProps {
  visitTypes: VisitType[];
  value: string | null;
  onChange: (id: string) => void;
  /** Shown beside the legend, with the radios marked invalid (e.g. Continue with nothing chosen). */
  error?: string | null;
  idPrefix?: string;
}

export function modalityWords(modality: VisitType['modality'], t: Messages['choices']): string {
  return modality === 'phone' ? t.phone : modality === 'in_person' ? t.inPerson : t.video;
}

/** "30 minutes · $89.00", "15 minutes · No charge". */
export function visitTypeFacts(type: VisitType, t: Messages['choices'], locale: string): string {
  const price = type.price ? formatMoney(type.price.amount, type.price.currency, locale) : t.noCharge;
  return `${format(t.length, { minutes: type.minutes })} · ${price}`;
}

export function VisitTypeChoice({ visitTypes, value, onChange, error, idPrefix = 'visit-type' }: VisitTypeChoiceProps) {
  const { t: all, locale } = useI18n();
  const t = all.choices;
  const legendId = `${idPrefix}-legend`;
  const errorId = `${idPrefix}-error`;
  return (
    <fieldset
      className={error ? 'fieldset choices field-invalid' : 'fieldset choices'}
      aria-describedby={[error ? errorId : null, `${idPrefix}-hint`].filter(Boolean).join(' ')}
    >
      <legend id={legendId}>{t.visitTypeLegend}</legend>
      <p id={`${idPrefix}-hint`} className="field-hint">
        {t.visitTypeHint}
      </p>
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
      {visitTypes.map((type) => {
        const id = `${idPrefix}-${type.id}`;
        return (
          <div className="choice" key={type.id}>
            <input
              id={id}
              type="radio"
              name={idPrefix}
              value={type.id}
              checked={value === type.id}
              onChange={() => onChange(type.id)}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-facts`}
            />
            <label htmlFor={id}>{type.description}</label>
            <p id={`${id}-facts`} className="choice-hint">
              {visitTypeFacts(type, t, locale)}
              <br />
              {modalityWords(type.modality, t)}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}
