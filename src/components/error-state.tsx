import { Alert } from './alert';
import { useI18n } from '../lib/i18n/language';
import { Button } from './button';
import { ErrorReference } from './error-reference';

interface ErrorStateProps {
  title?: string;
  message: string;
  onRetry?: () => void;
  retrying?: boolean;
  /** The failure, when it came from the API: its reference is shown. */
  error?: unknown;
}

export function ErrorState({ title, message, onRetry, retrying = false, error }: ErrorStateProps) {
  const { t } = useI18n();
  return (
    <div className="error-state">
      <Alert title={title ?? t.common.somethingWentWrong}>
        <p>{message}</p>
        <ErrorReference error={error} />
      </Alert>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry} busy={retrying}>
          {t.common.tryAgain}
        </Button>
      ) : null}
    </div>
  );
}
