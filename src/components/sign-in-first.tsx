import { useI18n } from '../lib/i18n/language';
import { Alert } from './alert';

/** Without guest booking only patients the host site signed in may book (embedded launch). */
export function SignInFirst() {
  const { t } = useI18n();
  return (
    <Alert tone="info" title={t.signInFirst.title}>
      <p>{t.signInFirst.body}</p>
    </Alert>
  );
}
