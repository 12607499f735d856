import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n/language';

export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** Renders the input, select or textarea with the ids and states it needs. */
  children: (control: ControlProps) => ReactNode;
}

/** A labelled control with its hint and its error right beside it (read out when it takes focus). */
export function Field({ id, label, hint, error, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error && errorId ? <FieldError id={errorId}>{error}</FieldError> : null}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
    </div>
  );
}

export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <p id={id} className="field-error">
      {/* Words, not only red, say this is an error. */}
      <span className="field-error-prefix">{t.common.errorPrefix}</span> {children}
    </p>
  );
}
