/**
 * What to tell the patient about a failed call. The server (and this client) speak English: in
 * English the page shows their own words, which can be more specific; in any other language the
 * catalogue's text for the error's code.
 */
import { isApiRequestError } from '../../api/client';
import type { Messages } from './en';
import type { Lang } from './language';

export function errorText(error: unknown, { t, lang }: { t: Messages; lang: Lang }): string {
  if (!isApiRequestError(error)) return t.errors.generic;
  if (lang === 'en' && error.message) return error.message;
  return t.errors[error.code];
}
