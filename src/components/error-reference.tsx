import { isApiRequestError } from '../api/client';
import { format } from '../lib/i18n/format';
import { useI18n } from '../lib/i18n/language';

/**
 * What the patient reads out: the request id itself (10 characters), or — when a caller's trace
 * named the request, a 32-hex trace id — its first 12 characters, which still find the request's
 * log lines (search by prefix) and are short enough to say on the phone.
 */
export function shortReference(reference: string): string {
  return /^[0-9a-f]{32}$/.test(reference) ? reference.slice(0, 12) : reference;
}

/**
 * "Reference: K7M2Q9XA3P" under an error from our server: what the patient quotes to the clinic.
 * `error`: the failure (a reference only if it came from our API); or the `reference` itself.
 */
export function ErrorReference({ error, reference }: { error?: unknown; reference?: string | null }) {
  const { t } = useI18n();
  const ref = reference ?? (isApiRequestError(error) ? error.reference : undefined);
  if (!ref) return null;
  return <p className="error-reference">{format(t.common.reference, { ref: shortReference(ref) })}</p>;
}
