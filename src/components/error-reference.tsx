import { isApiRequestError } from '../api/client';
import { format } from '../lib/i18n/format';
import { useI18n } from '../lib/i18n/language';

/** "Reference: K7M2Q9XA3P" under an error from our server: what the patient quotes to the clinic. */
export function ErrorReference({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!isApiRequestError(error) || !error.reference) return null;
  return <p className="error-reference">{format(t.common.reference, { ref: error.reference })}</p>;
}
